import type { AppDeps } from '../core/deps.js';
import { deleteOidcClientPayloads } from '../storage/repositories/oidc-clients.js';
import { findOidcSessionGrantIds } from '../storage/repositories/oidc-payloads.js';

// IDP-6: signing out of Portico ends the grants (refresh tokens included) of the applications
// signed in through this browser's provider session. Back-channel logout tokens come later.

/** The provider's session cookie (provider.ts sets the name). */
export const OIDC_SESSION_COOKIE = 'portico_oidc_session';

export async function endBrowserGrants(deps: Pick<AppDeps, 'storage'>, providerSessionId: string | undefined): Promise<void> {
  if (!providerSessionId || providerSessionId.length > 100) return;
  await deleteOidcClientPayloads(deps.storage.db, await findOidcSessionGrantIds(deps.storage.db, providerSessionId));
}
