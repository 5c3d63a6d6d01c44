import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { requestMeta } from '../../app/request-context.js';
import { changeEmployeeRole, endEmployeeSessions, finishCallerVerification, issueEmployeePin, resetEmployeeMfa, startCallerVerification, unlockEmployee } from './actions.js';
import type { ActionContext } from './action-context.js';
import { employeeIdParam, findEmployees, loadEmployeeDetail } from './search.js';

// HELP-3..5 as JSON (SPEC §14.2 `/admin/employees…`). The route table's guards decide access;
// validation of `q` and `reason` happens here so the answer names the field.

const SearchQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
const EmployeeParams = Type.Object({ employeeId: Type.String({ maxLength: 40 }) }, { additionalProperties: false });
const ActionBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 5000 })) }, { additionalProperties: false });
/** HELP-7: a PIN or an MFA reset without a caller verification records an in-person identity check. */
const ProvenActionBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 5000 })), identityCheck: Type.Optional(Type.Union([Type.Literal('badge'), Type.Literal('government-id')])) },
  { additionalProperties: false },
);
const VerifyCallerBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 5000 })), channel: Type.Optional(Type.Union([Type.Literal('email'), Type.Literal('sms')])) },
  { additionalProperties: false },
);
const CallerCodeBody = Type.Object({ code: Type.String({ maxLength: 20 }) }, { additionalProperties: false });
const RolesBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 5000 })), role: Type.Optional(Type.String({ maxLength: 40 })), action: Type.Optional(Type.String({ maxLength: 40 })) },
  { additionalProperties: false },
);
type SearchQuery = Static<typeof SearchQuery>;
type EmployeeParams = Static<typeof EmployeeParams>;
type ActionBody = Static<typeof ActionBody>;
type ProvenActionBody = Static<typeof ProvenActionBody>;
type VerifyCallerBody = Static<typeof VerifyCallerBody>;
type CallerCodeBody = Static<typeof CallerCodeBody>;
type RolesBody = Static<typeof RolesBody>;

export const employeesSchemas = {
  search: { querystring: SearchQuery },
  detail: { params: EmployeeParams },
  action: { params: EmployeeParams, body: ActionBody },
  provenAction: { params: EmployeeParams, body: ProvenActionBody },
  verifyCaller: { params: EmployeeParams, body: VerifyCallerBody },
  callerCode: { params: EmployeeParams, body: CallerCodeBody },
  roles: { params: EmployeeParams, body: RolesBody },
};

type ActionRequest<B> = FastifyRequest<{ Params: EmployeeParams; Body: B }>;

/** The agent, the employee and where the request came from (HELP-5). */
export function actionContext(request: FastifyRequest<{ Params: EmployeeParams }>): ActionContext {
  const actorId = request.signedIn?.profile.employeeId;
  if (!actorId) throw new AppError('UNAUTHENTICATED', 'unauthenticated');
  return { actorId, employeeId: employeeIdParam(request.params.employeeId), meta: requestMeta(request) };
}

function iso(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}

export function createEmployeesApi(deps: AppDeps) {
  return {
    /** GET /api/v1/admin/whoami (MFA-5): the console's guard, end to end. */
    whoami: async (request: FastifyRequest) => ({ employeeId: request.signedIn?.profile.employeeId, roles: request.signedIn?.profile.roles, secondFactor: request.signedIn?.secondFactorAt !== null }),
    /** GET /api/v1/admin/employees?q= */
    search: async (request: FastifyRequest<{ Querystring: SearchQuery }>) => {
      return { items: await findEmployees(deps, request.query.q) };
    },
    /** GET /api/v1/admin/employees/:employeeId */
    detail: async (request: FastifyRequest<{ Params: EmployeeParams }>) => {
      const { state: s, eligible, accessEndedOn, audit } = await loadEmployeeDetail(deps, employeeIdParam(request.params.employeeId));
      return {
        employeeId: s.employeeId,
        givenName: s.givenName,
        familyName: s.familyName,
        country: s.country,
        status: s.status,
        separationDate: s.separationDate,
        eligible,
        accessEndedOn,
        hasAccount: s.hasAccount,
        registered: s.registeredAt !== null,
        registeredAt: iso(s.registeredAt),
        temporaryLock: { locked: s.lockedUntil !== null, lockedUntil: iso(s.lockedUntil), failures: s.failures },
        helpdeskLocked: s.helpdeskLockedAt !== null,
        helpdeskLockedAt: iso(s.helpdeskLockedAt),
        disabled: s.disabledAt !== null,
        disabledAt: iso(s.disabledAt),
        mfa: s.mfa,
        roles: s.roles,
        // MFA-7: names and dates only; "reset MFA" removes them.
        passkeys: s.passkeys.map((p) => ({ name: p.name, createdAt: iso(p.createdAt), lastUsedAt: iso(p.lastUsedAt) })),
        sessions: {
          count: s.sessions.length,
          list: s.sessions.map((session) => ({ createdAt: iso(session.createdAt), lastSeenAt: iso(session.lastSeenAt), ip: session.ip, userAgent: session.userAgent })),
        },
        audit: audit.map((row) => ({
          time: iso(row.at),
          event: row.event,
          outcome: row.outcome,
          actorId: row.actorId,
          subjectId: row.subjectId,
          ip: row.ip,
          requestId: row.requestId,
          detail: row.detail,
        })),
      };
    },
    /** POST …/unlock {reason} → 204 */
    unlock: async (request: ActionRequest<ActionBody>, reply: FastifyReply) => {
      await unlockEmployee(deps, actionContext(request), request.body.reason);
      return reply.code(204).send();
    },
    /** POST …/pin {reason} → {pin, expiresAt}, shown once: never cached. */
    pin: async (request: ActionRequest<ProvenActionBody>, reply: FastifyReply) => {
      const issued = await issueEmployeePin(deps, actionContext(request), request.body);
      reply.header('cache-control', 'no-store');
      return { pin: issued.pin, expiresAt: iso(issued.expiresAt) };
    },
    /** POST …/reset-mfa {reason} → 204 */
    resetMfa: async (request: ActionRequest<ProvenActionBody>, reply: FastifyReply) => {
      await resetEmployeeMfa(deps, actionContext(request), request.body);
      return reply.code(204).send();
    },
    /** POST …/verify-caller {reason, channel} → 202 {sentTo} (masked; the code goes only to the employee, HELP-7). */
    verifyCaller: async (request: ActionRequest<VerifyCallerBody>, reply: FastifyReply) => {
      const sent = await startCallerVerification(deps, actionContext(request), request.body);
      return reply.code(202).send(sent);
    },
    /** POST …/verify-caller/code {code} → {verified: true, until}; wrong: 401 INVALID_CODE with attemptsLeft; blocked: 429. */
    confirmCaller: async (request: ActionRequest<CallerCodeBody>) => {
      const done = await finishCallerVerification(deps, actionContext(request), request.body.code);
      return { verified: done.verified, until: iso(done.until) };
    },
    /** POST …/end-sessions {reason} → {ended} */
    endSessions: async (request: ActionRequest<ActionBody>) => ({ ended: await endEmployeeSessions(deps, actionContext(request), request.body.reason) }),
    /** POST …/roles {reason, role, action} → 204 (admin only: the route's guard). */
    roles: async (request: ActionRequest<RolesBody>, reply: FastifyReply) => {
      await changeEmployeeRole(deps, actionContext(request), request.body);
      return reply.code(204).send();
    },
  };
}
