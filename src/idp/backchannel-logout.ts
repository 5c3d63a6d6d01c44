import type { AppDeps } from '../core/deps.js';
import type { Db } from '../storage/database.js';
import { LOGOUT_TOKEN_TEMPLATE, enqueueMessage, openMessageData, UnreadableMessageError, type LogoutTokenData } from '../delivery/enqueue-message.js';
import { postLogoutToken } from '../delivery/logout-sender.js';
import { findOidcClient } from '../storage/repositories/oidc-clients.js';
import { deleteOidcSessions, listOidcGrantClientsOfEmployee, listOidcSessionsOfEmployee, type OidcSessionRow } from '../storage/repositories/oidc-payloads.js';
import { employeeOfSubject } from '../storage/repositories/oidc-subjects.js';
import { providerIssuer } from './keys.js';
import { signLogoutToken } from './logout-token.js';

// IDP-6: when Portico sessions end, the applications signed in through the provider's sessions
// hear of it by back-channel logout. Ending queues one message per (application with a registered
// back-channel URI, session id) in the caller's transaction and deletes the provider sessions;
// the delivery worker signs each token when it sends it, and retries with the queue's backoff.

/** Whose session it was and, per application, the `sid` its ID tokens carry and its grant. */
export interface ProviderSession {
  sub: string | null;
  authorizations: { clientId: string; sid: string | null; grantId: string | null }[];
}

/** A provider session from the library's fields (`accountId`, `authorizations`). */
export function providerSession(accountId: unknown, authorizations: unknown): ProviderSession {
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);
  const entries = typeof authorizations === 'object' && authorizations !== null ? Object.entries(authorizations as Record<string, { sid?: unknown; grantId?: unknown } | null>) : [];
  return { sub: text(accountId), authorizations: entries.map(([clientId, entry]) => ({ clientId, sid: text(entry?.sid), grantId: text(entry?.grantId) })) };
}

function readSessionRow(row: OidcSessionRow): ProviderSession {
  try {
    return providerSession(row.accountId, (JSON.parse(row.payload) as { authorizations?: unknown }).authorizations);
  } catch {
    // A payload that does not parse holds nothing to tell anyone.
    return providerSession(row.accountId, null);
  }
}

/**
 * Queues a logout token for every application of these sessions that registered a back-channel
 * URI; returns the sessions' grant ids (the caller ends those, with their refresh tokens).
 * `db` may be the caller's transaction.
 */
export function queueLogoutTokens(db: Db, secret: Buffer, now: number, sessions: readonly ProviderSession[]): Promise<string[]> {
  return queueSessionLogouts(logoutQueue(db, secret, now), sessions);
}

async function queueSessionLogouts(queue: LogoutQueue, sessions: readonly ProviderSession[]): Promise<string[]> {
  for (const session of sessions) {
    for (const { clientId, sid } of session.authorizations) if (session.sub && sid) await queue.add({ clientId, sub: session.sub, sid });
  }
  return sessions.flatMap((session) => session.authorizations.flatMap((authorization) => (authorization.grantId ? [authorization.grantId] : [])));
}

/** Queues the logout tokens of these stored provider sessions and deletes them; returns their grant ids. */
export function endProviderSessions(db: Db, secret: Buffer, now: number, rows: readonly OidcSessionRow[]): Promise<string[]> {
  return endReadSessions(db, logoutQueue(db, secret, now), rows, rows.map(readSessionRow));
}

async function endReadSessions(db: Db, queue: LogoutQueue, rows: readonly OidcSessionRow[], sessions: readonly ProviderSession[]): Promise<string[]> {
  const grantIds = await queueSessionLogouts(queue, sessions);
  await deleteOidcSessions(
    db,
    rows.map((row) => row.id),
  );
  return grantIds;
}

/**
 * Every session of an employee ends (`endAllSessions`): their provider sessions' tokens, then, for
 * an application still holding a grant with no provider session left to name (it outlived it on
 * refresh tokens), one token without `sid`, which ends all of the employee's sessions there.
 */
