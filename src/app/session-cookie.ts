import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps, RequestMeta } from '../core/deps.js';
import { clearCookie, cookieName, setCookie } from './cookies.js';
import { sessionTimeouts } from './guards.js';
import { createSession, endSession, endSessionForSignIn, type SessionFactors, type SessionVia } from '../session/session-store.js';
import { isLanguage } from '../web/i18n.js';
import { findAccountLanguage } from '../storage/repositories/accounts.js';
import { requestMeta } from './request-context.js';
import { auditOwnEvent } from '../audit/record-audit.js';
import { OIDC_SESSION_COOKIE, endBrowserGrants } from '../idp/browser-grants.js';

/** LOGIN-9: a fresh session for every sign-in; any earlier session id in this browser is ended. */
export async function startSignedInSession(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { employeeId: string; meta: RequestMeta; secondFactor: boolean; via: SessionVia; passkey?: boolean } & SessionFactors,
): Promise<void> {
  await endBrowserSession(deps, request, reply, input.employeeId);
  const timeouts = sessionTimeouts(deps);
  const id = await createSession(
    deps.storage.db,
    deps.config.secret,
    { employeeId: input.employeeId, now: deps.clock.now(), ip: input.meta.ip, userAgent: input.meta.userAgent, secondFactor: input.secondFactor, via: input.via, passkey: input.passkey ?? false, secondFactorMethod: input.secondFactorMethod ?? null, passkeyAmr: input.passkeyAmr ?? null },
    timeouts,
  );
  setCookie(reply, deps.config, 'portico_session', id, Math.floor(timeouts.absoluteMs / 1000));
  await rememberAccountLanguage(deps, request, reply, input.employeeId);
}

/** REG-1: the language chosen for the account follows its owner to a browser that has not chosen one. */
async function rememberAccountLanguage(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, employeeId: string): Promise<void> {
  if (request.cookies[cookieName(deps.config, 'portico_lang')]) return;
  const language = await findAccountLanguage(deps.storage.db, employeeId);
  if (language !== undefined && isLanguage(language)) setCookie(reply, deps.config, 'portico_lang', language, 365 * 24 * 3600);
}

/**
 * The browser's session ends on the server, not only in the browser (SESS-2); returns whose it
 * was. `nextEmployeeId`: someone is signing in here (LOGIN-9), and if it was another's session,
 * that person's applications in this browser are told (session-store.ts, endSessionForSignIn).
 */
export async function endBrowserSession(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, nextEmployeeId?: string): Promise<string | null> {
  const previous = request.cookies[cookieName(deps.config, 'portico_session')];
  const { db } = deps.storage;
  const { secret } = deps.config;
  const employeeId = !previous
    ? null
    : nextEmployeeId === undefined
      ? await endSession(db, secret, previous)
      : await endSessionForSignIn(db, { id: previous, secret, now: deps.clock.now(), nextEmployeeId });
  clearCookie(reply, deps.config, 'portico_session');
  request.signedIn = null;
  return employeeId;
}

/** Sign-out (POST /logout, /api/v1/logout): ends the session and records it (AUDIT-1 `session.ended`). */
export async function signOut(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const employeeId = await endBrowserSession(deps, request, reply);
  if (!employeeId) return;
  // Issue 16 (IDP-6): the applications signed in through this browser lose their grants too.
  await endBrowserGrants(deps, request.cookies[OIDC_SESSION_COOKIE]);
  await auditOwnEvent(deps, requestMeta(request), employeeId, 'session.ended', 'success', { reason: 'sign_out' });
}
