import { hkdfSync } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { AppDeps } from '../core/deps.js';
import { auditOrigin } from '../audit/record-audit.js';
import { INTERACTION_PATH, PROVIDER_ROUTES, UNSERVED_PROVIDER_ROUTES, originOf } from './paths.js';
import { createAdapterClass } from './adapter.js';
import { clientSecretMatches } from './clients.js';
import { SCOPE_CLAIMS, createFindAccount, type AccountRefusal, type PorticoAccount } from './accounts.js';
import { SIGNING_ALG, providerIssuer, type SigningJwk } from './keys.js';
import { ACR_VALUES, acrOf, meetsAcr, requiredAcr } from './amr.js';
import { renderProviderError } from './error-page.js';
import { endPorticoSession, redirectAfterLogout, renderLogoutConfirmation } from './logout-pages.js';
import { findOidcClient, markOidcClientUsed, deleteOidcClientPayloads } from '../storage/repositories/oidc-clients.js';
import { employeeOfSubject } from '../storage/repositories/oidc-subjects.js';
import { OIDC_SESSION_COOKIE } from './browser-grants.js';
import { answerUnavailable } from './unavailable.js';
import { describeDatabaseError, isDatabaseUnavailable } from '../storage/errors.js';
import { providerSession, queueLogoutTokens, type ProviderSession } from './backchannel-logout.js';
import { linkProviderSession } from './session-link.js';

// IDP-1: the OpenID Connect provider (panva's oidc-provider, certified), configured for Portico:
// the code flow with PKCE (S256, required for every client), no implicit or password grant,
// refresh tokens (rotated on every use) only for confidential clients asking for offline_access.
// Its paths live under /oidc (discovery stays at /.well-known/openid-configuration); the
// interactions are Portico's own pages (interaction-pages.tsx). See docs/decisions.md.

/**
 * An interaction lives while the person signs in (the code step lasts 15 minutes): half an hour
 * covers that twice, and every `/oidc/auth` without a Portico session leaves one row for no longer
 * (housekeeping purges them in batches: storage/purge-expired.ts).
 */
export const INTERACTION_TTL_SECONDS = 30 * 60;
const ID_TOKEN_TTL_SECONDS = 60 * 60;

/** The Portico session behind a provider request (read from the request's cookies), or null. */
export type PorticoSessionOf = (ctx: KoaContextWithOIDC) => Promise<{ employeeId: string; secondFactor: boolean; passkey: boolean } | null>;

interface RequestState {
  refusal?: { employeeId: string | null; reason: AccountRefusal };
  endPortico?: boolean;
  /** The database was away for a moment during this request: it answers 503 (unavailable.tsx). */
  unavailable?: boolean;
  /** The provider session a confirmed logout ended (the library deletes it before answering). */
  endedSession?: ProviderSession;
}
const stateOf = (ctx: KoaContextWithOIDC) => ctx.state as RequestState;

/**
 * The library is loaded when the provider is first needed, not when Portico starts: on Node.js 20
 * (which Portico still supports) it prints an "unsupported runtime" warning as it loads, and a
 * portal (or a CLI command) that no application uses should not print it.
 */
