import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { auditOwnEvent } from '../../audit/record-audit.js';
import { checkEligibility } from '../../identity/eligibility.js';
import { matchEmployee } from './match-employee.js';
import { SsoRejectedError, SsoUnavailableError, type IdTokenClaims, type OidcClient } from './oidc-client.js';
import { HOUR, MINUTE } from '../../security/clock.js';
import { seal, unseal } from '../../security/secret-box.js';
import { keyedHash, randomToken } from '../../security/tokens.js';
import { findCandidateByEmployeeId, type SignInCandidate } from '../../storage/repositories/accounts.js';
import { linkSsoIdentity, saveSsoFlow, takeSsoFlow } from '../../storage/repositories/sso.js';
import { claimSendSlot } from '../../storage/repositories/send-slots.js';
import { currentTermsVersion } from '../../storage/repositories/terms.js';
import { startFlow } from '../../flows/flow-store.js';
import { startCodeStep } from '../../flows/login/mfa-step.js';
import type { SsoOutcome, SsoSignIn } from '../../flows/login/flow.js';

// LOGIN-10: sign-in with company SSO. The redirect creates an `sso_flows` row (state, nonce and PKCE
// verifier sealed with PORTICO_SECRET; the browser holds only the random id in `portico_flow`);
// the callback consumes it once, lets openid-client verify the provider's answer, maps the person
// (match-employee.ts), then applies the same checks as a password sign-in (ELIG-3, LOGIN-7).

/** An SSO sign-in must come back from the provider within this time. */
export const SSO_FLOW_MS = 10 * MINUTE;
/** The terms step opened after SSO lives as long as the one after a password. */
const TERMS_FLOW_MS = 60 * MINUTE;
/** `amr` values that mean the provider itself used a second factor (RFC 8176). */
const SECOND_FACTOR_AMR = new Set(['mfa', 'otp', 'hwk']);

interface SealedChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Each start stores a row until it expires, so a client may start only so many in an hour. */
export const SSO_STARTS_PER_CLIENT = 30;

/** GET /login/sso: a new flow and the provider's authorization URL (503 when the provider is down, 429 past the client's starts). */
async function start(deps: AppDeps, client: OidcClient, meta: RequestMeta): Promise<{ flowId: string; url: URL }> {
  const slot = await claimSendSlot(deps.storage.db, `sso-start:${meta.ip}`, SSO_STARTS_PER_CLIENT, HOUR, deps.clock.now());
  if (!slot.allowed) throw new AppError('RATE_LIMITED', 'recoveryRateLimited', { retryAfterSeconds: Math.ceil(slot.retryAfterMs / 1000) });
  let start;
  try {
    start = await client.startAuthorization();
  } catch (error) {
    // Discovery failed (down, or misconfigured): either way SSO cannot be used right now.
    const reason = error instanceof SsoRejectedError ? error.reason : error instanceof SsoUnavailableError ? 'unreachable' : 'unexpected';
    throw new AppError('UNAVAILABLE', 'ssoUnavailable', { detail: `SSO discovery failed: ${reason}` });
  }
  const now = deps.clock.now();
  const flowId = randomToken(32);
  const idHash = keyedHash(deps.config.secret, flowId);
  const checks: SealedChecks = { state: start.state, nonce: start.nonce, codeVerifier: start.codeVerifier };
  await saveSsoFlow(deps.storage.db, { idHash, sealed: seal(deps.config.secret, 'sso-flow-v1', idHash, JSON.stringify(checks)), now, expiresAt: now + SSO_FLOW_MS });
  return { flowId, url: start.url };
}

/** GET /login/sso/callback: who this is, and where they go next. Every refusal is audited. */
async function finish(deps: AppDeps, client: OidcClient, input: { flowId: string; callbackUrl: URL }, meta: RequestMeta): Promise<SsoOutcome> {
  const { db } = deps.storage;
  const checks = await takeChecks(deps, input.flowId);
  if (!checks) {
    // Missing cookie, expired, or already used (a replayed callback).
    await auditOwnEvent(deps, meta, null, 'login.failure', 'failure', { method: 'sso', reason: 'sso_flow_expired' });
    throw new AppError('FLOW_EXPIRED', 'ssoFlowExpired');
  }
  let claims: IdTokenClaims;
  try {
    claims = await client.finishAuthorization(input.callbackUrl, checks);
  } catch (error) {
    if (error instanceof SsoUnavailableError) {
      await auditOwnEvent(deps, meta, null, 'login.failure', 'failure', { method: 'sso', reason: 'sso_unavailable' });
      throw new AppError('UNAVAILABLE', 'ssoUnavailable', { detail: `SSO token request failed: ${error.message}` });
    }
    const reason = error instanceof SsoRejectedError ? error.reason : 'unexpected';
    await auditOwnEvent(deps, meta, null, 'login.failure', 'failure', { method: 'sso', reason: 'sso_error', error: reason });
    throw new AppError('INVALID_CREDENTIALS', 'ssoFailed', { detail: `SSO callback refused: ${reason}` });
  }

  const match = await matchEmployee(db, deps.config.sso ?? { claim: 'employee_id' }, claims);
  const candidate = match ? await findCandidateByEmployeeId(db, match.employeeId) : undefined;
  if (!match || !candidate) {
    // One message for every unmatched identity: nothing says which claim was missing or unknown.
    await auditOwnEvent(deps, meta, null, 'login.failure', 'failure', { method: 'sso', reason: 'sso_no_match' });
    throw new AppError('INVALID_CREDENTIALS', 'ssoNoMatch');
  }
  const employeeId = await linkSsoIdentity(db, { issuer: claims.iss, subject: claims.sub, employeeId: candidate.employeeId, now: deps.clock.now() });
  const person = employeeId === candidate.employeeId ? candidate : await findCandidateByEmployeeId(db, employeeId);
  if (!person) throw new AppError('INVALID_CREDENTIALS', 'ssoNoMatch');
  return admitSso(deps, person, match.by, claims, meta);
}

