// A relying party's side of Portico's identity provider over real HTTP (openid-client v6), for
// tests: authorization URLs with PKCE, a browser (cookie jar) that follows Portico's redirects
// until it is sent back to the client, the code exchange, and the ID token verified with the
// published JWKS.
import * as oidc from 'openid-client';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { HttpClient } from './http-client.js';

export const RP_REDIRECT = 'http://127.0.0.1:9/callback';

export interface AuthorizationRequest {
  url: string;
  verifier: string;
  state: string;
  nonce: string;
}

/** The relying party `clientId` of Portico at `base`, with its discovery done. */
export async function discoverPortico(base: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(base), clientId, clientSecret, oidc.ClientSecretBasic(clientSecret), { execute: [oidc.allowInsecureRequests] });
}

/** A browser of Portico at `base`: what sends the Origin header a same-site page would. */
export function portalBrowser(base: string): HttpClient {
  return new HttpClient(base, { origin: base });
}

/**
 * Follows Portico's redirects until it sends the browser to the client (or stops on a page).
 * `publicUrl`: Portico's public URL when the jar talks to one instance behind it (its redirects name the public URL).
 */
export async function follow(jar: HttpClient, url: string, publicUrl = jar.base): Promise<{ at: string; status: number; body: string }> {
  let next = url.startsWith(publicUrl) ? jar.base + url.slice(publicUrl.length) : url;
  for (let hops = 0; hops < 12; hops++) {
    if (next.startsWith(publicUrl)) next = jar.base + next.slice(publicUrl.length);
    if (!next.startsWith(jar.base) && !next.startsWith('/')) return { at: next, status: 303, body: '' };
    const answer = await jar.get(next.startsWith('/') ? next : next.slice(jar.base.length));
    if (answer.status < 300 || answer.status >= 400 || !answer.location) return { at: next, status: answer.status, body: answer.body };
    next = answer.location;
  }
  throw new Error('too many redirects');
}

/** The interaction a `/login?return=…` page comes back to after the sign-in. */
export function returnPathOf(loginAt: string): string {
  return decodeURIComponent(new URL(loginAt, 'http://x').searchParams.get('return') ?? '');
}

export async function authorizationRequest(config: oidc.Configuration, extra: Record<string, string> = {}): Promise<AuthorizationRequest> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const parameters: Record<string, string> = {
    redirect_uri: RP_REDIRECT,
    scope: 'openid profile email employee offline_access',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    // OpenID Connect grants offline_access only with prompt=consent; a first-party client skips the page.
    prompt: 'consent',
    ...extra,
  };
  return { url: oidc.buildAuthorizationUrl(config, parameters).href, verifier, state, nonce };
}

export function exchangeCode(config: oidc.Configuration, callback: string, request: AuthorizationRequest) {
  return oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce });
}

/** The ID token's claims, once its signature is checked against the JWKS `base` publishes (and its issuer, the public URL, by default `base`). */
export async function verifiedIdToken(base: string, clientId: string, idToken: string | undefined, issuer = base): Promise<JWTPayload> {
  if (!idToken) throw new Error('no ID token');
  const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(`${base}/oidc/jwks`)), { issuer, audience: clientId });
  return payload;
}
