import { createPrivateKey, createSign } from 'node:crypto';
import type { Db } from '../storage/database.js';
import { randomToken } from '../security/tokens.js';
import type { LogoutTokenData } from '../delivery/enqueue-message.js';
import { SIGNING_ALG, loadSigningKeys } from './keys.js';

// IDP-6: the back-channel logout token (OpenID Connect Back-Channel Logout 1.0, section 2.4),
// signed when the delivery worker sends it, not when it was queued: `iat` is the moment of the
// attempt, and a key rotated in between signs it (the JWKS still publishes the old one anyway).

export const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** Short: the receiver only has to check it once, and every attempt signs a new one. */
export const LOGOUT_TOKEN_TTL_SECONDS = 120;

const base64url = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

/** A signed logout token for one application's session; throws when no signing key opens. */
export async function signLogoutToken(deps: { db: Db; secret: Buffer; now: number; issuer: string }, data: LogoutTokenData): Promise<string> {
  const { keys } = await loadSigningKeys({ db: deps.db, secret: deps.secret, now: deps.now });
  const signing = keys[0];
  if (!signing || signing.alg !== SIGNING_ALG) throw new Error('no signing key this PORTICO_SECRET can open');
  const { kid, alg: _alg, use: _use, ...jwk } = signing;
  const iat = Math.floor(deps.now / 1000);
  const header = { alg: SIGNING_ALG, kid, typ: 'logout+jwt' };
  // No `nonce` (the specification forbids it); `sid` and `sub` are those of the ID token the application got.
  const claims = { iss: deps.issuer, aud: data.clientId, iat, exp: iat + LOGOUT_TOKEN_TTL_SECONDS, jti: randomToken(16), sub: data.sub, ...(data.sid ? { sid: data.sid } : {}), events: { [LOGOUT_EVENT]: {} } };
  const input = `${base64url(header)}.${base64url(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(createPrivateKey({ key: jwk, format: 'jwk' }));
  return `${input}.${base64url(signature)}`;
}
