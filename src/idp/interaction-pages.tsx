import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../core/deps.js';
import { loadSignedIn } from '../app/guards.js';
import { sendPage } from '../app/render-page.js';
import { isHttps } from '../config/config.js';
import { constantTimeEqual, keyedHash } from '../security/tokens.js';
import { findSessionFactors } from '../storage/repositories/oidc-subjects.js';
import { subjectFor } from './accounts.js';
import { findClient } from './clients.js';
import { INTERACTION_PATH, originOf } from './paths.js';
import { INTERACTION_TTL_SECONDS } from './provider.js';
import { acrOf, amrOf, meetsAcr, requiredAcr } from './amr.js';
import { IdpErrorPage, idpPageContext } from './error-page.js';
import type { Idp } from './idp.js';
import type Provider from 'oidc-provider';
import { ConsentView } from './consent-view.js';
import { pageContext, requestMeta } from '../app/request-context.js';
import { formText, type FormBody } from '../web/form-body.js';
import { auditOwnEvent } from '../audit/record-audit.js';
import { allowFormActionTo } from '../app/security-headers.js';
import { isDatabaseUnavailable } from '../storage/errors.js';

// IDP-3: the provider's interactions are Portico's own sign-in. The provider sends the browser
// here with its interaction cookie (path-scoped to this URL, signed): without that cookie the id in
// the URL is worth nothing (RECOV-12). A live Portico session of an eligible employee finishes the
// login at once; otherwise the person signs in at /login (password, the code step when due) and
// comes back here. `prompt=login`, an exceeded `max_age`, or `acr_values` above what the session
// used (`mfa` without a second factor, `phr` without a passkey: amr.ts) ask for a new sign-in even
// with a live session: that sign-in starts a new session (LOGIN-9), and the reauth cookie tells the
// new session from the one that was here before. An account that cannot reach the level asked for
// (no second factor, no passkey) is not asked: the client hears `unmet_authentication_requirements`
// (OpenID Connect's answer, which lets the application say what the person needs).

const REAUTH_COOKIE = 'portico_oidc_reauth';

type Language = Parameters<typeof idpPageContext>[0];

function errorPage(reply: FastifyReply, language: Language, message: string, status: number) {
  return sendPage(reply, <IdpErrorPage ctx={idpPageContext(language)} code={null} message={message} />, status);
}

