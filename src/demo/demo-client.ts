import type { AppDeps } from '../core/deps.js';
import { addClient, listClients, removeClient } from '../idp/clients.js';

// Issue 16: in demo mode Portico registers a small application of its own, "Company Benefits"
// (served at /dev/client), so the two-command demo shows Portico acting as a sign-in provider.
// It is registered the way `portico clients add` does it, on every start: a public first-party
// client (PKCE, no secret to keep across restarts) whose URIs follow PORTICO_PUBLIC_URL.

export const DEMO_CLIENT_NAME = 'Company Benefits';
export const DEMO_CLIENT_PATH = '/dev/client';
export const DEMO_CLIENT_CALLBACK_PATH = `${DEMO_CLIENT_PATH}/callback`;

export function demoClientUris(publicOrigin: string): { redirectUri: string; postLogoutRedirectUri: string } {
  return { redirectUri: `${publicOrigin}${DEMO_CLIENT_CALLBACK_PATH}`, postLogoutRedirectUri: `${publicOrigin}${DEMO_CLIENT_PATH}` };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, index) => value === b[index]);

/**
 * The demo client's client_id, registering it when it is missing. A "Company Benefits" left from a
 * start on another public URL (another port) is removed: its redirect URI no longer reaches this one.
 */
export async function ensureDemoClient(deps: AppDeps): Promise<string> {
  if (!deps.config.demo) throw new Error('the demo client exists only in demo mode');
  const { redirectUri, postLogoutRedirectUri } = demoClientUris(deps.config.publicUrl.origin);
  const demoClients = (await listClients(deps.storage.db)).filter(
    (client) => client.name === DEMO_CLIENT_NAME && client.redirectUris.some((uri) => uri.endsWith(DEMO_CLIENT_CALLBACK_PATH)),
  );
  const current = demoClients.find(
    (client) => client.isPublic && client.firstParty && sameList(client.redirectUris, [redirectUri]) && sameList(client.postLogoutRedirectUris, [postLogoutRedirectUri]),
  );
  const now = deps.clock.now();
  // The demo's own changes are on the record as an admin's are (IDP-8), `via: demo`.
  const audit = (event: 'oidc.client_added' | 'oidc.client_removed', detail: Record<string, string | boolean>) =>
    deps.audit.record({ at: now, event, outcome: 'success', ip: 'local', userAgent: 'portico-demo', requestId: 'demo-client', detail: { ...detail, via: 'demo' } });
  for (const stale of demoClients) {
    if (stale === current || !(await removeClient(deps.storage.db, stale.clientId))) continue;
    await audit('oidc.client_removed', { client: stale.clientId });
  }
  if (current) return current.clientId;
  const { clientId } = await addClient(
    { db: deps.storage.db, secret: deps.config.secret, now },
    { name: DEMO_CLIENT_NAME, redirectUris: [redirectUri], isPublic: true, firstParty: true, backchannelLogoutUri: null, postLogoutRedirectUris: [postLogoutRedirectUri] },
  );
  await audit('oidc.client_added', { client: clientId, name: DEMO_CLIENT_NAME, public: true, firstParty: true });
  return clientId;
}
