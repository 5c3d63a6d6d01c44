import type { ClientMetadata } from 'oidc-provider';
import type { Db } from '../storage/database.js';
import { constantTimeEqual, keyedHash, randomToken } from '../security/tokens.js';
import {
  deleteOidcClient,
  findOidcClient,
  insertOidcClient,
  listOidcClients,
  replaceOidcClientSecret,
  type OidcClientRecord,
} from '../storage/repositories/oidc-clients.js';
import { AppError } from '../core/errors.js';
import { hasControlCharacter } from '../core/control-characters.js';
import { deleteOidcPayloadsOfClient } from '../storage/repositories/oidc-payloads.js';

// IDP-2: applications registered by an admin. The secret is shown once and stored as a keyed hash;
// the provider compares a presented secret through `clientSecretMatches` (provider.ts), never
// against a stored plain value. Redirect URIs are matched exactly by the provider.

export interface NewClient {
  name: string;
  redirectUris: string[];
  isPublic: boolean;
  firstParty: boolean;
  backchannelLogoutUri: string | null;
  postLogoutRedirectUris: string[];
}

const MAX_URI = 2000;
const MAX_URIS = 20;

/** A client id as `addClient` makes them (16 random bytes, base64url); anything else names no client, and never reaches the database. */
export function isClientId(value: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(value);
}

export function hashClientSecret(secret: Buffer, clientId: string, clientSecret: string): string {
  return keyedHash(secret, `oidc-client-secret:${clientId}:${clientSecret}`);
}

/** Constant-time check of a presented client secret against the stored hash. */
export function clientSecretMatches(secret: Buffer, clientId: string, storedHash: string | undefined, presented: unknown): boolean {
  if (typeof storedHash !== 'string' || typeof presented !== 'string' || presented.length === 0 || presented.length > 500) return false;
  return constantTimeEqual(storedHash, hashClientSecret(secret, clientId, presented));
}

/** An absolute http(s) URI without a fragment, or the reason it is not one. */
export function uriProblem(raw: string): string | null {
  if (raw.length === 0 || raw.length > MAX_URI) return 'must be an absolute URI of at most 2000 characters';
  if (hasControlCharacter(raw)) return 'must not hold control characters';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not an absolute URI';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URI';
  if (url.hash !== '' || raw.includes('#')) return 'must not have a fragment';
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  return null;
}

/** The client fields a change can be refused for: the CLI's option names, the console form's field names. */
const CLIENT_FIELDS = {
  name: { option: 'name', field: 'name', key: 'clientNameInvalid' },
  redirectUris: { option: '--redirect-uri', field: 'redirectUris', key: 'clientRedirectUrisInvalid' },
  postLogoutRedirectUris: { option: '--post-logout-redirect-uri', field: 'postLogoutRedirectUris', key: 'clientUriInvalid' },
  backchannelLogoutUri: { option: '--backchannel-logout-uri', field: 'backchannelLogoutUri', key: 'clientUriInvalid' },
} as const;

/** A refused client field: `detail` for the CLI, a message key for the console's form. */
function refuse(which: keyof typeof CLIENT_FIELDS, problem: string): never {
  const { option, field, key } = CLIENT_FIELDS[which];
  throw new AppError('VALIDATION', key, { detail: `${option} ${problem}`, fields: { [field]: key }, extra: { field: option } });
}

function assertUris(which: keyof typeof CLIENT_FIELDS, uris: readonly string[]): void {
  for (const uri of uris) {
    const problem = uriProblem(uri);
    if (problem) refuse(which, `${uri} ${problem}`);
  }
}

export async function addClient(deps: { db: Db; secret: Buffer; now: number }, input: NewClient): Promise<{ clientId: string; clientSecret: string | null }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100 || hasControlCharacter(name)) refuse('name', 'must be 1 to 100 characters, without control characters');
  if (input.redirectUris.length === 0) refuse('redirectUris', 'is needed at least once');
  if (input.redirectUris.length > MAX_URIS) refuse('redirectUris', `is allowed at most ${MAX_URIS} times`);
  if (input.postLogoutRedirectUris.length > MAX_URIS) refuse('postLogoutRedirectUris', `is allowed at most ${MAX_URIS} times`);
  assertUris('redirectUris', input.redirectUris);
  assertUris('postLogoutRedirectUris', input.postLogoutRedirectUris);
  if (input.backchannelLogoutUri !== null) assertUris('backchannelLogoutUri', [input.backchannelLogoutUri]);
  const clientId = randomToken(16);
  const clientSecret = input.isPublic ? null : randomToken(32);
  await insertOidcClient(deps.db, {
    clientId,
    name,
    secretHash: clientSecret === null ? null : hashClientSecret(deps.secret, clientId, clientSecret),
    redirectUris: [...new Set(input.redirectUris)],
    postLogoutRedirectUris: [...new Set(input.postLogoutRedirectUris)],
    backchannelLogoutUri: input.backchannelLogoutUri,
    isPublic: input.isPublic,
    firstParty: input.firstParty,
    createdAt: deps.now,
  });
  return { clientId, clientSecret };
}

export function listClients(db: Db): Promise<OidcClientRecord[]> {
  return listOidcClients(db);
}

export function findClient(db: Db, clientId: string): Promise<OidcClientRecord | undefined> {
  return findOidcClient(db, clientId);
}

/** Removes a client and ends its grants, codes and tokens. */
export async function removeClient(db: Db, clientId: string): Promise<boolean> {
  if (!(await deleteOidcClient(db, clientId))) return false;
  await deleteOidcPayloadsOfClient(db, clientId);
  return true;
}

/** A new secret for a confidential client (the old one stops working at once); null when there is none such. */
export async function rotateClientSecret(deps: { db: Db; secret: Buffer }, clientId: string): Promise<string | null> {
  const clientSecret = randomToken(32);
  return (await replaceOidcClientSecret(deps.db, clientId, hashClientSecret(deps.secret, clientId, clientSecret))) ? clientSecret : null;
}

/**
 * The provider's view of a client (IDP-1): the code flow only, refresh tokens only for confidential
 * clients. `client_secret` holds the keyed hash: the library needs a value to accept secret-based
 * client authentication, and compares through `clientSecretMatches`; no HMAC algorithm is enabled,
 * so the hash is never used as a key.
 */
export function clientMetadata(client: OidcClientRecord): ClientMetadata {
  return {
    client_id: client.clientId,
    client_name: client.name,
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    response_types: ['code'],
    grant_types: client.isPublic ? ['authorization_code'] : ['authorization_code', 'refresh_token'],
    ...(client.isPublic || client.secretHash === null
      ? { token_endpoint_auth_method: 'none' }
      : { token_endpoint_auth_method: 'client_secret_basic', client_secret: client.secretHash }),
  };
}
