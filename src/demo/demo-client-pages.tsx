import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../core/deps.js';
import { AppError } from '../core/errors.js';
import { isHttps } from '../config/config.js';
import { pageContext } from '../app/request-context.js';
import { sendPage } from '../app/render-page.js';
import { seal, unseal } from '../security/secret-box.js';
import { createOidcClient, SsoRejectedError, SsoUnavailableError, type OidcClient } from '../methods/sso/oidc-client.js';
import { DEMO_CLIENT_CALLBACK_PATH, DEMO_CLIENT_PATH, demoClientUris, ensureDemoClient } from './demo-client.js';
import { DemoClientError, DemoClientHome, DemoClientSignedIn, type DemoClientProblem } from './demo-client-view.js';

// Issue 16: "Company Benefits", the demo's own application (demo mode only). It is a relying party
// like any other: discovery at Portico's public URL, the code flow with PKCE (S256), state and
// nonce, the ID token checked against the published JWKS (the same openid-client code as SSO,
// LOGIN-10), userinfo, and RP-initiated logout. What it must remember between the redirect and
// the callback rides in a short-lived cookie sealed with PORTICO_SECRET, scoped to /dev/client.

const COOKIE = 'portico_demo_client';
const COOKIE_SECONDS = 10 * 60;
const SEAL_BINDING = 'demo-client';
const SCOPE = 'openid profile email employee';

interface Pending {
  state: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: number;
}

export function createDemoClientPages(deps: AppDeps) {
  const { config } = deps;
  const origin = config.publicUrl.origin;
  const { redirectUri, postLogoutRedirectUri } = demoClientUris(origin);
  let client: { clientId: string; oidc: OidcClient } | null = null;
  let ensuring: Promise<string> | null = null;

  /**
   * The relying party for the registered demo client. Its home page checks the registration (and
   * registers it again if an admin removed it); the sign-in's own steps reuse what it found.
   */
  async function relyingParty(options: { check: boolean } = { check: false }): Promise<OidcClient> {
    if (client && !options.check) return client.oidc;
    const clientId = await (ensuring ??= ensureDemoClient(deps).finally(() => (ensuring = null)));
    if (client?.clientId !== clientId) client = { clientId, oidc: createOidcClient({ issuer: origin, clientId, clientSecret: '', scope: SCOPE }, new URL(redirectUri)) };
    return client.oidc;
  }

  const cookieOptions = { path: DEMO_CLIENT_PATH, httpOnly: true, sameSite: 'lax', secure: isHttps(config) } as const;

  function readPending(request: FastifyRequest): Pending | null {
    const sealed = request.cookies[COOKIE];
    const plain = sealed ? unseal(config.secret, 'demo-client-v1', SEAL_BINDING, sealed) : null;
    if (!plain) return null;
    const pending = JSON.parse(plain) as Pending;
    return pending.expiresAt > deps.clock.now() ? pending : null;
  }

  function problem(request: FastifyRequest, reply: FastifyReply, kind: DemoClientProblem, status: number, code: string | null = null) {
    return sendPage(reply, <DemoClientError ctx={pageContext(request, reply, config)} problem={kind} code={code} />, status);
  }

  function assertDemo(): void {
    // The routes exist only in demo mode; this keeps it so if the pages are ever mounted elsewhere.
    if (!config.demo) throw new AppError('NOT_FOUND', 'notFound');
  }

  return {
    /** GET /dev/client */
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      assertDemo();
      await relyingParty({ check: true });
      return sendPage(reply, <DemoClientHome ctx={pageContext(request, reply, config)} />);
    },

    /** GET /dev/client/login: a new authorization request, then off to Portico. */
    start: async (request: FastifyRequest, reply: FastifyReply) => {
      assertDemo();
      let started;
      try {
        started = await (await relyingParty()).startAuthorization();
      } catch (error) {
        if (error instanceof SsoUnavailableError || error instanceof SsoRejectedError) return problem(request, reply, 'unreachable', 502);
        throw error;
      }
      const pending: Pending = { state: started.state, nonce: started.nonce, codeVerifier: started.codeVerifier, expiresAt: deps.clock.now() + COOKIE_SECONDS * 1000 };
      reply.setCookie(COOKIE, seal(config.secret, 'demo-client-v1', SEAL_BINDING, JSON.stringify(pending)), { ...cookieOptions, maxAge: COOKIE_SECONDS });
      return reply.redirect(started.url.href, 303);
    },

    /** GET /dev/client/callback: state checked, code redeemed, ID token verified, claims shown. */
    callback: async (request: FastifyRequest, reply: FastifyReply) => {
      assertDemo();
      const pending = readPending(request);
      reply.clearCookie(COOKIE, cookieOptions);
      const query = request.query as Record<string, unknown>;
      if (!pending || typeof query.state !== 'string' || query.state !== pending.state) return problem(request, reply, 'expired', 400);
      if (query.error !== undefined) return problem(request, reply, query.error === 'access_denied' ? 'denied' : 'refused', 400, shortCode(query.error));
      const rp = await relyingParty();
      const callbackUrl = new URL(`${redirectUri}${request.url.slice(request.url.indexOf('?'))}`);
      try {
        const redeemed = await rp.redeemAuthorization(callbackUrl, pending);
        const userInfo = await rp.fetchUserInfo(redeemed.accessToken, redeemed.claims.sub);
        const signOut = await rp.endSessionUrl(redeemed.idToken, postLogoutRedirectUri);
        return sendPage(reply, <DemoClientSignedIn ctx={pageContext(request, reply, config)} claims={redeemed.claims} userInfo={userInfo} signOutHref={signOut.href} />);
      } catch (error) {
        if (error instanceof SsoRejectedError) return problem(request, reply, 'refused', 400, error.reason);
        if (error instanceof SsoUnavailableError) return problem(request, reply, 'unreachable', 502);
        throw error;
      }
    },
  };
}

function shortCode(value: unknown): string {
  return typeof value === 'string' && /^[\w.-]{1,60}$/.test(value) ? value : 'invalid';
}

export const DEMO_CLIENT_ROUTES = { home: DEMO_CLIENT_PATH, login: `${DEMO_CLIENT_PATH}/login`, callback: DEMO_CLIENT_CALLBACK_PATH } as const;
