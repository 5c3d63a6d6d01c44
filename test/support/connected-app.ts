// IDP-5 without a relying party: an application registered as `portico clients add` does, and a
// grant of it for an employee, stored as the provider stores one after a consent.
import type { AppDeps } from '../../src/core/deps.js';
import { addClient } from '../../src/idp/clients.js';
import { subjectFor } from '../../src/idp/accounts.js';
import { upsertOidcPayload } from '../../src/storage/repositories/oidc-payloads.js';

/** A confidential application that is not first-party; returns its client id. */
export async function registerApp(deps: AppDeps, name: string): Promise<string> {
  const input = { name, redirectUris: ['https://app.example.com/callback'], isPublic: false, firstParty: false, backchannelLogoutUri: null, postLogoutRedirectUris: [] };
  return (await addClient({ db: deps.storage.db, secret: deps.config.secret, now: deps.clock.now() }, input)).clientId;
}

/** The employee's grant of `clientId` (openid and profile), alive for an hour. */
export async function connectApp(deps: AppDeps, employeeId: string, clientId: string): Promise<void> {
  const accountId = await subjectFor(deps, employeeId);
  const iat = Math.floor(Date.now() / 1000);
  const id = `grant-${employeeId}-${clientId}`;
  const payload = { kind: 'Grant', jti: id, accountId, clientId, iat, exp: iat + 3600, openid: { scope: 'openid profile' } };
  await upsertOidcPayload(deps.storage.db, { kind: 'Grant', id, payload: JSON.stringify(payload), grantId: id, userCode: null, uid: null, clientId, accountId, expiresAt: (iat + 3600) * 1000 });
}
