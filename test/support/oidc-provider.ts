// A small but real OpenID Connect provider on a loopback port, for LOGIN-10 tests: discovery,
// JWKS (an ES256 key made at start), `/authorize` that answers at once for the configured person
// (or with an error), and `/token` that checks the client's secret, the redirect URI, that a code
// is used once, and the PKCE verifier against the challenge, then returns a signed ID token.
// It can misbehave on demand (wrong nonce, wrong issuer, reused code, bad signature…).
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';

export interface ProviderPerson {
  sub: string;
  /** Extra ID token claims: employee_id, email, email_verified, amr, name… */
  claims?: Record<string, unknown>;
}

export interface Misbehaviour {
  /** `/authorize` answers `?error=…` instead of a code. */
  authorizeError?: string;
  wrongNonce?: boolean;
  wrongIssuer?: boolean;
  wrongAudience?: boolean;
  /** Signed with a key that is not in the JWKS (same kid). */
  badSignature?: boolean;
  /** Accept a code more than once (so the client's own single-use checks are what is tested). */
  allowCodeReuse?: boolean;
  /** Every endpoint answers 503. */
  down?: boolean;
}

export interface TokenRequestRecord {
  status: number;
  error?: string;
  clientAuth: 'basic' | 'post' | 'none';
  hadVerifier: boolean;
}

export interface OidcTestProvider {
  /** The issuer, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Who `/authorize` signs in next (and after). */
  person: ProviderPerson;
  misbehave: Misbehaviour;
  readonly authorizeRequests: URLSearchParams[];
  readonly tokenRequests: TokenRequestRecord[];
  discoveryRequests: number;
  /** Back to the default person and good behaviour; clears the records. */
  reset(): void;
  close(): Promise<void>;
}

interface IssuedCode {
  redirectUri: string;
  challenge: string;
  nonce: string | null;
  person: ProviderPerson;
  used: boolean;
}

export async function startOidcProvider(options: { clientId?: string; clientSecret?: string } = {}): Promise<OidcTestProvider> {
  const clientId = options.clientId ?? 'portico';
  const clientSecret = options.clientSecret ?? 'portico-test-client-secret';
  const kid = randomBytes(8).toString('hex');
  const keys = await generateKeyPair('ES256');
  const rogue = await generateKeyPair('ES256');
  const jwk: JWK = { ...(await exportJWK(keys.publicKey)), kid, alg: 'ES256', use: 'sig' };
  const codes = new Map<string, IssuedCode>();
  const defaultPerson: ProviderPerson = { sub: 'default-subject', claims: {} };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => send(response, 500, { error: 'server_error' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider: OidcTestProvider = {
    url: issuer,
    clientId,
    clientSecret,
    person: defaultPerson,
    misbehave: {},
    authorizeRequests: [],
    tokenRequests: [],
    discoveryRequests: 0,
    reset() {
      this.person = defaultPerson;
      this.misbehave = {};
      this.authorizeRequests.length = 0;
      this.tokenRequests.length = 0;
      this.discoveryRequests = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', issuer);
    if (provider.misbehave.down) return send(response, 503, { error: 'temporarily_unavailable' });
    if (request.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      provider.discoveryRequests += 1;
      return send(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        scopes_supported: ['openid', 'email', 'profile'],
      });
    }
    if (request.method === 'GET' && url.pathname === '/jwks') return send(response, 200, { keys: [jwk] });
    if (request.method === 'GET' && url.pathname === '/authorize') return authorize(url.searchParams, response);
    if (request.method === 'POST' && url.pathname === '/token') return token(request, response);
    return send(response, 404, { error: 'not_found' });
  }

  function authorize(params: URLSearchParams, response: ServerResponse): void {
    provider.authorizeRequests.push(params);
    const redirectUri = params.get('redirect_uri');
    if (params.get('client_id') !== clientId || !redirectUri) return send(response, 400, { error: 'invalid_request' });
    const back = new URL(redirectUri);
    const state = params.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const challenge = params.get('code_challenge');
    const fail = (error: string) => {
      back.searchParams.set('error', error);
      redirect(response, back);
    };
    if (provider.misbehave.authorizeError) return fail(provider.misbehave.authorizeError);
    if (params.get('response_type') !== 'code' || !params.get('scope')?.split(' ').includes('openid')) return fail('invalid_request');
    if (!challenge || params.get('code_challenge_method') !== 'S256') return fail('invalid_request');
    const code = randomBytes(32).toString('base64url');
    codes.set(code, { redirectUri, challenge, nonce: params.get('nonce'), person: provider.person, used: false });
    back.searchParams.set('code', code);
    redirect(response, back);
  }

  async function token(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const params = new URLSearchParams(await readBody(request));
    const auth = clientAuthentication(request, params);
    const record: TokenRequestRecord = { status: 200, clientAuth: auth.method, hadVerifier: params.has('code_verifier') };
    provider.tokenRequests.push(record);
    const refuse = (status: number, error: string) => {
      record.status = status;
      record.error = error;
      send(response, status, { error });
    };
    if (auth.clientId !== clientId || auth.secret !== clientSecret) return refuse(401, 'invalid_client');
    if (params.get('grant_type') !== 'authorization_code') return refuse(400, 'unsupported_grant_type');
    const issued = codes.get(params.get('code') ?? '');
    if (!issued) return refuse(400, 'invalid_grant');
    if (issued.used && !provider.misbehave.allowCodeReuse) return refuse(400, 'invalid_grant');
    issued.used = true;
    if (params.get('redirect_uri') !== issued.redirectUri) return refuse(400, 'invalid_grant');
    // RFC 7636 §4.6: BASE64URL(SHA256(code_verifier)) must equal the challenge.
    const verifier = params.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== issued.challenge) return refuse(400, 'invalid_grant');
    send(response, 200, {
      access_token: randomBytes(24).toString('base64url'),
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'openid email profile',
      id_token: await idToken(issued),
    });
  }

  async function idToken(issued: IssuedCode): Promise<string> {
    const m = provider.misbehave;
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = { ...issued.person.claims };
    if (issued.nonce !== null) claims.nonce = m.wrongNonce ? 'not-the-nonce' : issued.nonce;
    const key = m.badSignature ? rogue.privateKey : keys.privateKey;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .setIssuer(m.wrongIssuer ? 'http://127.0.0.1:1/someone-else' : issuer)
      .setAudience(m.wrongAudience ? 'another-client' : clientId)
      .setSubject(issued.person.sub)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(key);
  }

  return provider;
}

/** client_secret_basic (RFC 6749 §2.3.1: form-encoded, then Base64) or client_secret_post. */
function clientAuthentication(request: IncomingMessage, params: URLSearchParams): { method: TokenRequestRecord['clientAuth']; clientId: string | null; secret: string | null } {
  const header = request.headers.authorization;
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { method: 'basic', clientId: null, secret: null };
    return { method: 'basic', clientId: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  }
  if (params.has('client_secret')) return { method: 'post', clientId: params.get('client_id'), secret: params.get('client_secret') };
  return { method: 'none', clientId: params.get('client_id'), secret: null };
}

const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function redirect(response: ServerResponse, location: URL): void {
  response.writeHead(302, { location: location.href });
  response.end();
}