export function createInteractionPages(deps: AppDeps, idp: Idp) {
  const { config } = deps;
  // The reauth cookie: a tag of the session that was here, and a MAC binding the tag to this interaction.
  const sessionTag = (sessionIdHash: string) => keyedHash(config.secret, `oidc-reauth-session:${sessionIdHash}`);
  const reauthValue = (uid: string, sessionIdHash: string) => {
    const tag = sessionTag(sessionIdHash);
    return `${tag}.${keyedHash(config.secret, `oidc-reauth:${uid}:${tag}`)}`;
  };
  /** A genuine reauth cookie naming another session than the current one: the person signed in again since. */
  const signedInAgain = (uid: string, cookie: string | undefined, sessionIdHash: string) => {
    const [tag, mac] = (cookie ?? '').split('.');
    if (!tag || !mac || !constantTimeEqual(mac, keyedHash(config.secret, `oidc-reauth:${uid}:${tag}`))) return false;
    return !constantTimeEqual(tag, sessionTag(sessionIdHash));
  };
  return {
    /** GET /oidc/interaction/:uid */
    show: async (request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply) => {
      const provider = await idp.provider();
      const language = request.language;
      let details: Awaited<ReturnType<typeof provider.interactionDetails>>;
      try {
        details = await provider.interactionDetails(request.raw, reply.raw);
      } catch (error) {
        if (isDatabaseUnavailable(error)) throw error;
        return errorPage(reply, language, idpPageContext(language).t.idp.interactionExpired, 400);
      }
      const t = idpPageContext(language).t;
      const uid = request.params.uid;
      if (details.uid !== uid) return errorPage(reply, language, t.idp.interactionExpired, 400);
      const finish = async (result: Parameters<typeof provider.interactionResult>[2], afterwards?: () => Promise<void>) => {
        reply.clearCookie(REAUTH_COOKIE, { path: `${INTERACTION_PATH}/${uid}` });
        const returnTo = await provider.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
        await afterwards?.();
        return reply.redirect(returnTo, 303);
      };

      if (details.prompt.name === 'consent') {
        // IDP-5: a first-party client skips consent, even when it asks for it (prompt=consent, which
        // OpenID Connect requires for offline_access); another asks the person on Portico's page.
        const record = await findClient(deps.storage.db, String(details.params.client_id));
        if (!record || !details.session?.accountId) return errorPage(reply, language, t.idp.interactionExpired, 400);
        if (record.firstParty) return finish({ consent: { grantId: await grantMissing(provider, details, record.clientId) } });
        await loadSignedIn(deps, request);
        if (!request.signedIn || (await subjectFor(deps, request.signedIn.profile.employeeId)) !== details.session.accountId) {
          return reply.redirect(`/login?return=${encodeURIComponent(`${INTERACTION_PATH}/${uid}`)}`, 303);
        }
        allowReturnTo(reply, details.params.redirect_uri);
        const missing = details.prompt.details as MissingGrant;
        return sendPage(reply, <ConsentView ctx={pageContext(request, reply, config)} uid={uid} clientName={record.name} scopes={missing.missingOIDCScope ?? []} />);
      }
      if (details.prompt.name !== 'login') return errorPage(reply, language, t.idp.interactionExpired, 400);

      await loadSignedIn(deps, request);
      const signedIn = request.signedIn;
      const reasons = details.prompt.reasons;
      const maxAge = Number(details.params.max_age);
      const now = deps.clock.now();
      const required = requiredAcr(details.params.acr_values);
      const levelOf = (s: NonNullable<typeof signedIn>) => acrOf({ secondFactor: s.secondFactorAt !== null, passkey: s.passkeyAt !== null });
      // What a new sign-in of this account could reach: a passkey, or any second factor (MFA-5: a passkey counts as one).
      const canReach = (s: NonNullable<typeof signedIn>) => (s.passkeys > 0 ? 'phr' : s.profile.mfa !== 'off' ? 'mfa' : 'pwd');
      const tooOld = signedIn !== null && Number.isFinite(maxAge) && reasons.includes('max_age') && signedIn.authAt + maxAge * 1000 < now;
      const belowAsked = signedIn !== null && !meetsAcr(levelOf(signedIn), required) && meetsAcr(canReach(signedIn), required);
      const needsFresh = reasons.includes('login_prompt') || tooOld || belowAsked;
      const freshSinceAsked = signedIn !== null && signedInAgain(uid, request.cookies[REAUTH_COOKIE], signedIn.sessionIdHash);

      if (!signedIn || (needsFresh && !freshSinceAsked)) {
        // Remember which session was here (or none), so the one that comes back is known to be new.
        reply.setCookie(REAUTH_COOKIE, reauthValue(uid, signedIn?.sessionIdHash ?? '-'), {
          path: `${INTERACTION_PATH}/${uid}`,
          httpOnly: true,
          sameSite: 'lax',
          secure: isHttps(config),
          maxAge: INTERACTION_TTL_SECONDS,
        });
        const back = encodeURIComponent(`${INTERACTION_PATH}/${uid}`);
        // A passkey is what is missing (`acr_values=phr`): the sign-in page says so.
        const passkeyAsked = required === 'phr' && (signedIn === null || belowAsked);
        return reply.redirect(`/login?return=${back}${signedIn ? '&again' : ''}${passkeyAsked ? '&passkey' : ''}`, 303);
      }

      const level = levelOf(signedIn);
      if (!meetsAcr(level, required)) {
        // The client asked for more than this account has (or than the new sign-in used).
        const description = required === 'phr' ? 'a passkey sign-in is required' : 'a second factor is required';
        return finish({ error: 'unmet_authentication_requirements', error_description: description });
      }
      const sub = await subjectFor(deps, signedIn.profile.employeeId);
      // Someone else signed in to Portico in this browser since: once the result is stored, the
      // provider session forgets the previous person (the library would otherwise log them out with
      // a self-posting form, which the CSP blocks and whose logout would end the new Portico session).
      const previousUid = details.session?.accountId && details.session.accountId !== sub ? details.session.uid : undefined;
      const forgetPrevious = async () => {
        const previous = previousUid ? await provider.Session.findByUid(previousUid) : undefined;
        if (!previous) return;
        previous.accountId = undefined;
        previous.authorizations = {};
        await previous.save(Math.max(1, previous.exp - Math.floor(Date.now() / 1000)));
      };
      const factors = await findSessionFactors(deps.storage.db, signedIn.sessionIdHash);
      const amr = amrOf({
        via: factors?.via,
        secondFactor: signedIn.secondFactorAt !== null,
        secondFactorMethod: factors?.secondFactorMethod ?? null,
        passkeyAmr: factors?.passkeyAmr ?? null,
        accountMfa: signedIn.profile.mfa,
      });
      return finish({
        login: {
          accountId: sub,
          acr: level,
          ...(amr.length > 0 ? { amr } : {}),
          ts: Math.floor(signedIn.authAt / 1000),
          remember: false,
        },
      }, forgetPrevious);
    },

    /** POST /oidc/interaction/:uid/consent (IDP-5): the person allows or refuses an application that is not first-party. */
    consent: async (request: FastifyRequest<{ Params: { uid: string }; Body: FormBody }>, reply: FastifyReply) => {
      const provider = await idp.provider();
      const language = request.language;
      const t = idpPageContext(language).t;
      let details: Awaited<ReturnType<typeof provider.interactionDetails>>;
      try {
        details = await provider.interactionDetails(request.raw, reply.raw);
      } catch (error) {
        if (isDatabaseUnavailable(error)) throw error;
        return errorPage(reply, language, t.idp.interactionExpired, 400);
      }
      if (details.uid !== request.params.uid || details.prompt.name !== 'consent' || !details.session?.accountId) return errorPage(reply, language, t.idp.interactionExpired, 400);
      // The person deciding is the one the provider signed in: the Portico session of that employee.
      await loadSignedIn(deps, request);
      const signedIn = request.signedIn;
      if (!signedIn || (await subjectFor(deps, signedIn.profile.employeeId)) !== details.session.accountId) return errorPage(reply, language, t.idp.interactionExpired, 400);
      const clientId = String(details.params.client_id);
      const decision = formText(request.body, 'decision', 10);
      const result =
        decision === 'allow'
          ? { consent: { grantId: await grantMissing(provider, details, clientId) } }
          : { error: 'access_denied', error_description: 'the person did not allow the application' };
      if (decision === 'allow') {
        const missing = details.prompt.details as MissingGrant;
        await auditOwnEvent(deps, requestMeta(request), signedIn.profile.employeeId, 'oidc.consent_given', 'success', { client: clientId, scope: (missing.missingOIDCScope ?? []).join(' ').slice(0, 200) });
      }
      const returnTo = await provider.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: true });
      allowReturnTo(reply, details.params.redirect_uri);
      return reply.redirect(returnTo, 303);
    },
  };
}

interface MissingGrant {
  missingOIDCScope?: string[];
  missingOIDCClaims?: string[];
  missingResourceScopes?: Record<string, string[]>;
}

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

/** The grant of this interaction, widened to what the prompt found missing; returns its id. */
async function grantMissing(provider: Provider, details: Details, clientId: string): Promise<string> {
  const accountId = details.session?.accountId;
  if (!accountId) throw new Error('consent without a signed-in account');
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
  const missing = details.prompt.details as MissingGrant;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  return grant.save();
}

/**
 * Chromium applies a page's `form-action` to the redirects after its form is posted, and the
 * provider's last redirect goes to the application: the consent page allows that one origin.
 */
function allowReturnTo(reply: FastifyReply, redirectUri: unknown): void {
  const origin = originOf(redirectUri);
  if (origin) allowFormActionTo(reply, origin);
}
