import type { AppDeps } from '../core/deps.js';
import { deleteOidcClientPayloads } from '../storage/repositories/oidc-clients.js';
import { findOidcSession } from '../storage/repositories/oidc-payloads.js';
import { endProviderSessions } from './backchannel-logout.js';

// IDP-6: signing out of Portico ends this browser's provider session: the applications signed in
// through it with a back-channel logout URI get a logout token (through the queue), and their
// grants (refresh tokens included) end. One transaction: the queued tokens and the ended grants go together.

/** The provider's session cookie (provider.ts sets the name). */
export const OIDC_SESSION_COOKIE = 'portico_oidc_session';

export async function endBrowserGrants(deps: Pick<AppDeps, 'storage' | 'config' | 'clock'>, providerSessionId: string | undefined): Promise<void> {
  if (!providerSessionId || providerSessionId.length > 100) return;
  await deps.storage.db.transaction().execute(async (tx) => {
    const session = await findOidcSession(tx, providerSessionId);
    if (!session) return;
    await deleteOidcClientPayloads(tx, await endProviderSessions(tx, deps.config.secret, deps.clock.now(), [session]));
  });
}