/** The provider vouched for the person: now the account's own state decides, as after a right password. */
async function admitSso(deps: AppDeps, candidate: SignInCandidate, matchedBy: string, claims: IdTokenClaims, meta: RequestMeta): Promise<SsoOutcome> {
  const now = deps.clock.now();
  const eligibility = checkEligibility({ status: candidate.status, country: candidate.country, separation_date: candidate.separationDate }, new Date(now), deps.config);
  if (!eligibility.eligible) {
    await auditOwnEvent(deps, meta, candidate.employeeId, 'login.refused', 'refused', { method: 'sso', reason: 'not_eligible' });
    throw new AppError('NOT_ELIGIBLE', eligibility.accessEndedOn ? 'notEligible' : 'notEligibleNoDate', {
      extra: eligibility.accessEndedOn ? { accessEndedOn: eligibility.accessEndedOn } : {},
    });
  }
  // LOGIN-7: a disabled account is refused; the questions lock of RECOV-7 does not stop a sign-in.
  if (candidate.disabledAt !== null) {
    await auditOwnEvent(deps, meta, candidate.employeeId, 'login.refused', 'refused', { method: 'sso', reason: 'disabled' });
    throw new AppError('ACCOUNT_LOCKED_HELPDESK', 'accountLockedHelpdesk', { extra: { helpUrl: '/help/contact' } });
  }
  // MFA after SSO: the provider's own second factor (amr) counts only when the operator said so
  // (PORTICO_SSO_TRUST_MFA); otherwise an account with MFA on takes the portal's code step, exactly as after a password. Never-registered accounts have no MFA.
  const secondFactor = deps.config.sso?.trustMfa === true && providerUsedSecondFactor(claims);
  if (!secondFactor && candidate.mfa !== 'off' && candidate.registeredAt !== null) {
    return { next: 'code', employeeId: candidate.employeeId, ...(await startCodeStep(deps, candidate.employeeId, meta, 'sso')) };
  }
  await auditOwnEvent(deps, meta, candidate.employeeId, 'login.success', 'success', { method: 'sso', matchedBy, ...(secondFactor ? { secondFactor: 'provider' } : {}) });
  // REG-2 and LOGIN-10: terms not yet accepted (a new version, or a first sign-in) come first, alone.
  if ((candidate.termsVersion ?? 0) < (await currentTermsVersion(deps.storage.db))) {
    const flowId = await startFlow(deps.storage.db, deps.config.secret, {
      kind: 'registration',
      employeeId: candidate.employeeId,
      now,
      lifetimeMs: TERMS_FLOW_MS,
      state: { termsOnly: true, secondFactor, signIn: { via: 'sso', secondFactorMethod: secondFactor ? 'provider' : null, passkeyAmr: null } },
      client: meta.client,
    });
    return { next: 'register', employeeId: candidate.employeeId, flowId };
  }
  return { next: 'home', employeeId: candidate.employeeId, secondFactor };
}

function providerUsedSecondFactor(claims: IdTokenClaims): boolean {
  return Array.isArray(claims.amr) && claims.amr.some((value) => typeof value === 'string' && SECOND_FACTOR_AMR.has(value));
}

async function takeChecks(deps: AppDeps, flowId: string): Promise<SealedChecks | null> {
  if (flowId.length === 0 || flowId.length > 100) return null;
  const idHash = keyedHash(deps.config.secret, flowId);
  const sealed = await takeSsoFlow(deps.storage.db, idHash, deps.clock.now());
  const plain = sealed ? unseal(deps.config.secret, 'sso-flow-v1', idHash, sealed) : null;
  if (!plain) return null;
  const parsed = JSON.parse(plain) as Partial<SealedChecks>;
  const { state, nonce, codeVerifier } = parsed;
  return typeof state === 'string' && typeof nonce === 'string' && typeof codeVerifier === 'string' ? { state, nonce, codeVerifier } : null;
}

export const ssoLogin = { name: 'sso', start, finish } as const satisfies SsoSignIn;
