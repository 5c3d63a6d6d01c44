import type { FastifyInstance, FastifySchema, RouteHandlerMethod } from 'fastify';
import type { AppDeps } from '../core/deps.js';
import { createGuards, type Guard } from './guards.js';
import { createHealthRoutes } from './health.js';
import { createMetrics } from './metrics.js';
import { buildOpenApiDocument, listOf, type DocumentedBody, type DocumentedList } from './openapi.js';
import { createAssetRoutes } from './assets.js';
import { createLoginApi, loginSchemas } from '../flows/login/api.js';
import { createLoginPages } from '../flows/login/pages.js';
import { createSsoPages } from '../flows/login/sso-pages.js';
import { createMeApi, createProfileApi, profileSchemas } from '../flows/settings/api.js';
import { createProfilePages } from '../flows/settings/pages.js';
import { createHomePages } from '../portal/home/pages.js';
import { createNewsApi, newsSchemas } from '../portal/news/api.js';
import { createNewsPages } from '../portal/news/pages.js';
import { createTasksApi, taskSchemas } from '../portal/tasks/api.js';
import { createTasksPages } from '../portal/tasks/pages.js';
import { createReviewsApi, reviewSchemas } from '../portal/reviews/api.js';
import { createReviewsPages } from '../portal/reviews/pages.js';
import { createBenefitsApi } from '../portal/benefits/api.js';
import { createBenefitsPages } from '../portal/benefits/pages.js';
import { createRegistrationPages } from '../flows/registration/pages.js';
import { createRegistrationApi, registrationSchemas } from '../flows/registration/api.js';
import { createOutboxPages } from '../delivery/outbox-pages.js';
import { createRecoveryApi, recoverySchemas } from '../flows/recovery/api.js';
import { createRecoveryPages } from '../flows/recovery/pages.js';
import { createResetLinkFormGuard } from './reset-link-form-guard.js';
import { createMfaLoginApi, mfaLoginSchemas } from '../flows/login/mfa-api.js';
import { createMfaLoginPages } from '../flows/login/mfa-pages.js';
import { createMfaProfileApi, mfaProfileSchemas } from '../flows/settings/mfa-api.js';
import { createMfaProfilePages } from '../flows/settings/mfa-pages.js';
import { createHelpApi, helpSchemas } from '../flows/help/api.js';
import { createHelpPages } from '../flows/help/pages.js';
import { createSetPasswordApi, setPasswordSchemas } from '../flows/login/set-password-api.js';
import { createSetPasswordPages } from '../flows/login/set-password-pages.js';
import { auditSchemas, createAuditApi } from '../console/audit/audit-api.js';
import { createAuditPages } from '../console/audit/audit-pages.js';
import { createHelpRequestsApi, helpRequestSchemas } from '../console/help-requests/help-requests-api.js';
import { createHelpRequestPages } from '../console/help-requests/help-requests-pages.js';
import { ROSTER_API_URL, ROSTER_BODY_LIMIT, ROSTER_DOCUMENTED_BODY, createRosterApi, registerRosterCsvParser, rosterSchemas } from '../console/roster/roster-api.js';
import { createRosterPages } from '../console/roster/roster-pages.js';
import { createContentApi } from '../console/content/content-api.js';
import { createContentPages } from '../console/content/content-pages.js';
import { contentDocumentedBody } from '../console/content/content-schemas.js';
import { createMessagesApi, messageSchemas } from '../console/queue/messages-api.js';
import { createQueuePages } from '../console/queue/outbox-pages.js';
import { createEmployeesApi, employeesSchemas } from '../console/employees/api.js';
import { createEmployeesPages } from '../console/employees/pages.js';
import { createPasskeyLoginApi, passkeyLoginSchemas } from '../flows/login/passkey-api.js';
import { createPasskeyProfileApi, passkeyProfileSchemas } from '../flows/settings/passkeys-api.js';
import { createPasskeyProfilePages } from '../flows/settings/passkeys-pages.js';
// Issue 16: Portico as the company's identity provider.
import { idpFor } from '../idp/idp.js';
import { createInteractionPages } from '../idp/interaction-pages.js';
import { registerProviderRoutes } from '../idp/provider-api.js';
import { INTERACTION_PATH } from '../idp/paths.js';
import { appsSchemas, createAppsApi } from '../idp/apps-api.js';
import { createAppsPages } from '../idp/apps-pages.js';
import { createClientsPages } from '../console/clients/clients-pages.js';
import { DEMO_CLIENT_ROUTES, createDemoClientPages } from '../demo/demo-client-pages.js';

const documented = (route: Route) => ({
  method: route.method,
  url: route.url,
  guarded: (route.guards?.length ?? 0) > 0,
  ...(route.schema ? { schema: route.schema } : {}),
  ...(route.documentedBody ? { body: route.documentedBody } : {}),
  ...(route.list ? { list: route.list } : {}),
});

