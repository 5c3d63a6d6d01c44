// A relying party's side of Portico's identity provider, for tests: the applications registered as
// `portico clients add` does (and a grant of one stored as after a consent), discovery over real
// HTTP (openid-client v6), authorization URLs with PKCE, a browser (cookie jar) that follows
// Portico's redirects until it is sent back to the client, the sign-in through the API, the code
// exchange, and the ID token verified with the published JWKS.
import * as oidc from 'openid-client';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { HttpClient } from './http-client.js';
import { createTestApp, type TestApp } from './test-app.js';
import type { Engine } from '../../src/storage/database.js';
import { freePort } from './server-process.js';
import { tempDataDir } from './outbox.js';
import { FakeClock } from './fake-clock.js';
import type { Visitor } from './visitor.js';
import type { AppDeps } from '../../src/core/deps.js';
import { addClient, type NewClient } from '../../src/idp/clients.js';
import { subjectFor } from '../../src/idp/accounts.js';
import { upsertOidcPayload } from '../../src/storage/repositories/oidc-payloads.js';

export const RP_REDIRECT = 'http://127.0.0.1:9/callback';
/** A PKCE challenge (S256) for authorizations a test sends by hand, whose code it never exchanges. */
const FIXED_CODE_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

export interface AuthorizationRequest {
  url: string;
  verifier: string;
  state: string;
  nonce: string;
}

/**
 * A Portico listening on the loopback at its public URL, where an application talks to it (`host`:
 * `localhost` for passkeys, which need a domain name). The provider works on the real clock; its
 * sessions follow the same time here.
 */
export async function listeningPortico(options: { engine?: Engine; databaseUrl?: string; demo?: boolean; host?: string } = {}): Promise<{ t: TestApp; base: string }> {
  const { host = '127.0.0.1', ...app } = options;
  const port = await freePort();
  const base = `http://${host}:${port}`;
  const t = await createTestApp({ ...app, clock: new FakeClock(Date.now()), env: { PORTICO_PUBLIC_URL: base, PORTICO_DATA_DIR: tempDataDir() } });
  await t.app.listen({ host, port });
  return { t, base };
}

/**
 * An application registered as `portico clients add` does: by default Payroll, a confidential
 * first-party client returning to `RP_REDIRECT`. Its secret is null for a public client.
 */
export function registerClient(deps: AppDeps, client: Partial<NewClient> = {}): Promise<{ clientId: string; clientSecret: string | null }> {
  const input: NewClient = { name: 'Payroll', redirectUris: [RP_REDIRECT], isPublic: false, firstParty: true, backchannelLogoutUri: null, postLogoutRedirectUris: [], ...client };
  return addClient({ db: deps.storage.db, secret: deps.config.secret, now: deps.clock.now() }, input);
}

/** The employee's grant of `clientId` (openid and profile), alive for an hour: IDP-5 without a relying party. */
export async function connectApp(deps: AppDeps, employeeId: string, clientId: string): Promise<void> {
  const accountId = await subjectFor(deps, employeeId);
  const iat = Math.floor(Date.now() / 1000);
  const id = `grant-${employeeId}-${clientId}`;
  const payload = { kind: 'Grant', jti: id, accountId, clientId, iat, exp: iat + 3600, openid: { scope: 'openid profile' } };
  await upsertOidcPayload(deps.storage.db, { kind: 'Grant', id, payload: JSON.stringify(payload), grantId: id, userCode: null, uid: null, clientId, accountId, expiresAt: (iat + 3600) * 1000 });
}

/** The relying party `clientId` of Portico at `base`, with its discovery done. */
export async function discoverPortico(base: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(base), clientId, clientSecret, oidc.ClientSecretBasic(clientSecret), { execute: [oidc.allowInsecureRequests] });
}

/**
 * The relying party `clientId` on metadata already discovered, over plain HTTP. By default it
 * authenticates with its secret in Basic, or not at all without one.
 */
