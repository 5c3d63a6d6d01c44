import type { FastifyInstance, FastifySchema, RouteHandlerMethod } from 'fastify';
import type { AppDeps } from './deps.js';
import { createGuards, type Guard } from './guards.js';
import { createHealthRoutes } from './health.js';
import { createAssetRoutes } from './assets.js';
import { createLoginApi, loginSchemas } from '../flows/login/api.js';
import { createLoginPages } from '../flows/login/pages.js';
import { createMeApi } from '../flows/settings/api.js';
import { createHomePages } from '../portal/home/pages.js';
import { createRegistrationPages } from '../flows/registration/pages.js';

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
  const home = createHomePages(deps);
  const registration = createRegistrationPages(deps);

  const table: Route[] = [
    { method: 'GET', url: '/healthz', handler: health.live },
    { method: 'GET', url: '/readyz', handler: health.ready },
    { method: 'GET', url: '/assets/:name', handler: assets.serve as RouteHandlerMethod },

    // JSON API (SPEC §14.2). Content type and Origin are checked for every API request in build-app.
    { method: 'POST', url: '/api/v1/login', schema: loginSchemas.login, handler: loginApi.login as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/logout', handler: loginApi.logout },
    { method: 'GET', url: '/api/v1/me', guards: [requireSession], handler: meApi.get },

    // Pages (SPEC §14.1).
    { method: 'GET', url: '/', handler: loginPages.root },
    { method: 'GET', url: '/login', handler: loginPages.show },
    { method: 'POST', url: '/login', guards: [requireFormToken], handler: loginPages.submit as RouteHandlerMethod },
    { method: 'POST', url: '/logout', guards: [requireFormToken], handler: loginPages.logout },
    { method: 'GET', url: '/register', handler: registration.show },
    { method: 'GET', url: '/home', guards: [requirePageSession], handler: home.show },
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
