import { isDatabaseUnavailable } from '../storage/errors.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../core/deps.js';
import { AppError } from '../core/errors.js';
import { cookieName } from './cookies.js';
import { assertFormToken } from './csrf.js';
import { MINUTE, HOUR } from '../security/clock.js';
import { endAllSessions, type SessionTimeouts } from '../session/session-store.js';
import { findSignedIn } from '../session/find-signed-in.js';
import { checkEligibility } from '../identity/eligibility.js';
import { findFlow } from '../flows/flow-store.js';
import { holdsConsoleRole, type Role } from '../storage/repositories/roles.js';
import { normaliseEmployeeId } from '../identity/normalise.js';

// The only place access is decided (DESIGN rule 3). Each guard is named in the route table.

export type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export function sessionTimeouts(deps: AppDeps): SessionTimeouts {
  return { idleMs: deps.config.sessionIdleMinutes * MINUTE, absoluteMs: deps.config.sessionMaxHours * HOUR };
}

/** Loads the signed-in person, or leaves `request.signedIn` null. ELIG-3 and SESS-5 end sessions of those who may no longer sign in. */
export async function loadSignedIn(deps: AppDeps, request: FastifyRequest): Promise<void> {
  if (request.signedIn) return;
  const id = request.cookies[cookieName(deps.config, 'portico_session')];
  if (!id) return;
  const now = deps.clock.now();
  const found = await findSignedIn(deps.storage, deps.config.secret, id, now, sessionTimeouts(deps));
  if (!found) return;
  const { session, profile } = found;
  // The questions lock of RECOV-7 ends no session (SESS-5).
  const mayStay =
    profile.disabledAt === null &&
    checkEligibility({ status: profile.status, country: profile.country, separation_date: profile.separationDate }, new Date(now), deps.config).eligible;
  if (!mayStay) {
    await endAllSessions(deps.storage.db, { employeeId: session.employeeId, secret: deps.config.secret, now });
    return;
  }
  request.signedIn = { sessionIdHash: session.idHash, profile, authAt: session.authAt, secondFactorAt: session.secondFactorAt, passkeyAt: session.passkeyAt, passkeys: session.passkeys };
}

export function createGuards(deps: AppDeps) {
  /** JSON API: 401 UNAUTHENTICATED without a live session. */
  const requireSession: Guard = async (request) => {
    await loadSignedIn(deps, request);
    if (!request.signedIn) throw new AppError('UNAUTHENTICATED', 'unauthenticated');
  };
  /** Pages: without a live session, go to the sign-in page, or to the code step while one waits (MFA-4). */
  const requirePageSession: Guard = async (request, reply) => {
    await loadSignedIn(deps, request);
    if (!request.signedIn) {
      await reply.redirect((await hasPendingCodeStep(deps, request)) ? '/login/code' : '/login', 303);
    }
  };
  /**
   * MFA-5: console pages and the admin API need the role, or one of the roles (admin holds every role), and a session
   * that passed a second factor. Without one, 403 MFA_REQUIRED points to Edit My Profile.
   */
  const requireConsole =
    (role: Role | readonly Role[]): Guard =>
    async (request) => {
      await loadSignedIn(deps, request);
      const signedIn = request.signedIn;
      if (!signedIn) throw new AppError('UNAUTHENTICATED', 'unauthenticated');
      const roles = signedIn.profile.roles;
      const wanted: readonly Role[] = typeof role === 'string' ? [role] : role;
      if (!wanted.some((r) => roles.includes(r)) && !roles.includes('admin')) throw new AppError('FORBIDDEN', 'forbidden');
      // MFA-7: an account with a passkey has a second factor whatever its `mfa` setting.
      const hasSecondFactor = signedIn.profile.mfa !== 'off' || signedIn.passkeys > 0;
      if (!hasSecondFactor || signedIn.secondFactorAt === null) {
        throw new AppError('MFA_REQUIRED', 'mfaRequired', { extra: { profileUrl: '/profile/mfa' } });
      }
      // PORTICO_CONSOLE_REQUIRE_PASSKEY: only a session that used a passkey (phishing-resistant) opens the console.
      if (deps.config.consoleRequirePasskey && signedIn.passkeyAt === null) {
        throw new AppError('MFA_REQUIRED', 'passkeyRequired', { extra: { profileUrl: '/profile/passkeys' } });
      }
    };
  /**
   * HELP-6: the console's privilege boundary over the *target* of an action, for every route that
   * takes an `:employeeId` (after `requireConsole`). Nobody acts on their own account through the
   * console; only an admin acts on an account that holds a console role. The target's roles are
   * read fresh on every request, so a role granted a moment ago already counts.
   */
  const requireTargetInReach: Guard = async (request) => {
    const raw = (request.params as Record<string, unknown> | undefined)?.employeeId;
    const target = typeof raw === 'string' ? normaliseEmployeeId(raw) : null;
    if (!target) throw new AppError('NOT_FOUND', 'notFound');
    await assertTargetInReach(deps, request, target);
  };
  /**
   * AUDIT-2 / HELP-6: the audit search across all employees is for admins; a help-desk agent
   * searches one employee at a time, within the same boundary as the actions.
   */
  const requireAuditScope =
    (surface: 'api' | 'page'): Guard =>
    async (request) => {
    const signedIn = request.signedIn;
    if (!signedIn) throw new AppError('UNAUTHENTICATED', 'unauthenticated');
    if (signedIn.profile.roles.includes('admin')) return;
    const raw = (request.query as Record<string, unknown> | undefined)?.employeeId;
    // The page answers a help-desk agent without an Employee ID with the filter and an explanation, and searches nothing.
    if ((typeof raw !== 'string' || raw.trim() === '') && surface === 'page') return;
    if (typeof raw !== 'string' || raw.trim() === '') throw new AppError('FORBIDDEN', 'auditSearchAdminOnly');
    const target = normaliseEmployeeId(raw);
    if (!target) throw new AppError('VALIDATION', 'validation', { extra: { field: 'employeeId' } });
    await assertTargetInReach(deps, request, target);
  };
  /** Forms: CSRF token and Origin (SPEC §14.2). */
  /**
   * Public pages (help): the signed-in person is known, so the header keeps their navigation;
   * nobody is refused, and with the database down the page is still shown, signed out.
   */
  const knowSignedIn: Guard = async (request) => {
    try {
      await loadSignedIn(deps, request);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
    }
  };

  const requireFormToken: Guard = async (request) => {
    assertFormToken(request, deps.config);
    return Promise.resolve();
  };
  return { requireSession, requirePageSession, knowSignedIn, requireFormToken, requireConsole, requireTargetInReach, requireAuditScope };
}

async function assertTargetInReach(deps: AppDeps, request: FastifyRequest, target: string): Promise<void> {
  const actor = request.signedIn;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'unauthenticated');
  if (actor.profile.employeeId === target) throw new AppError('FORBIDDEN', 'consoleSelf');
  if (actor.profile.roles.includes('admin')) return;
  if (await holdsConsoleRole(deps.storage.db, target)) throw new AppError('FORBIDDEN', 'consoleTargetPrivileged');
}

/** A sign-in waiting for its code in this browser (the `portico_flow` cookie holds a live `login_code` flow). */
export async function hasPendingCodeStep(deps: AppDeps, request: FastifyRequest): Promise<boolean> {
  const flowId = request.cookies[cookieName(deps.config, 'portico_flow')];
  if (!flowId) return false;
  return (await findFlow(deps.storage.db, deps.config.secret, flowId, 'login_code', deps.clock.now(), request.clientBinding)) !== null;
}

export type Guards = ReturnType<typeof createGuards>;