export function clientConfiguration(
  metadata: oidc.ServerMetadata,
  clientId: string,
  clientSecret?: string,
  clientAuth: oidc.ClientAuth = clientSecret === undefined ? oidc.None() : oidc.ClientSecretBasic(clientSecret),
): oidc.Configuration {
  const config = new oidc.Configuration(metadata, clientId, clientSecret, clientAuth);
  oidc.allowInsecureRequests(config);
  return config;
}

/** A browser of Portico at `base`: what sends the Origin header a same-site page would (`origin`, by default `base`). */
export function portalBrowser(base: string, origin = base): HttpClient {
  return new HttpClient(base, { origin });
}

/** Signs in with a password through the JSON API, as the sign-in page's script does: its answer. */
export async function signIn(jar: HttpClient, identifier: string, password: string): Promise<{ next: string; flowId?: string }> {
  return (await jar.post('/api/v1/login', { identifier, password })).json<{ next: string; flowId?: string }>();
}

/** What `follow` needs of a cookie jar: where it talks to, and GETs that do not follow redirects. */
export interface RedirectJar {
  readonly base: string;
  get(path: string): Promise<{ status: number; location: string | null; body: string }>;
}

/** A `Visitor` (app.inject) as a jar `follow` can use, at Portico's public origin. */
export function injectedJar(visitor: Visitor, deps: AppDeps): RedirectJar {
  return {
    base: deps.config.publicUrl.origin,
    async get(path) {
      const answer = await visitor.get(path);
      return { status: answer.statusCode, location: answer.headers.location === undefined ? null : String(answer.headers.location), body: answer.body };
    },
  };
}

/**
 * Follows Portico's redirects until it sends the browser to the client (or stops on a page).
 * `publicUrl`: Portico's public URL when the jar talks to one instance behind it (its redirects name the public URL).
 * `stopAt`: a URL of Portico's own that counts as the client's (the demo client's callback), not followed.
 */
export async function follow(
  jar: RedirectJar,
  url: string,
  options: { publicUrl?: string; stopAt?: (url: string) => boolean } = {},
): Promise<{ at: string; status: number; body: string }> {
  const { publicUrl = jar.base, stopAt = () => false } = options;
  let next = url;
  for (let hops = 0; hops < 12; hops++) {
    if (next.startsWith(publicUrl)) next = jar.base + next.slice(publicUrl.length);
    if (stopAt(next) || (!next.startsWith(jar.base) && !next.startsWith('/'))) return { at: next, status: 303, body: '' };
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

/** An authorization URL with PKCE, state and nonce; `extra` adds or replaces parameters, and an empty value leaves one out. */
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
  for (const [name, value] of Object.entries(parameters)) if (value === '') delete parameters[name];
  return { url: oidc.buildAuthorizationUrl(config, parameters).href, verifier, state, nonce };
}

/** The path of an authorization of `clientId` (code flow, a fixed PKCE challenge) for a test that sends it without a relying party. */
export function authorizationPath(clientId: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: RP_REDIRECT, code_challenge: FIXED_CODE_CHALLENGE, code_challenge_method: 'S256', ...extra });
  return `/oidc/auth?${query.toString()}`;
}

export function exchangeCode(config: oidc.Configuration, callback: string, request: AuthorizationRequest) {
  return oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce });
}

/** An authorization by a browser already signed in to Portico, followed back to the client (or thrown), and its code exchanged. */
export async function authorizeSignedIn(config: oidc.Configuration, jar: HttpClient, extra: Record<string, string> = {}) {
  const request = await authorizationRequest(config, extra);
  const back = await follow(jar, request.url);
  if (!back.at.startsWith(`${RP_REDIRECT}?`)) throw new Error(`stopped at ${back.at}: ${back.status}`);
  return { request, tokens: await exchangeCode(config, back.at, request) };
}

/** The ID token's claims, once its signature is checked against the JWKS `base` publishes (and its issuer, the public URL, by default `base`). */
export async function verifiedIdToken(base: string, clientId: string, idToken: string | undefined, issuer = base): Promise<JWTPayload> {
  if (!idToken) throw new Error('no ID token');
  const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(`${base}/oidc/jwks`)), { issuer, audience: clientId });
  return payload;
}
