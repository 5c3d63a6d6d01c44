import type { AppDeps } from '../core/deps.js';
import type { Db } from '../storage/database.js';
import { deleteOidcClientPayloads } from '../storage/repositories/oidc-clients.js';
import { findOidcSession, findOidcSessionOfEmployee, type OidcSessionRow } from '../storage/repositories/oidc-payloads.js';
import { endProviderSessions } from './backchannel-logout.js';

// IDP-6: signing out of Portico ends this browser's provider session: the applications signed in
// through it with a back-channel logout URI get a logout token (through the queue), and their
// grants (refresh tokens included) end. One transaction: the queued tokens and the ended grants go together.
// Ending one session from Edit My Profile (SESS-4) does the same for the provider session linked
// to that session's browser (session-link.ts), in the caller's transaction.

/** The provider's session cookie (provider.ts sets the name). */
export const OIDC_SESSION_COOKIE = 'portico_oidc_session';

/** Sign-out: the provider session this browser's cookie names. */
export async function endBrowserGrants(deps: Pick<AppDeps, 'storage' | 'config' | 'clock'>, providerSessionId: string | undefined): Promise<void> {
  if (!providerSessionId || providerSessionId.length > 100) return;
  await deps.storage.db.transaction().execute(async (tx) => {
    const session = await findOidcSession(tx, providerSessionId);
    if (session) await endBrowser(tx, deps.config.secret, deps.clock.now(), session);
  });
}

/** One Portico session of `employeeId` ended elsewhere: the provider session linked to its browser, while still theirs. */
export async function endLinkedBrowserGrants(db: Db, secret: Buffer, now: number, employeeId: string, providerSessionUid: string): Promise<void> {
  const session = await findOidcSessionOfEmployee(db, employeeId, providerSessionUid);
  if (session) await endBrowser(db, secret, now, session);
}

async function endBrowser(db: Db, secret: Buffer, now: number, session: OidcSessionRow): Promise<void> {
  await deleteOidcClientPayloads(db, await endProviderSessions(db, secret, now, [session]));
}