export async function createProvider(deps: AppDeps, keys: SigningJwk[], porticoSessionOf: PorticoSessionOf, log: { error(details: object, message: string): void }): Promise<Provider> {
  const { default: Provider, interactionPolicy } = await import('oidc-provider');
  const { config, storage } = deps;
  const db = storage.db;

  const findAccount = createFindAccount(deps, (ctx, employeeId, reason) => {
    stateOf(ctx).refusal = { employeeId, reason };
    return Promise.resolve();
  });

  const policy = interactionPolicy.base();
  // IDP-3: the Portico session is the provider's session. Unless this request comes back from
  // Portico's sign-in, the browser must hold a live Portico session of the same employee (and one
  // that reached the level the client's `acr_values` asks for: amr.ts); otherwise sign in.
  policy.get('login')!.checks.add(
    new interactionPolicy.Check('portico_session', 'End-User authentication is required', 'login_required', async (ctx) => {
      if (ctx.oidc.result?.login) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      const portico = await porticoSessionOf(ctx);
      const account = ctx.oidc.account as PorticoAccount | undefined;
      if (!portico || !account || account.employeeId !== portico.employeeId) return interactionPolicy.Check.REQUEST_PROMPT;
      if (!meetsAcr(acrOf(portico), requiredAcr(ctx.oidc.params?.acr_values))) return interactionPolicy.Check.REQUEST_PROMPT;
      return interactionPolicy.Check.NO_NEED_TO_PROMPT;
    }),
  );

  const configuration: Configuration = {
    adapter: createAdapterClass(db),
    clients: [],
    findAccount,
    jwks: { keys },
    // The library's standalone claims (acr, amr, auth_time, sid, iss) and Portico's scopes (IDP-4).
    claims: { acr: null, amr: null, auth_time: null, sid: null, iss: null, ...Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])) },
    scopes: ['openid', 'offline_access', ...Object.keys(SCOPE_CLAIMS).filter((s) => s !== 'openid')],
    acrValues: [...ACR_VALUES],
    responseTypes: ['code'],
    pkce: { required: () => true },
    enabledJWA: {
      idTokenSigningAlgValues: [SIGNING_ALG],
      userinfoSigningAlgValues: [SIGNING_ALG],
      introspectionSigningAlgValues: [SIGNING_ALG],
      authorizationSigningAlgValues: [SIGNING_ALG],
      requestObjectSigningAlgValues: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256', 'EdDSA'],
    },
    cookies: {
      keys: [Buffer.from(hkdfSync('sha256', config.secret, 'portico', 'oidc-cookies-v1', 32)).toString('base64url')],
      names: { session: OIDC_SESSION_COOKIE, interaction: 'portico_oidc_interaction', resume: 'portico_oidc_resume' },
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    routes: { ...PROVIDER_ROUTES, ...UNSERVED_PROVIDER_ROUTES },
    interactions: {
      url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}`,
      policy,
    },
    features: {
      devInteractions: { enabled: false },
      introspection: { enabled: true },
      revocation: { enabled: true },
      // IDP-6: the confirmation is a Portico page; "Sign out" ends the Portico session too (below).
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          renderLogoutConfirmation(ctx, form);
        },
        postLogoutSuccessSource: (ctx) => {
          redirectAfterLogout(ctx);
        },
      },
      userinfo: { enabled: true },
    },
    ttl: {
      AccessToken: 60 * 60,
      AuthorizationCode: 60,
      IdToken: ID_TOKEN_TTL_SECONDS,
      RefreshToken: 14 * 24 * 60 * 60,
      Interaction: INTERACTION_TTL_SECONDS,
      // SESS-2's absolute lifetime; the provider session also ends with the Portico one (portico_session above).
      Session: config.sessionMaxHours * 60 * 60,
      Grant: 14 * 24 * 60 * 60,
    },
    // IDP-1: refresh tokens for confidential clients that asked for offline_access, rotated on every use.
    issueRefreshToken: (_ctx, client, code) => client.clientAuthMethod !== 'none' && client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    rotateRefreshToken: true,
    // IDP-5: first-party clients skip consent: their grant covers what they asked for.
    loadExistingGrant: async (ctx) => {
      const { client, account, provider } = ctx.oidc;
      if (!client || !account) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(client.clientId);
      const existing = grantId ? await provider.Grant.find(grantId) : undefined;
      const record = await findOidcClient(db, client.clientId);
      if (!record?.firstParty) return existing;
      const grant = existing ?? new provider.Grant({ accountId: account.accountId, clientId: client.clientId });
      grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
      if (ctx.oidc.requestParamClaims.size > 0) grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
    // IDP-6: back-channel logout, with `sid`, is Portico's own (through the delivery queue, with
    // retries): the library's feature stays off, since it would POST inline during the request.
    discovery: { claim_types_supported: ['normal'], backchannel_logout_supported: true, backchannel_logout_session_supported: true },
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris?.some((uri) => originOf(uri) === origin) ?? false,
    renderError: (ctx, out) => {
      renderProviderError(ctx, config, out);
    },
  };

  const provider = new Provider(providerIssuer(config), configuration);
  // Portico sets X-Forwarded-* itself from what Fastify decided (provider-api.ts), so nothing a client sends is believed.
  provider.proxy = true;

  // IDP-2: client secrets are stored hashed; the provider asks this instead of comparing a plain value.
  const clientPrototype = provider.Client.prototype as unknown as { compareClientSecret(this: { clientId: string; clientSecret?: string }, actual: string): Promise<boolean>; includeSid(): boolean };
  clientPrototype.compareClientSecret = function compareClientSecret(actual) {
    return Promise.resolve(clientSecretMatches(config.secret, this.clientId, this.clientSecret, actual));
  };
  // IDP-6: every ID token carries its session's `sid`, which a back-channel logout token names
  // (the library adds it only with its own back-channel feature, which stays off: see `discovery`).
  clientPrototype.includeSid = () => true;

  registerAudit(deps, provider);
  // Outermost: a database away for a moment answers 503 with Retry-After, whether the library caught
  // the error (its server_error event, below) or Portico's own middleware met it.
  provider.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      stateOf(ctx as KoaContextWithOIDC).unavailable = true;
    }
    if (stateOf(ctx as KoaContextWithOIDC).unavailable) answerUnavailable(ctx as KoaContextWithOIDC);
  });
  // IDP-6: the provider session the request used belongs to the browser's Portico session (session-link.ts).
  // Bookkeeping after the answer is decided: a failure is logged, never turned into the answer.
  provider.use(async (ctx, next) => {
    await next();
    await linkProviderSession(deps, ctx as KoaContextWithOIDC).catch((error: unknown) => log.error({ err: error }, 'identity provider: session link not recorded'));
  });
  // IDP-6: a confirmed RP-initiated logout ends the Portico session before the answer leaves
  // (Koa answers once every middleware has finished; the library's event only marks the request).
  provider.on(PROVIDER_EVENTS.endSessionSuccess, (ctx: KoaContextWithOIDC) => {
    if (!ctx.oidc.params?.logout) return;
    stateOf(ctx).endPortico = true;
    stateOf(ctx).endedSession = providerSession(ctx.oidc.session?.accountId, ctx.oidc.session?.authorizations);
  });
  provider.use(async (ctx, next) => {
    await next();
    const state = stateOf(ctx as KoaContextWithOIDC);
    if (!state.endPortico) return;
    // IDP-6: its applications with a back-channel URI get a logout token (through the queue), and
    // every grant ends, even those with offline_access, which the library keeps across a logout.
    const ended = state.endedSession;
    if (ended) await db.transaction().execute(async (tx) => deleteOidcClientPayloads(tx, await queueLogoutTokens(tx, config.secret, deps.clock.now(), [ended])));
    await endPorticoSession(deps, ctx as KoaContextWithOIDC);
  });
  provider.on(PROVIDER_EVENTS.serverError, (ctx: KoaContextWithOIDC, error: Error) => {
    if (!isDatabaseUnavailable(error)) return log.error({ err: error }, 'identity provider error');
    stateOf(ctx).unavailable = true;
    log.error({ detail: describeDatabaseError(error) }, 'identity provider: database unavailable');
  });
  return provider;
}

/**
 * The library's event names. Written as template strings: they are the provider's names, not audit
 * event names (event-words.test.ts reads every single-quoted dotted name in src as one).
 */
const PROVIDER_EVENTS = {
  authorizationSuccess: `authorization.success`,
  authorizationError: `authorization.error`,
  grantSuccess: `grant.success`,
  grantError: `grant.error`,
  serverError: `server_error`,
  endSessionSuccess: `end_session.success`,
} as const;

/** IDP-8: authorization granted or refused (with reason), token issued or refused, from the provider's own events. */
function registerAudit(deps: AppDeps, provider: Provider): void {
  const db = deps.storage.db;
  const origin = (ctx: KoaContextWithOIDC) =>
    auditOrigin({ ip: ctx.ip, userAgent: (ctx.get('user-agent') || '').slice(0, 300), requestId: (ctx.req as { porticoRequestId?: string }).porticoRequestId ?? '' });
  const employeeOf = async (ctx: KoaContextWithOIDC): Promise<string | null> => {
    const account = ctx.oidc?.account as PorticoAccount | undefined;
    if (account) return account.employeeId;
    const refusal = stateOf(ctx).refusal;
    if (refusal) return refusal.employeeId;
    const sub = ctx.oidc?.session?.accountId;
    return sub ? ((await employeeOfSubject(db, sub)) ?? null) : null;
  };
  const clientIdOf = (ctx: KoaContextWithOIDC): string | null => ctx.oidc?.client?.clientId ?? (typeof ctx.oidc?.params?.client_id === 'string' ? ctx.oidc.params.client_id.slice(0, 100) : null);
  const record = (ctx: KoaContextWithOIDC, event: 'oidc.authorization_granted' | 'oidc.authorization_refused' | 'oidc.token_issued' | 'oidc.token_refused', outcome: 'success' | 'refused', detail: Record<string, string | null>) => {
    void (async () => {
      const employeeId = await employeeOf(ctx);
      await deps.audit.record({ event, outcome, actorId: employeeId, subjectId: employeeId, ...origin(ctx), detail: { client: clientIdOf(ctx), ...detail } });
    })().catch(() => {});
  };
  const grantTypeOf = (ctx: KoaContextWithOIDC) => {
    const value = ctx.oidc?.params?.grant_type;
    return typeof value === 'string' ? value.slice(0, 60) : null;
  };
  const reasonOf = (ctx: KoaContextWithOIDC, error: { error?: string; error_description?: string }) => ({
    reason: stateOf(ctx).refusal?.reason ?? error.error ?? 'server_error',
    description: (error.error_description ?? '').slice(0, 200),
  });

  provider.on(PROVIDER_EVENTS.authorizationSuccess, (ctx: KoaContextWithOIDC) => {
    const clientId = ctx.oidc.client?.clientId;
    if (clientId) void markOidcClientUsed(db, clientId, deps.clock.now()).catch(() => {});
    record(ctx, 'oidc.authorization_granted', 'success', { scope: [...(ctx.oidc.requestParamScopes ?? [])].join(' ').slice(0, 200), acr: ctx.oidc.acr ?? null });
  });
  provider.on(PROVIDER_EVENTS.authorizationError, (ctx: KoaContextWithOIDC, error: { error?: string; error_description?: string }) => {
    record(ctx, 'oidc.authorization_refused', 'refused', reasonOf(ctx, error));
  });
  provider.on(PROVIDER_EVENTS.grantSuccess, (ctx: KoaContextWithOIDC) => {
    record(ctx, 'oidc.token_issued', 'success', { grantType: grantTypeOf(ctx) });
  });
  provider.on(PROVIDER_EVENTS.grantError, (ctx: KoaContextWithOIDC, error: { error?: string; error_description?: string }) => {
    const refusal = stateOf(ctx).refusal;
    const grantId = ctx.oidc?.entities?.RefreshToken?.grantId ?? ctx.oidc?.entities?.AuthorizationCode?.grantId;
    // IDP-4: an employee who may no longer sign in loses the grant, so its refresh tokens stop for good.
    if (refusal && refusal.reason !== 'unknown_subject' && grantId) void deleteOidcClientPayloads(db, [grantId]).catch(() => {});
    record(ctx, 'oidc.token_refused', 'refused', { grantType: grantTypeOf(ctx), ...reasonOf(ctx, error) });
  });
}
