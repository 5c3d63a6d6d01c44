import * as oidc from 'openid-client';
import type { SsoConfig } from '../../config/config.js';
import { isLoopbackUrl } from '../../config/load.js';

// LOGIN-10: Portico as an OpenID Connect relying party (openid-client v6): authorization code flow
// with PKCE (S256), `state` and `nonce`. openid-client checks the callback's state, the ID token's
// iss/aud/exp/iat/nonce, and (non-repudiation checks on) its signature against the provider's JWKS.

/** The provider could not be reached (down, timing out, answering 5xx): 503, try again later. */
export class SsoUnavailableError extends Error {}

/** The provider or the callback said no (access_denied, state/nonce/issuer mismatch, bad code…). */
export class SsoRejectedError extends Error {
  constructor(
    /** A short code for the audit log and logs: the provider's `error`, or openid-client's code. Never a token. */
    readonly reason: string,
  ) {
    super(`SSO rejected: ${reason}`);
  }
}

export interface AuthorizationStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface AuthorizationChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export type IdTokenClaims = oidc.IDToken;

/** What a redeemed code brought: the verified ID token (claims and the token itself) and the access token. */
export interface RedeemedAuthorization {
  claims: IdTokenClaims;
  idToken: string;
  accessToken: string;
}

export interface OidcClient {
  readonly redirectUri: URL;
  /** A new authorization request; the caller keeps state, nonce and verifier on the server. */
  startAuthorization(): Promise<AuthorizationStart>;
  /** Redeems the callback's code and returns the verified ID token's claims. */
  finishAuthorization(callbackUrl: URL, checks: AuthorizationChecks): Promise<IdTokenClaims>;
  /** The same, keeping the tokens (the demo client shows them and signs out with the ID token). */
  redeemAuthorization(callbackUrl: URL, checks: AuthorizationChecks): Promise<RedeemedAuthorization>;
  /** The provider's userinfo answer for this access token, checked to be about `subject`. */
  fetchUserInfo(accessToken: string, subject: string): Promise<Record<string, unknown>>;
  /** RP-initiated logout at the provider's end_session endpoint. */
  endSessionUrl(idTokenHint: string, postLogoutRedirectUri: string): Promise<URL>;
}

/** Where the provider is and who the client is; the scope defaults to SSO's (LOGIN-10). */
export type OidcClientSettings = Pick<SsoConfig, 'issuer' | 'clientId' | 'clientSecret'> & { scope?: string };

/** Seconds openid-client waits for any request to the provider. */
const REQUEST_TIMEOUT_SECONDS = 10;

/**
 * One client per app (so per process): discovery runs at the first SSO sign-in, not at start, and
 * its result is kept. A failed discovery is not kept, so the next sign-in tries again: the provider
 * may be down when Portico starts, and that must never stop Portico.
 */
export function createOidcClient(sso: OidcClientSettings, redirectUri: URL): OidcClient {
  let configuration: Promise<oidc.Configuration> | null = null;

  function discover(): Promise<oidc.Configuration> {
    configuration ??= discoverConfiguration(sso).catch((error: unknown) => {
      configuration = null;
      throw classify(error);
    });
    return configuration;
  }

  async function redeem(callbackUrl: URL, checks: AuthorizationChecks): Promise<RedeemedAuthorization> {
    const config = await discover();
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims || !tokens.id_token) throw new SsoRejectedError('no_id_token');
      return { claims, idToken: tokens.id_token, accessToken: tokens.access_token };
    } catch (error) {
      throw classify(error);
    }
  }

  return {
    redirectUri,
    async startAuthorization() {
      const config = await discover();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri.href,
        response_type: 'code',
        scope: sso.scope ?? 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url, state, nonce, codeVerifier };
    },
    async finishAuthorization(callbackUrl, checks) {
      return (await redeem(callbackUrl, checks)).claims;
    },
    redeemAuthorization: redeem,
    async fetchUserInfo(accessToken, subject) {
      const config = await discover();
      try {
        return await oidc.fetchUserInfo(config, accessToken, subject);
      } catch (error) {
        throw classify(error);
      }
    },
    async endSessionUrl(idTokenHint, postLogoutRedirectUri) {
      return oidc.buildEndSessionUrl(await discover(), { id_token_hint: idTokenHint, post_logout_redirect_uri: postLogoutRedirectUri });
    },
  };
}

async function discoverConfiguration(sso: OidcClientSettings): Promise<oidc.Configuration> {
  const issuer = new URL(sso.issuer);
  // http:// is allowed only for a provider on this machine (development and tests); the
  // configuration refuses any other http:// issuer at start.
  const insecure = issuer.protocol === 'http:' && isLoopbackUrl(issuer);
  const execute = insecure ? [oidc.allowInsecureRequests] : [];
  const discovered = await oidc.discovery(issuer, sso.clientId, undefined, oidc.None(), { execute, timeout: REQUEST_TIMEOUT_SECONDS });
  const server = discovered.serverMetadata();
  const config = new oidc.Configuration(server, sso.clientId, sso.clientSecret === '' ? undefined : { client_secret: sso.clientSecret }, clientAuthentication(sso, server));
  config.timeout = REQUEST_TIMEOUT_SECONDS;
  if (insecure) oidc.allowInsecureRequests(config);
  // The ID token's signature is checked against the provider's JWKS too, not only TLS.
  oidc.enableNonRepudiationChecks(config);
  return config;
}

/** client_secret_basic unless the provider lists only client_secret_post (no secret: a public client, PKCE only). */
function clientAuthentication(sso: OidcClientSettings, server: oidc.ServerMetadata): oidc.ClientAuth {
  if (sso.clientSecret === '') return oidc.None();
  const supported = server.token_endpoint_auth_methods_supported;
  if (supported && !supported.includes('client_secret_basic') && supported.includes('client_secret_post')) return oidc.ClientSecretPost(sso.clientSecret);
  return oidc.ClientSecretBasic(sso.clientSecret);
}

const UNAVAILABLE_CODES = new Set(['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON']);

/** Outage (503) or refusal (401): the two answers a person can act on. */
function classify(error: unknown): SsoUnavailableError | SsoRejectedError {
  if (error instanceof SsoUnavailableError || error instanceof SsoRejectedError) return error;
  if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError) return new SsoRejectedError(shortCode(error.error));
  if (error instanceof oidc.ClientError) {
    // A 5xx from the provider is an outage; another unexpected status (4xx) is a refusal.
    const status = (error.cause as { status?: unknown } | undefined)?.status;
    if (error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && typeof status === 'number' && status < 500) return new SsoRejectedError('unexpected_status');
    if (error.code && UNAVAILABLE_CODES.has(error.code)) return new SsoUnavailableError(error.message);
    return new SsoRejectedError(shortCode(error.code ?? 'client_error'));
  }
  // fetch() failing (connection refused, DNS) is a TypeError: the provider is unreachable.
  if (error instanceof TypeError && !('code' in error)) return new SsoUnavailableError(error.message);
  return new SsoRejectedError('unexpected');
}

/** Provider-chosen text goes to the audit log only as a short code. */
function shortCode(value: string): string {
  return /^[\w.-]{1,60}$/.test(value) ? value : 'invalid';
}
