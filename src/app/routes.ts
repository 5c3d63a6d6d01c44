import type { FastifyInstance, FastifySchema, RouteHandlerMethod } from 'fastify';
import type { AppDeps } from './deps.js';
import { createGuards, type Guard } from './guards.js';
import { createHealthRoutes } from './health.js';
import { createAssetRoutes } from './assets.js';
import { createLoginApi, loginSchemas } from '../flows/login/api.js';
import { createLoginPages } from '../flows/login/pages.js';
import { createMeApi, createProfileApi, profileSchemas } from '../flows/settings/api.js';
import { createProfilePages } from '../flows/settings/pages.js';
import { createHomePages } from '../portal/home/pages.js';
import { createRegistrationPages } from '../flows/registration/pages.js';
import { createRegistrationApi, registrationSchemas } from '../flows/registration/api.js';
import { createOutboxPages } from '../delivery/outbox-page.js';

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  guards?: Guard[];
  schema?: FastifySchema;
  handler: RouteHandlerMethod;
}

/** The one route table (DESIGN rule 3): every route with its guards. */
export function registerRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { requireSession, requirePageSession, requireFormToken } = createGuards(deps);
  const health = createHealthRoutes(deps);
  const assets = createAssetRoutes();
  const loginApi = createLoginApi(deps);
  const loginPages = createLoginPages(deps);
  const meApi = createMeApi();
  const profileApi = createProfileApi(deps);
  const profile = createProfilePages(deps);
  const home = createHomePages(deps);
  const registration = createRegistrationPages(deps);
  const registrationApi = createRegistrationApi(deps);
  const outbox = createOutboxPages(deps);

  const table: Route[] = [
    { method: 'GET', url: '/healthz', handler: health.live },
    { method: 'GET', url: '/readyz', handler: health.ready },
    { method: 'GET', url: '/assets/:name', handler: assets.serve as RouteHandlerMethod },

    // JSON API (SPEC §14.2). Content type and Origin are checked for every API request in build-app.
    { method: 'POST', url: '/api/v1/login', schema: loginSchemas.login, handler: loginApi.login as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/logout', handler: loginApi.logout },
    { method: 'GET', url: '/api/v1/me', guards: [requireSession], handler: meApi.get },
    // Edit My Profile (PROF-1, PROF-2, SESS-3, SESS-4): fresh authentication is checked inside the flows (it depends on `current`).
    { method: 'POST', url: '/api/v1/me/password', guards: [requireSession], schema: profileSchemas.password, handler: profileApi.password as RouteHandlerMethod },
    { method: 'PUT', url: '/api/v1/me/contact', guards: [requireSession], schema: profileSchemas.contact, handler: profileApi.contact as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/me/contact/verify', guards: [requireSession], schema: profileSchemas.verify, handler: profileApi.verifyContact as RouteHandlerMethod },
    { method: 'PUT', url: '/api/v1/me/questions', guards: [requireSession], schema: profileSchemas.questions, handler: profileApi.questions as RouteHandlerMethod },
    { method: 'PUT', url: '/api/v1/me/language', guards: [requireSession], schema: profileSchemas.language, handler: profileApi.language as RouteHandlerMethod },
    { method: 'GET', url: '/api/v1/me/sessions', guards: [requireSession], handler: profileApi.sessions },
    { method: 'DELETE', url: '/api/v1/me/sessions/:id', guards: [requireSession], schema: profileSchemas.session, handler: profileApi.endSession as RouteHandlerMethod },
    { method: 'GET', url: '/api/v1/me/activity', guards: [requireSession], handler: profileApi.activity },
    { method: 'GET', url: '/api/v1/challenge-questions', handler: registrationApi.questions },
    // Registration wizard (REG): the flow comes from the `portico_flow` cookie set by a PIN sign-in.
    { method: 'GET', url: '/api/v1/registration', handler: registrationApi.show },
    { method: 'POST', url: '/api/v1/registration/language', schema: registrationSchemas.language, handler: registrationApi.language as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/registration/terms', schema: registrationSchemas.terms, handler: registrationApi.terms as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/registration/contact', schema: registrationSchemas.contact, handler: registrationApi.contact as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/registration/contact/resend', schema: registrationSchemas.resend, handler: registrationApi.resend as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/registration/contact/verify', schema: registrationSchemas.verify, handler: registrationApi.verify as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/registration/questions', schema: registrationSchemas.questions, handler: registrationApi.setQuestions as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/registration/password', schema: registrationSchemas.password, handler: registrationApi.password as RouteHandlerMethod },

    // Pages (SPEC §14.1).
    { method: 'GET', url: '/', handler: loginPages.root },
    { method: 'GET', url: '/login', handler: loginPages.show },
    { method: 'POST', url: '/login', guards: [requireFormToken], handler: loginPages.submit as RouteHandlerMethod },
    { method: 'POST', url: '/logout', guards: [requireFormToken], handler: loginPages.logout },
    { method: 'GET', url: '/register', handler: registration.start },
    { method: 'GET', url: '/register/:step', handler: registration.show as RouteHandlerMethod },
    { method: 'POST', url: '/register/:step', guards: [requireFormToken], handler: registration.submit as RouteHandlerMethod },
    { method: 'POST', url: '/register/verify/resend', guards: [requireFormToken], handler: registration.resend as RouteHandlerMethod },
    { method: 'GET', url: '/home', guards: [requirePageSession], handler: home.show },
    { method: 'GET', url: '/profile', guards: [requirePageSession], handler: profile.overview },
    { method: 'POST', url: '/profile/contact', guards: [requirePageSession, requireFormToken], handler: profile.contact as RouteHandlerMethod },
    { method: 'GET', url: '/profile/contact/verify', guards: [requirePageSession], handler: profile.showVerify },
    { method: 'POST', url: '/profile/contact/verify', guards: [requirePageSession, requireFormToken], handler: profile.verify as RouteHandlerMethod },
    { method: 'POST', url: '/profile/language', guards: [requirePageSession, requireFormToken], handler: profile.language as RouteHandlerMethod },
    { method: 'POST', url: '/profile/questions', guards: [requirePageSession, requireFormToken], handler: profile.questions as RouteHandlerMethod },
    { method: 'GET', url: '/profile/password', guards: [requirePageSession], handler: profile.showPassword },
    { method: 'POST', url: '/profile/password', guards: [requirePageSession, requireFormToken], handler: profile.password as RouteHandlerMethod },
    { method: 'GET', url: '/profile/sessions', guards: [requirePageSession], handler: profile.sessions },
    { method: 'POST', url: '/profile/sessions/end', guards: [requirePageSession, requireFormToken], handler: profile.endSession as RouteHandlerMethod },
    { method: 'GET', url: '/profile/security', guards: [requirePageSession], handler: profile.security },
    // DELIV-2: the outbox viewer does not exist outside demo mode.
    ...(deps.config.demo ? [{ method: 'GET', url: '/dev/outbox', handler: outbox.show } satisfies Route] : []),
  ];

  for (const route of table) {
    app.route({
      method: route.method,
      url: route.url,
      ...(route.schema ? { schema: route.schema } : {}),
      ...(route.guards ? { preHandler: route.guards } : {}),
      handler: route.handler,
    });
  }
}