export async function endEmployeeProviderSessions(db: Db, secret: Buffer, now: number, employeeId: string): Promise<void> {
  const rows = await listOidcSessionsOfEmployee(db, employeeId);
  const sessions = rows.map(readSessionRow);
  const told = new Set(sessions.flatMap((session) => session.authorizations.filter((a) => a.sid).map((a) => `${session.sub}\n${a.clientId}`)));
  const queue = logoutQueue(db, secret, now);
  await endReadSessions(db, queue, rows, sessions);
  for (const { clientId, sub } of await listOidcGrantClientsOfEmployee(db, employeeId)) if (!told.has(`${sub}\n${clientId}`)) await queue.add({ clientId, sub });
}

/** Queues logout tokens for the applications that registered a back-channel URI (looked up once each). */
type LogoutQueue = ReturnType<typeof logoutQueue>;

function logoutQueue(db: Db, secret: Buffer, now: number) {
  const uris = new Map<string, string | null>();
  return {
    async add(data: LogoutTokenData): Promise<void> {
      if (!uris.has(data.clientId)) uris.set(data.clientId, (await findOidcClient(db, data.clientId))?.backchannelLogoutUri ?? null);
      const uri = uris.get(data.clientId);
      if (uri) await enqueueMessage(db, secret, { channel: 'logout', to: uri, template: LOGOUT_TOKEN_TEMPLATE, language: 'en', data }, now);
    },
  };
}

/** The application was removed, or its back-channel URI changed, after the token was queued: never retried. */
export class LogoutClientGoneError extends Error {
  constructor() {
    super('the application no longer has this back-channel logout URI');
    this.name = 'LogoutClientGoneError';
  }
}

function logoutDataOf(value: unknown): LogoutTokenData {
  const data = value as Partial<Record<keyof LogoutTokenData, unknown>> | null;
  if (!data || typeof data.clientId !== 'string' || typeof data.sub !== 'string' || (data.sid !== undefined && typeof data.sid !== 'string')) throw new UnreadableMessageError();
  return { clientId: data.clientId, sub: data.sub, ...(typeof data.sid === 'string' ? { sid: data.sid } : {}) };
}

/** The delivery worker's send of a queued logout message: signs a fresh token and POSTs it. */
export async function sendLogoutToken(deps: Pick<AppDeps, 'storage' | 'config' | 'clock'>, message: { channel: string; recipient: string; template: string; data: string }): Promise<void> {
  const data = logoutDataOf(openMessageData(deps.config.secret, message));
  const client = await findOidcClient(deps.storage.db, data.clientId);
  if (client?.backchannelLogoutUri !== message.recipient) throw new LogoutClientGoneError();
  const token = await signLogoutToken({ db: deps.storage.db, secret: deps.config.secret, now: deps.clock.now(), issuer: providerIssuer(deps.config) }, data);
  await postLogoutToken(message.recipient, token);
}

/** IDP-8 "logout propagated": recorded when the application took the token (or, as a failure, when it never will). */
export async function auditLogoutPropagation(
  deps: Pick<AppDeps, 'storage' | 'config' | 'audit'>,
  message: { channel: string; recipient: string; template: string; data: string; attempts: number },
  outcome: { sent: true } | { sent: false; error: string },
): Promise<void> {
  let data: LogoutTokenData | null = null;
  try {
    data = logoutDataOf(openMessageData(deps.config.secret, message));
  } catch {
    // Unreadable: recorded without the application.
  }
  const employeeId = data ? ((await employeeOfSubject(deps.storage.db, data.sub)) ?? null) : null;
  await deps.audit.record({
    event: 'oidc.logout_propagated',
    outcome: outcome.sent ? 'success' : 'failure',
    actorId: null,
    subjectId: employeeId,
    detail: { client: data?.clientId ?? null, attempts: message.attempts, ...(outcome.sent ? {} : { error: outcome.error }) },
  });
}