// The documented shapes of the lists' answers (SPEC §14.2: `items`, extra keys beside it).
const ARRAY = { type: 'array', items: { type: 'object' } };
const QUESTIONS = listOf({ type: 'object', required: ['id', 'text'], properties: { id: { type: 'string' }, text: { type: 'string' } } });

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  guards?: Guard[];
  schema?: FastifySchema;
  /** Only for a route that takes more than the app's 64 KiB (the roster upload). */
  bodyLimit?: number;
  /** A body that is not JSON, for the OpenAPI document only (the roster upload). */
  documentedBody?: DocumentedBody;
  /** A GET that answers a list: its `{items}` shape, for the OpenAPI document. */
  list?: DocumentedList;
  handler: RouteHandlerMethod;
}

/** The one route table (DESIGN rule 3): every route with its guards. */
export function registerRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { requireSession, requirePageSession, knowSignedIn, requireFormToken, requireConsole, requireTargetInReach, requireAuditScope } = createGuards(deps);
  const health = createHealthRoutes(deps);
  const metrics = createMetrics(app, deps);
  const assets = createAssetRoutes();
  const loginApi = createLoginApi(deps);
  const loginPages = createLoginPages(deps);
  const ssoPages = deps.config.sso ? createSsoPages(deps, deps.config.sso) : null;
  const meApi = createMeApi();
  const profileApi = createProfileApi(deps);
  const profile = createProfilePages(deps);
  const home = createHomePages(deps);
  const newsApi = createNewsApi(deps);
  const newsPages = createNewsPages(deps);
  const tasksApi = createTasksApi(deps);
  const tasksPages = createTasksPages(deps);
  const reviewsApi = createReviewsApi(deps);
  const reviewsPages = createReviewsPages(deps);
  const benefitsApi = createBenefitsApi(deps);
  const benefitsPages = createBenefitsPages(deps);
  const registration = createRegistrationPages(deps);
  const registrationApi = createRegistrationApi(deps);
  const outbox = createOutboxPages(deps);
  const recoveryApi = createRecoveryApi(deps);
  const recovery = createRecoveryPages(deps);
  const requireResetLinkFormToken = createResetLinkFormGuard(deps);
  const mfaLoginApi = createMfaLoginApi(deps);
  const mfaLoginPages = createMfaLoginPages(deps);
  const mfaProfileApi = createMfaProfileApi(deps);
  const mfaProfile = createMfaProfilePages(deps);
  const helpApi = createHelpApi(deps);
  const help = createHelpPages(deps);
  const setPasswordApi = createSetPasswordApi(deps);
  const setPasswordPages = createSetPasswordPages(deps);
  const auditApi = createAuditApi(deps);
  const auditPages = createAuditPages(deps);
  const helpRequestsApi = createHelpRequestsApi(deps);
  const helpRequestPages = createHelpRequestPages(deps);
  const rosterApi = createRosterApi(deps);
  const rosterPages = createRosterPages(deps);
  const contentApi = createContentApi(deps);
  const contentPages = createContentPages(deps);
  const messagesApi = createMessagesApi(deps);
  const queuePages = createQueuePages(deps);
  registerRosterCsvParser(app);
  const employeesApi = createEmployeesApi(deps);
  const employeesPages = createEmployeesPages(deps);
  const passkeyLoginApi = createPasskeyLoginApi(deps);
  const passkeyProfileApi = createPasskeyProfileApi(deps);
  const passkeyProfile = createPasskeyProfilePages(deps);
  // Issue 16: the identity provider.
  const idp = idpFor(deps, app.log);
  const interactionPages = createInteractionPages(deps, idp);
  const appsApi = createAppsApi(deps);
  const appsPages = createAppsPages(deps);
  const clientsPages = createClientsPages(deps);
  const demoClient = createDemoClientPages(deps);

  const table: Route[] = [
    { method: 'GET', url: '/healthz', handler: health.live },
    { method: 'GET', url: '/readyz', handler: health.ready },
    { method: 'GET', url: '/metrics', handler: metrics.show },
    { method: 'GET', url: '/assets/:name', handler: assets.serve as RouteHandlerMethod },

    // JSON API (SPEC §14.2). Content type and Origin are checked for every API request in build-app.
    // The OpenAPI 3.1 document is built from this table, so it lists exactly these routes.
    { method: 'GET', url: '/api/v1/openapi.json', handler: async (_request, reply) => reply.send((openApi ??= buildOpenApiDocument(table.map(documented)))) },
    { method: 'POST', url: '/api/v1/login', schema: loginSchemas.login, handler: loginApi.login as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/logout', handler: loginApi.logout },
    // MFA-2..4: the code step between a right password and a session; the flow id is in the body.
    { method: 'POST', url: '/api/v1/login/code/send', schema: mfaLoginSchemas.send, handler: mfaLoginApi.send as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/login/code', schema: mfaLoginSchemas.code, handler: mfaLoginApi.code as RouteHandlerMethod },
    // LOGIN-3 / HELP-4: the new password after a help-desk PIN (`next: set_password`); the flow id is in the body.
    // MFA-7: a passkey sign-in (both factors), and a passkey as the code step's second factor. Each answer spends its challenge.
    { method: 'POST', url: '/api/v1/passkeys/login/options', schema: passkeyLoginSchemas.options, handler: passkeyLoginApi.options as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/passkeys/login', schema: passkeyLoginSchemas.login, handler: passkeyLoginApi.login as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/login/code/passkey/options', schema: passkeyLoginSchemas.codeOptions, handler: passkeyLoginApi.codeOptions as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/login/code/passkey', schema: passkeyLoginSchemas.code, handler: passkeyLoginApi.code as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/login/password', schema: setPasswordSchemas.password, handler: setPasswordApi.password as RouteHandlerMethod },
    { method: 'GET', url: '/api/v1/me', guards: [requireSession], handler: meApi.get },
    // Edit My Profile (PROF-1, PROF-2, SESS-3, SESS-4): fresh authentication is checked inside the flows (it depends on `current`).
    { method: 'POST', url: '/api/v1/me/password', guards: [requireSession], schema: profileSchemas.password, handler: profileApi.password as RouteHandlerMethod },
    { method: 'PUT', url: '/api/v1/me/contact', guards: [requireSession], schema: profileSchemas.contact, handler: profileApi.contact as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/me/contact/verify', guards: [requireSession], schema: profileSchemas.verify, handler: profileApi.verifyContact as RouteHandlerMethod },
    { method: 'PUT', url: '/api/v1/me/questions', guards: [requireSession], schema: profileSchemas.questions, handler: profileApi.questions as RouteHandlerMethod },
    { method: 'PUT', url: '/api/v1/me/language', guards: [requireSession], schema: profileSchemas.language, handler: profileApi.language as RouteHandlerMethod },
    { method: 'GET', url: '/api/v1/me/sessions', guards: [requireSession], list: listOf(), handler: profileApi.sessions },
    { method: 'DELETE', url: '/api/v1/me/sessions/:id', guards: [requireSession], schema: profileSchemas.session, handler: profileApi.endSession as RouteHandlerMethod },
    { method: 'GET', url: '/api/v1/me/activity', guards: [requireSession], list: listOf(), handler: profileApi.activity },
    { method: 'PUT', url: '/api/v1/me/mfa', guards: [requireSession], schema: mfaProfileSchemas.change, handler: mfaProfileApi.change as RouteHandlerMethod },
    // MFA-6: a code to the current factor, for changing it.
    { method: 'POST', url: '/api/v1/me/mfa/code', guards: [requireSession], handler: mfaProfileApi.sendCode },
    { method: 'POST', url: '/api/v1/me/mfa/totp', guards: [requireSession], schema: mfaProfileSchemas.totp, handler: mfaProfileApi.confirmTotp as RouteHandlerMethod },
    // MFA-7: the caller's own passkeys (up to 10); adding needs MFA-6's proof when the account already has a second factor.
    { method: 'GET', url: '/api/v1/me/passkeys', guards: [requireSession], list: listOf(), handler: passkeyProfileApi.list },
    { method: 'POST', url: '/api/v1/me/passkeys/options', guards: [requireSession], schema: passkeyProfileSchemas.options, handler: passkeyProfileApi.options as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/me/passkeys', guards: [requireSession], schema: passkeyProfileSchemas.add, handler: passkeyProfileApi.add as RouteHandlerMethod },
    { method: 'PATCH', url: '/api/v1/me/passkeys/:id', guards: [requireSession], schema: passkeyProfileSchemas.rename, handler: passkeyProfileApi.rename as RouteHandlerMethod },
    { method: 'DELETE', url: '/api/v1/me/passkeys/:id', guards: [requireSession], schema: passkeyProfileSchemas.remove, handler: passkeyProfileApi.remove as RouteHandlerMethod },
    // HOME-1/2: the homepage modules, always for the signed-in employee (another's item is 404, like a missing one).
    { method: 'GET', url: '/api/v1/news', guards: [requireSession], schema: newsSchemas.list, list: listOf({ type: 'object' }, { page: { type: 'integer' }, pages: { type: 'integer' }, total: { type: 'integer' } }), handler: newsApi.list as RouteHandlerMethod },
    { method: 'GET', url: '/api/v1/news/:id', guards: [requireSession], schema: newsSchemas.article, handler: newsApi.article as RouteHandlerMethod },
    { method: 'GET', url: '/api/v1/tasks', guards: [requireSession], list: listOf(), handler: tasksApi.list },
    { method: 'POST', url: '/api/v1/tasks/:id/done', guards: [requireSession], schema: taskSchemas.task, handler: tasksApi.done as RouteHandlerMethod },
    { method: 'DELETE', url: '/api/v1/tasks/:id/done', guards: [requireSession], schema: taskSchemas.task, handler: tasksApi.undo as RouteHandlerMethod },
    { method: 'GET', url: '/api/v1/reviews', guards: [requireSession], list: listOf(), handler: reviewsApi.list },
    { method: 'POST', url: '/api/v1/reviews/:id/acknowledge', guards: [requireSession], schema: reviewSchemas.acknowledge, handler: reviewsApi.acknowledge as RouteHandlerMethod },
    { method: 'GET', url: '/api/v1/benefits', guards: [requireSession], list: listOf({ type: 'object' }, { upcoming: ARRAY, ended: ARRAY, nextEnrolment: { type: ['object', 'null'] } }), handler: benefitsApi.summary },
    // MFA-5: the console's guard, end to end (the console's own routes reuse it).
    { method: 'GET', url: '/api/v1/admin/whoami', guards: [requireConsole('helpdesk')], handler: employeesApi.whoami },
    // HELP-3..5: employee search, account state and the help desk's actions (each with a reason); roles are admin only.
    // HELP-6: every route that takes an employee goes through requireTargetInReach (never oneself; console accounts only for admins).
    { method: 'GET', url: '/api/v1/admin/employees', guards: [requireConsole('helpdesk')], schema: employeesSchemas.search, list: listOf(), handler: employeesApi.search as RouteHandlerMethod },
    { method: 'GET', url: '/api/v1/admin/employees/:employeeId', guards: [requireConsole('helpdesk'), requireTargetInReach], schema: employeesSchemas.detail, handler: employeesApi.detail as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/admin/employees/:employeeId/unlock', guards: [requireConsole('helpdesk'), requireTargetInReach], schema: employeesSchemas.action, handler: employeesApi.unlock as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/admin/employees/:employeeId/pin', guards: [requireConsole('helpdesk'), requireTargetInReach], schema: employeesSchemas.provenAction, handler: employeesApi.pin as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/admin/employees/:employeeId/reset-mfa', guards: [requireConsole('helpdesk'), requireTargetInReach], schema: employeesSchemas.provenAction, handler: employeesApi.resetMfa as RouteHandlerMethod },
    // HELP-7: verify the caller with a code sent to the employee's registered contact.
    { method: 'POST', url: '/api/v1/admin/employees/:employeeId/verify-caller', guards: [requireConsole('helpdesk'), requireTargetInReach], schema: employeesSchemas.verifyCaller, handler: employeesApi.verifyCaller as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/admin/employees/:employeeId/verify-caller/code', guards: [requireConsole('helpdesk'), requireTargetInReach], schema: employeesSchemas.callerCode, handler: employeesApi.confirmCaller as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/admin/employees/:employeeId/end-sessions', guards: [requireConsole('helpdesk'), requireTargetInReach], schema: employeesSchemas.action, handler: employeesApi.endSessions as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/admin/employees/:employeeId/roles', guards: [requireConsole('admin'), requireTargetInReach], schema: employeesSchemas.roles, handler: employeesApi.roles as RouteHandlerMethod },
    // AUDIT-2: the console's audit search.
    { method: 'GET', url: '/api/v1/admin/audit', guards: [requireConsole('helpdesk'), requireAuditScope('api')], schema: auditSchemas.search, list: listOf({ type: 'object' }, { nextCursor: { type: ['string', 'null'] } }), handler: auditApi.search as RouteHandlerMethod },
    // HELP-3: the help desk queue; closing tells the requester the outcome.
    { method: 'GET', url: '/api/v1/admin/help-requests', guards: [requireConsole('helpdesk')], schema: helpRequestSchemas.list, list: listOf(), handler: helpRequestsApi.list },
    { method: 'POST', url: '/api/v1/admin/help-requests/:id/close', guards: [requireConsole('helpdesk')], schema: helpRequestSchemas.close, handler: helpRequestsApi.close as RouteHandlerMethod },
    // ROSTER-1..3: a `text/csv` body up to 1 MiB (the only route with its own limit and content type).
    { method: 'POST', url: ROSTER_API_URL, guards: [requireConsole('hr')], schema: rosterSchemas.upload, bodyLimit: ROSTER_BODY_LIMIT, documentedBody: ROSTER_DOCUMENTED_BODY, handler: rosterApi.upload as RouteHandlerMethod },
    // HOME-3: HR's news, tasks, reviews and benefits. Bodies are checked by the content validators
    // (per-field problems, shared with the console forms and `portico content import`), after the guard.
    { method: 'GET', url: '/api/v1/admin/news', guards: [requireConsole('hr')], list: listOf(), handler: contentApi.listNews },
    { method: 'POST', url: '/api/v1/admin/news', guards: [requireConsole('hr')], documentedBody: contentDocumentedBody('news'), handler: contentApi.createNews },
    { method: 'GET', url: '/api/v1/admin/tasks', guards: [requireConsole('hr')], list: listOf(), handler: contentApi.listTasks },
    { method: 'POST', url: '/api/v1/admin/tasks', guards: [requireConsole('hr')], documentedBody: contentDocumentedBody('tasks'), handler: contentApi.createTask },
    { method: 'GET', url: '/api/v1/admin/reviews', guards: [requireConsole('hr')], list: listOf(), handler: contentApi.listReviews },
    { method: 'POST', url: '/api/v1/admin/reviews', guards: [requireConsole('hr')], documentedBody: contentDocumentedBody('reviews'), handler: contentApi.createReview },
    { method: 'GET', url: '/api/v1/admin/benefits', guards: [requireConsole('hr')], list: listOf(), handler: contentApi.listBenefits },
    { method: 'POST', url: '/api/v1/admin/benefits', guards: [requireConsole('hr')], documentedBody: contentDocumentedBody('benefits'), handler: contentApi.createBenefit },
    // DELIV-3: the message queue, for admins (never the message data).
    { method: 'GET', url: '/api/v1/admin/messages', guards: [requireConsole('admin')], schema: messageSchemas.list, list: listOf(), handler: messagesApi.list as RouteHandlerMethod },
    { method: 'GET', url: '/api/v1/challenge-questions', list: QUESTIONS, handler: registrationApi.questions },
    // Registration wizard (REG): the flow comes from the `portico_flow` cookie set by a PIN sign-in.
    { method: 'GET', url: '/api/v1/registration', handler: registrationApi.show },
    { method: 'POST', url: '/api/v1/registration/language', schema: registrationSchemas.language, handler: registrationApi.language as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/registration/terms', schema: registrationSchemas.terms, handler: registrationApi.terms as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/registration/contact', schema: registrationSchemas.contact, handler: registrationApi.contact as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/registration/contact/resend', schema: registrationSchemas.resend, handler: registrationApi.resend as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/registration/contact/verify', schema: registrationSchemas.verify, handler: registrationApi.verify as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/registration/questions', schema: registrationSchemas.questions, handler: registrationApi.setQuestions as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/registration/password', schema: registrationSchemas.password, handler: registrationApi.password as RouteHandlerMethod },
    // Forgot password (RECOV): no session; the flow id is in the path. Sending answers 202 whatever matched (RECOV-1).
    { method: 'POST', url: '/api/v1/recovery', schema: recoverySchemas.start, handler: recoveryApi.start as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/recovery/link', schema: recoverySchemas.redeem, handler: recoveryApi.redeem as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/recovery/:flowId/link', schema: recoverySchemas.link, handler: recoveryApi.link as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/recovery/:flowId/code/send', schema: recoverySchemas.sendCode, handler: recoveryApi.sendCode as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/recovery/:flowId/code', schema: recoverySchemas.code, handler: recoveryApi.code as RouteHandlerMethod },
    { method: 'GET', url: '/api/v1/recovery/:flowId/questions', schema: recoverySchemas.questions, list: QUESTIONS, handler: recoveryApi.questions as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/recovery/:flowId/questions', schema: recoverySchemas.answers, handler: recoveryApi.answers as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/recovery/:flowId/password', schema: recoverySchemas.password, handler: recoveryApi.password as RouteHandlerMethod },
    // RECOV-6: after `next: code`, a second factor on another channel before the new password.
    { method: 'POST', url: '/api/v1/recovery/:flowId/totp', schema: recoverySchemas.totp, handler: recoveryApi.totp as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/recovery/:flowId/passkey/options', schema: recoverySchemas.passkeyOptions, handler: recoveryApi.passkeyOptions as RouteHandlerMethod },
    { method: 'POST', url: '/api/v1/recovery/:flowId/passkey', schema: recoverySchemas.passkey, handler: recoveryApi.passkey as RouteHandlerMethod },
    // HELP-2: the Technical Help Form; the same answer whether or not the Employee ID exists, rate limited per client.
    { method: 'POST', url: '/api/v1/help-requests', schema: helpSchemas.submit, handler: helpApi.submit as RouteHandlerMethod },

    // Pages (SPEC §14.1).
    { method: 'GET', url: '/', handler: loginPages.root },
    { method: 'GET', url: '/login', handler: loginPages.show },
    { method: 'POST', url: '/login', guards: [requireFormToken], handler: loginPages.submit as RouteHandlerMethod },
    { method: 'POST', url: '/logout', guards: [requireFormToken], handler: loginPages.logout },
    // LOGIN-10: company SSO (OpenID Connect); these routes do not exist unless PORTICO_SSO_ISSUER is set.
    ...(ssoPages
      ? ([
          { method: 'GET', url: '/login/sso', handler: ssoPages.start },
          { method: 'GET', url: '/login/sso/callback', handler: ssoPages.callback },
        ] satisfies Route[])
      : []),
    { method: 'GET', url: '/login/code', handler: mfaLoginPages.show },
    { method: 'POST', url: '/login/code', guards: [requireFormToken], handler: mfaLoginPages.submit as RouteHandlerMethod },
    { method: 'POST', url: '/login/code/send', guards: [requireFormToken], handler: mfaLoginPages.send as RouteHandlerMethod },
    { method: 'GET', url: '/login/password', handler: setPasswordPages.show },
    { method: 'POST', url: '/login/password', guards: [requireFormToken], handler: setPasswordPages.submit as RouteHandlerMethod },
    { method: 'GET', url: '/register', handler: registration.start },
    { method: 'GET', url: '/register/:step', handler: registration.show as RouteHandlerMethod },
    { method: 'POST', url: '/register/:step', guards: [requireFormToken], handler: registration.submit as RouteHandlerMethod },
    { method: 'POST', url: '/register/verify/resend', guards: [requireFormToken], handler: registration.resend as RouteHandlerMethod },
    { method: 'GET', url: '/recovery', handler: recovery.start as RouteHandlerMethod },
    { method: 'POST', url: '/recovery', guards: [requireFormToken], handler: recovery.startSubmit as RouteHandlerMethod },
    { method: 'GET', url: '/recovery/link', handler: recovery.linkPage as RouteHandlerMethod },
    // The link page sends no Referer (RECOV-2), so its form arrives with `Origin: null`: see reset-link-form-guard.ts.
    { method: 'POST', url: '/recovery/link', guards: [requireResetLinkFormToken], handler: recovery.linkRedeem as RouteHandlerMethod },
    { method: 'GET', url: '/recovery/:flowId', handler: recovery.methods as RouteHandlerMethod },
    { method: 'POST', url: '/recovery/:flowId', guards: [requireFormToken], handler: recovery.chooseMethod as RouteHandlerMethod },
    { method: 'GET', url: '/recovery/:flowId/link', handler: recovery.linkForm as RouteHandlerMethod },
    { method: 'POST', url: '/recovery/:flowId/link', guards: [requireFormToken], handler: recovery.linkSubmit as RouteHandlerMethod },
    { method: 'GET', url: '/recovery/:flowId/code/send', handler: recovery.codeSendForm as RouteHandlerMethod },
    { method: 'POST', url: '/recovery/:flowId/code/send', guards: [requireFormToken], handler: recovery.codeSend as RouteHandlerMethod },
    { method: 'GET', url: '/recovery/:flowId/code', handler: recovery.codeForm as RouteHandlerMethod },
    { method: 'POST', url: '/recovery/:flowId/code', guards: [requireFormToken], handler: recovery.codeSubmit as RouteHandlerMethod },
    { method: 'GET', url: '/recovery/:flowId/questions', handler: recovery.questionsForm as RouteHandlerMethod },
    { method: 'POST', url: '/recovery/:flowId/questions', guards: [requireFormToken], handler: recovery.questionsSubmit as RouteHandlerMethod },
    { method: 'GET', url: '/recovery/:flowId/password', handler: recovery.passwordForm as RouteHandlerMethod },
    { method: 'POST', url: '/recovery/:flowId/password', guards: [requireFormToken], handler: recovery.passwordSubmit as RouteHandlerMethod },
    { method: 'GET', url: '/recovery/:flowId/totp', handler: recovery.totpForm as RouteHandlerMethod },
    { method: 'POST', url: '/recovery/:flowId/totp', guards: [requireFormToken], handler: recovery.totpSubmit as RouteHandlerMethod },
    { method: 'GET', url: '/recovery/:flowId/passkey', handler: recovery.passkeyForm as RouteHandlerMethod },
    // HELP-1 / HELP-2: public help pages and the Technical Help Form (`/help/contact` wins over `/help/:topic`).
    { method: 'GET', url: '/help', guards: [knowSignedIn], handler: help.index },
    { method: 'GET', url: '/help/contact', guards: [knowSignedIn], handler: help.contact },
    { method: 'POST', url: '/help/contact', guards: [knowSignedIn, requireFormToken], handler: help.submit as RouteHandlerMethod },
    { method: 'GET', url: '/help/:topic', guards: [knowSignedIn], handler: help.topic as RouteHandlerMethod },
    { method: 'GET', url: '/home', guards: [requirePageSession], handler: home.show },
    // HOME-1/2: the homepage modules' pages; their forms come back (303) to the page, or to /home.
    { method: 'GET', url: '/news', guards: [requirePageSession], handler: newsPages.list },
    { method: 'GET', url: '/news/:id', guards: [requirePageSession], handler: newsPages.article as RouteHandlerMethod },
    { method: 'GET', url: '/tasks', guards: [requirePageSession], handler: tasksPages.list },
    { method: 'POST', url: '/tasks/:id/done', guards: [requirePageSession, requireFormToken], handler: tasksPages.done as RouteHandlerMethod },
    { method: 'POST', url: '/tasks/:id/undo', guards: [requirePageSession, requireFormToken], handler: tasksPages.undo as RouteHandlerMethod },
    { method: 'GET', url: '/reviews', guards: [requirePageSession], handler: reviewsPages.list },
    { method: 'POST', url: '/reviews/:id/acknowledge', guards: [requirePageSession, requireFormToken], handler: reviewsPages.acknowledge as RouteHandlerMethod },
    { method: 'GET', url: '/benefits', guards: [requirePageSession], handler: benefitsPages.show },
    { method: 'GET', url: '/profile', guards: [requirePageSession], handler: profile.overview },
    { method: 'GET', url: '/profile/contact', guards: [requirePageSession], handler: profile.showContact },
    { method: 'POST', url: '/profile/contact', guards: [requirePageSession, requireFormToken], handler: profile.contact as RouteHandlerMethod },
    { method: 'GET', url: '/profile/contact/verify', guards: [requirePageSession], handler: profile.showVerify },
    { method: 'POST', url: '/profile/contact/verify', guards: [requirePageSession, requireFormToken], handler: profile.verify as RouteHandlerMethod },
    { method: 'GET', url: '/profile/language', guards: [requirePageSession], handler: profile.showLanguage },
    { method: 'POST', url: '/profile/language', guards: [requirePageSession, requireFormToken], handler: profile.language as RouteHandlerMethod },
    { method: 'GET', url: '/profile/questions', guards: [requirePageSession], handler: profile.showQuestions },
    { method: 'POST', url: '/profile/questions', guards: [requirePageSession, requireFormToken], handler: profile.questions as RouteHandlerMethod },
    { method: 'GET', url: '/profile/password', guards: [requirePageSession], handler: profile.showPassword },
    { method: 'POST', url: '/profile/password', guards: [requirePageSession, requireFormToken], handler: profile.password as RouteHandlerMethod },
    { method: 'GET', url: '/profile/sessions', guards: [requirePageSession], handler: profile.sessions },
    { method: 'POST', url: '/profile/sessions/end', guards: [requirePageSession, requireFormToken], handler: profile.endSession as RouteHandlerMethod },
    { method: 'GET', url: '/profile/security', guards: [requirePageSession], handler: profile.security },
    { method: 'GET', url: '/profile/mfa', guards: [requirePageSession], handler: profile.showMfa },
    { method: 'POST', url: '/profile/mfa', guards: [requirePageSession, requireFormToken], handler: profile.mfa as RouteHandlerMethod },
    { method: 'POST', url: '/profile/mfa/code', guards: [requirePageSession, requireFormToken], handler: profile.sendMfaCode as RouteHandlerMethod },
    { method: 'GET', url: '/profile/mfa/totp', guards: [requirePageSession], handler: mfaProfile.showTotp },
    { method: 'POST', url: '/profile/mfa/totp', guards: [requirePageSession, requireFormToken], handler: mfaProfile.confirmTotp as RouteHandlerMethod },
    // MFA-7: the passkeys page; adding is the page's script through the JSON API, renaming and removing are forms.
    { method: 'GET', url: '/profile/passkeys', guards: [requirePageSession], handler: passkeyProfile.show },
    { method: 'POST', url: '/profile/passkeys/code', guards: [requirePageSession, requireFormToken], handler: passkeyProfile.sendCode },
    { method: 'POST', url: '/profile/passkeys/add', guards: [requirePageSession, requireFormToken], handler: passkeyProfile.add },
    { method: 'POST', url: '/profile/passkeys/:id/rename', guards: [requirePageSession, requireFormToken], handler: passkeyProfile.rename as RouteHandlerMethod },
    { method: 'POST', url: '/profile/passkeys/:id/remove', guards: [requirePageSession, requireFormToken], handler: passkeyProfile.remove as RouteHandlerMethod },
    // Console queues (HELP-3, ROSTER, DELIV-3, AUDIT-2): role and second factor checked on every request.
    { method: 'GET', url: '/admin/help-requests', guards: [requireConsole('helpdesk')], handler: helpRequestPages.show },
    { method: 'POST', url: '/admin/help-requests/close', guards: [requireConsole('helpdesk'), requireFormToken], handler: helpRequestPages.close as RouteHandlerMethod },
    { method: 'GET', url: '/admin/roster', guards: [requireConsole('hr')], handler: rosterPages.show },
    { method: 'POST', url: '/admin/roster', guards: [requireConsole('hr'), requireFormToken], handler: rosterPages.submit as RouteHandlerMethod },
    // HOME-3: HR's content pages: the latest items and a create form each.
    { method: 'GET', url: '/admin/news', guards: [requireConsole('hr')], handler: contentPages.showNews },
    { method: 'POST', url: '/admin/news', guards: [requireConsole('hr'), requireFormToken], handler: contentPages.submitNews },
    { method: 'GET', url: '/admin/tasks', guards: [requireConsole('hr')], handler: contentPages.showTasks },
    { method: 'POST', url: '/admin/tasks', guards: [requireConsole('hr'), requireFormToken], handler: contentPages.submitTasks },
    { method: 'GET', url: '/admin/reviews', guards: [requireConsole('hr')], handler: contentPages.showReviews },
    { method: 'POST', url: '/admin/reviews', guards: [requireConsole('hr'), requireFormToken], handler: contentPages.submitReviews },
    { method: 'GET', url: '/admin/benefits', guards: [requireConsole('hr')], handler: contentPages.showBenefits },
    { method: 'POST', url: '/admin/benefits', guards: [requireConsole('hr'), requireFormToken], handler: contentPages.submitBenefits },
    { method: 'GET', url: '/admin/outbox', guards: [requireConsole('admin')], handler: queuePages.show },
    { method: 'GET', url: '/admin/audit', guards: [requireConsole('helpdesk'), requireAuditScope('page')], handler: auditPages.show },
    // HELP-3..5: the console's employee pages; the guard's refusals are error pages.
    { method: 'GET', url: '/admin', guards: [requireConsole(['helpdesk', 'hr'])], handler: employeesPages.root },
    { method: 'GET', url: '/admin/employees', guards: [requireConsole('helpdesk')], handler: employeesPages.search as RouteHandlerMethod },
    { method: 'GET', url: '/admin/employees/:employeeId', guards: [requireConsole('helpdesk'), requireTargetInReach], handler: employeesPages.detail as RouteHandlerMethod },
    { method: 'POST', url: '/admin/employees/:employeeId/unlock', guards: [requireConsole('helpdesk'), requireTargetInReach, requireFormToken], handler: employeesPages.unlock as RouteHandlerMethod },
    { method: 'POST', url: '/admin/employees/:employeeId/pin', guards: [requireConsole('helpdesk'), requireTargetInReach, requireFormToken], handler: employeesPages.pin as RouteHandlerMethod },
    { method: 'POST', url: '/admin/employees/:employeeId/reset-mfa', guards: [requireConsole('helpdesk'), requireTargetInReach, requireFormToken], handler: employeesPages.resetMfa as RouteHandlerMethod },
    { method: 'POST', url: '/admin/employees/:employeeId/verify-caller', guards: [requireConsole('helpdesk'), requireTargetInReach, requireFormToken], handler: employeesPages.verifyCaller as RouteHandlerMethod },
    { method: 'POST', url: '/admin/employees/:employeeId/verify-caller/code', guards: [requireConsole('helpdesk'), requireTargetInReach, requireFormToken], handler: employeesPages.callerCode as RouteHandlerMethod },
    { method: 'POST', url: '/admin/employees/:employeeId/end-sessions', guards: [requireConsole('helpdesk'), requireTargetInReach, requireFormToken], handler: employeesPages.endSessions as RouteHandlerMethod },
    { method: 'POST', url: '/admin/employees/:employeeId/roles', guards: [requireConsole('admin'), requireTargetInReach, requireFormToken], handler: employeesPages.roles as RouteHandlerMethod },
    // DELIV-2: the outbox viewer does not exist outside demo mode.
    ...(deps.config.demo ? [{ method: 'GET', url: '/dev/outbox', handler: outbox.show } satisfies Route] : []),
    // Issue 16: Company Benefits, the demo's own application signing in with Portico; demo mode only too.
    ...(deps.config.demo
      ? ([
          { method: 'GET', url: DEMO_CLIENT_ROUTES.home, handler: demoClient.show },
          { method: 'GET', url: DEMO_CLIENT_ROUTES.login, handler: demoClient.start },
          { method: 'GET', url: DEMO_CLIENT_ROUTES.callback, handler: demoClient.callback },
        ] satisfies Route[])
      : []),
    // Issue 16 (IDP-3): the provider's interactions are Portico's sign-in; the provider's cookie binds them to the browser.
    { method: 'GET', url: `${INTERACTION_PATH}/:uid`, handler: interactionPages.show as RouteHandlerMethod },
    { method: 'POST', url: `${INTERACTION_PATH}/:uid/consent`, guards: [requireFormToken], handler: interactionPages.consent as RouteHandlerMethod },
    // Issue 16 (IDP-5): Connected apps, the signed-in employee's own.
    { method: 'GET', url: '/api/v1/me/apps', guards: [requireSession], list: listOf(), handler: appsApi.list },
    { method: 'DELETE', url: '/api/v1/me/apps/:clientId', guards: [requireSession], schema: appsSchemas.app, handler: appsApi.disconnect as RouteHandlerMethod },
    { method: 'GET', url: '/profile/apps', guards: [requirePageSession], handler: appsPages.show },
    { method: 'POST', url: '/profile/apps/disconnect', guards: [requirePageSession, requireFormToken], handler: appsPages.disconnect as RouteHandlerMethod },
    // Issue 16 (IDP-2): the registered applications, for admins: registered, given a new secret and removed as with `portico clients`.
    { method: 'GET', url: '/admin/clients', guards: [requireConsole('admin')], handler: clientsPages.show },
    { method: 'POST', url: '/admin/clients', guards: [requireConsole('admin'), requireFormToken], handler: clientsPages.register as RouteHandlerMethod },
    { method: 'POST', url: '/admin/clients/:clientId/secret', guards: [requireConsole('admin'), requireFormToken], handler: clientsPages.rotateSecret as RouteHandlerMethod },
    { method: 'POST', url: '/admin/clients/:clientId/remove', guards: [requireConsole('admin'), requireFormToken], handler: clientsPages.remove as RouteHandlerMethod },
  ];

  let openApi: Record<string, unknown> | undefined;
  for (const route of table) {
    app.route({
      method: route.method,
      url: route.url,
      ...(route.schema ? { schema: route.schema } : {}),
      ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
      ...(route.guards ? { preHandler: route.guards } : {}),
      handler: route.handler,
    });
  }
  // Issue 16 (IDP-1): the provider's own endpoints (/oidc/*, /.well-known/openid-configuration).
  registerProviderRoutes(app, deps, idp);
}
