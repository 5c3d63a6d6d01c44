import { generateKeyPair, type JsonWebKey } from 'node:crypto';
import { promisify } from 'node:util';
import type { Db } from '../storage/database.js';
import { seal, unseal } from '../security/secret-box.js';
import { randomToken } from '../security/tokens.js';
import { RETIRED_KEY_PUBLISHED_MS, insertFirstOidcKey, listOidcKeys, rotateOidcKey } from '../storage/repositories/oidc-keys.js';

// IDP-7: the provider's signing keys. Made at first start, stored sealed (AES-256-GCM under a key
// derived from PORTICO_SECRET, bound to the kid: secret-box.ts), rotated with `portico keys
// rotate`. The newest key signs; a retired key is still published (JWKS) for a day, longer than
// anything it signed lives (ID tokens: an hour).

export const SIGNING_ALG = 'RS256';

/** The `iss` of everything the keys sign: the provider is built with it, logout tokens carry it. */
export function providerIssuer(config: { publicUrl: URL }): string {
  return config.publicUrl.origin;
}

export interface KeyDeps {
  db: Db;
  secret: Buffer;
  now: number;
}

/** A private JWK as the provider takes it. */
export type SigningJwk = JsonWebKey & { kid: string; alg: string; use: 'sig' };

const generateRsaKeyPair = promisify(generateKeyPair);

/** A new key, made off the event loop (RSA generation takes a good part of a second). */
async function newKey(secret: Buffer): Promise<{ kid: string; alg: string; sealedJwk: string }> {
  const kid = randomToken(12);
  const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { kid, alg: SIGNING_ALG, sealedJwk: seal(secret, 'oidc-key-v1', kid, JSON.stringify(jwk)) };
}

/** At start: the first signing key, unless there is one (another instance may have made it). */
export async function ensureSigningKey(deps: KeyDeps): Promise<void> {
  const published = await listOidcKeys(deps.db, deps.now - RETIRED_KEY_PUBLISHED_MS);
  if (published.some((key) => key.retiredAt === null)) return;
  await insertFirstOidcKey(deps.db, { ...(await newKey(deps.secret)), now: deps.now });
}

/** `portico keys rotate`: a new key signs from now on. Returns the new kid and the retired ones. */
export async function rotateSigningKey(deps: KeyDeps): Promise<{ kid: string; retired: string[] }> {
  const key = await newKey(deps.secret);
  const retired = await rotateOidcKey(deps.db, { ...key, now: deps.now });
  return { kid: key.kid, retired };
}

/** The published keys, the signing key first. A key this secret cannot open is left out (and said so). */
export async function loadSigningKeys(deps: KeyDeps): Promise<{ keys: SigningJwk[]; unreadable: string[] }> {
  const rows = await listOidcKeys(deps.db, deps.now - RETIRED_KEY_PUBLISHED_MS);
  const keys: SigningJwk[] = [];
  const unreadable: string[] = [];
  for (const row of rows) {
    const plain = unseal(deps.secret, 'oidc-key-v1', row.kid, row.sealedJwk);
    if (plain === null) unreadable.push(row.kid);
    else keys.push({ ...(JSON.parse(plain) as JsonWebKey), kid: row.kid, alg: row.alg, use: 'sig' });
  }
  return { keys, unreadable };
}
