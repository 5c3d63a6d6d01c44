import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { auditOwnEvent } from '../../audit/record-audit.js';
import { checkEligibility } from '../../identity/eligibility.js';
import { clearQuestionsLock } from '../../identity/clear-questions-lock.js';
import { classifyIdentifier, MAX_LENGTH } from '../../identity/normalise.js';
import { MINUTE } from '../../security/clock.js';
import { accountLockKey, identifierLockKeys, resetFailureCounts } from '../../security/lockout.js';
import { keyedHash } from '../../security/tokens.js';
import { findCandidateByEmailKey, findCandidateByEmployeeId, type SignInCandidate } from '../../storage/repositories/accounts.js';
import { findLockedUntil } from '../../storage/repositories/login-attempts.js';
import { findPasskeyByCredentialId, listPasskeys, type PasskeyRow } from '../../storage/repositories/passkeys.js';
import { currentTermsVersion } from '../../storage/repositories/terms.js';
import type { PasskeyOutcome, PasskeySignIn } from '../../flows/login/flow.js';
import { finishCodeStep, loadCodeStep } from '../../flows/login/mfa-step.js';
import { spendPasskeyChallenge, spendPasskeyChallengeOf, startFlow } from '../../flows/flow-store.js';
import { passkeyAmr, type PasskeyAmr } from './passkey-amr.js';
import { refuseThrottledClient, underClientThrottle } from './answer-throttle.js';
import { assertionCredentialId, authenticationOptions, checkAssertion, requireRelyingParty, startCeremony, type AssertionVerdict, type RelyingParty } from './webauthn.js';

// MFA-7 at sign-in. A passkey with user verification is a complete sign-in (both factors), so it
// satisfies MFA-5; everything else a password sign-in refuses, it refuses with the same words:
// the per-client throttle (LOGIN-6), the temporary lock (LOGIN-4), a disabled account (LOGIN-7),
// an ineligible one (ELIG-3), and new terms come first (REG-2). After a password, a passkey can
// stand in for the code of the code step.

/** A terms-only registration opened after a passkey sign-in lives as long as one opened after a code. */
const TERMS_FLOW_MS = 60 * MINUTE;

async function candidateFor(deps: AppDeps, typed: string): Promise<{ candidate: SignInCandidate | undefined; key: string }> {
  const identifier = classifyIdentifier(typed);
  const candidate =
    identifier.kind === 'employeeId'
      ? await findCandidateByEmployeeId(deps.storage.db, identifier.employeeId)
      : identifier.kind === 'email'
        ? await findCandidateByEmailKey(deps.storage.db, identifier.email.key)
        : undefined;
  return { candidate, key: identifier.key };
}

/**
 * LOGIN-5: with an identifier, the answer lists that account's passkeys; an identifier without an
 * account or without passkeys gets one made-up credential derived from it, the same every time, so
 * the answer's shape does not say which identifiers are known.
 */
async function allowedFor(deps: AppDeps, typed: string): Promise<{ employeeId: string | null; allow: PasskeyRow[] }> {
  const { candidate, key } = await candidateFor(deps, typed);
  const passkeys = candidate ? await listPasskeys(deps.storage.db, candidate.employeeId) : [];
  if (candidate && passkeys.length > 0) return { employeeId: candidate.employeeId, allow: passkeys };
  const decoy: PasskeyRow = {
    id: 0,
    employeeId: '',
    credentialId: keyedHash(deps.config.secret, `passkey-decoy:${key}`),
    publicKey: '',
    counter: 0,
    transports: ['internal', 'hybrid'],
    name: '',
    deviceType: 'singleDevice',
    backedUp: false,
    createdAt: 0,
    lastUsedAt: null,
  };
  return { employeeId: null, allow: [decoy] };
}

const options: PasskeySignIn['options'] = async (deps, input, meta) => {
  const rp = requireRelyingParty(deps);
  await refuseThrottledClient(deps, meta);
  const typed = input.identifier?.trim() ?? '';
  if (typed.length > MAX_LENGTH.identifier) throw new AppError('VALIDATION', 'validation', { fields: { identifier: 'validation' } });
  const target = typed === '' ? null : await allowedFor(deps, typed);
  const generated = await authenticationOptions(rp, target?.allow ?? null);
  const flowId = await startCeremony(deps, meta, { purpose: 'login', employeeId: target?.employeeId ?? null, challenge: generated.challenge });
  return { flowId, options: generated };
};

/** One refusal for every assertion that does not verify; a counter that went backwards is also recorded as such (MFA-7). */
async function refuse(deps: AppDeps, meta: RequestMeta, passkey: PasskeyRow | undefined, reason: string, code: 'INVALID_CREDENTIALS' | 'INVALID_CODE' = 'INVALID_CREDENTIALS'): Promise<never> {
  const employeeId = passkey?.employeeId ?? null;
  if (reason === 'counter') await auditOwnEvent(deps, meta, employeeId, 'passkey.counter_regressed', 'refused', { passkey: passkey?.id ?? 0 });
  else await auditOwnEvent(deps, meta, employeeId, 'passkey.refused', 'refused', { reason, ...(passkey ? { passkey: passkey.id } : {}) });
  throw new AppError(code, 'passkeyRefused');
}

/** The passkey the assertion names and the verdict on it (the library checks challenge, origin, relying party, user verification and signature). */
async function verifyAssertion(deps: AppDeps, rp: RelyingParty, credential: unknown, challenge: string): Promise<{ passkey: PasskeyRow | undefined; verdict: AssertionVerdict | { ok: false; reason: 'unknown' } }> {
  const credentialId = assertionCredentialId(credential);
  const passkey = credentialId ? await findPasskeyByCredentialId(deps.storage.db, credentialId) : undefined;
  if (!passkey) return { passkey, verdict: { ok: false, reason: 'unknown' } };
  return { passkey, verdict: await checkAssertion(deps, rp, credential, challenge, passkey) };
}

/** LOGIN-4: the account is in a temporary lock through any of its identifiers; how long it still lasts. */
async function lockLeftMs(deps: AppDeps, employeeId: string): Promise<number> {
  const now = deps.clock.now();
  let left = 0;
  for (const key of [accountLockKey(employeeId), ...identifierLockKeys(employeeId)]) {
    const until = await findLockedUntil(deps.storage.db, key);
    if (until !== null && until > now) left = Math.max(left, until - now);
  }
  return left;
}

const finish: PasskeySignIn['finish'] = async (deps, input, meta) => {
  const rp = requireRelyingParty(deps);
  const { db } = deps.storage;
  return underClientThrottle(deps, meta, async (outcome) => {
    // Spent now, whatever follows (a replayed assertion finds nothing), and only by the client that asked (RECOV-12).
    const ceremony = await spendPasskeyChallenge(db, deps.config.secret, input.flowId, deps.clock.now(), meta.client);
    if (!ceremony || ceremony.state.purpose !== 'login') {
      outcome.failed = false;
      throw new AppError('FLOW_EXPIRED', 'flowExpired');
    }
    const { passkey, verdict } = await verifyAssertion(deps, rp, input.credential, ceremony.state.challenge);
    if (!passkey || !verdict.ok) return await refuse(deps, meta, passkey, verdict.ok ? 'unknown' : verdict.reason);
    // Options asked for one account's passkeys: another account's does not answer them.
    if (ceremony.employeeId !== null && ceremony.employeeId !== passkey.employeeId) return await refuse(deps, meta, passkey, 'other_account');
    const candidate = await findCandidateByEmployeeId(db, passkey.employeeId);
    if (!candidate) return await refuse(deps, meta, passkey, 'unknown');
    outcome.failed = false;
    return await admit(deps, candidate, meta, passkeyAmr(passkey));
  });
};

/** The passkey was right: now the account's own state decides, with the words of a password sign-in. */
async function admit(deps: AppDeps, candidate: SignInCandidate, meta: RequestMeta, amr: PasskeyAmr): Promise<PasskeyOutcome> {
  const { employeeId } = candidate;
  const now = deps.clock.now();
  const eligibility = checkEligibility({ status: candidate.status, country: candidate.country, separation_date: candidate.separationDate }, new Date(now), deps.config);
  if (!eligibility.eligible) {
    await auditOwnEvent(deps, meta, employeeId, 'login.refused', 'refused', { reason: 'not_eligible', method: 'passkey' });
    throw new AppError('NOT_ELIGIBLE', eligibility.accessEndedOn ? 'notEligible' : 'notEligibleNoDate', { extra: eligibility.accessEndedOn ? { accessEndedOn: eligibility.accessEndedOn } : {} });
  }
  if (candidate.disabledAt !== null) {
    await auditOwnEvent(deps, meta, employeeId, 'login.refused', 'refused', { reason: 'disabled', method: 'passkey' });
    throw new AppError('ACCOUNT_LOCKED_HELPDESK', 'accountLockedHelpdesk', { extra: { helpUrl: '/help/contact' } });
  }
  // LOGIN-4: a temporary lock refuses every way in until it ends, the right passkey too.
  const lockedMs = await lockLeftMs(deps, employeeId);
  if (lockedMs > 0) {
    await auditOwnEvent(deps, meta, employeeId, 'login.refused', 'refused', { reason: 'locked', method: 'passkey' });
    throw new AppError('ACCOUNT_LOCKED', 'accountLocked', { retryAfterSeconds: Math.ceil(lockedMs / 1000) });
  }
  const { db } = deps.storage;
  // LOGIN-4: a successful sign-in resets the count of failures (no lock is in force here; claims in flight stay theirs).
  await resetFailureCounts(db, [accountLockKey(employeeId), ...identifierLockKeys(employeeId)], now);
  await auditOwnEvent(deps, meta, employeeId, 'login.success', 'success', { method: 'passkey' });
  // RECOV-7: a passkey proves the account as a password and a second factor do.
  if (candidate.helpdeskLockedAt !== null) await clearQuestionsLock(deps, employeeId, meta, 'sign_in', 'passkey');
  if ((candidate.termsVersion ?? 0) < (await currentTermsVersion(db))) {
    const flowId = await startFlow(db, deps.config.secret, { kind: 'registration', employeeId, now, lifetimeMs: TERMS_FLOW_MS, client: meta.client, state: { termsOnly: true, secondFactor: true, signIn: { via: 'passkey', secondFactorMethod: 'passkey', passkeyAmr: amr } } });
    return { next: 'register', employeeId, flowId };
  }
  return { next: 'home', employeeId, passkeyAmr: amr };
}

const secondFactorOptions: PasskeySignIn['secondFactorOptions'] = async (deps, codeFlowId, meta) => {
  const rp = requireRelyingParty(deps);
  const context = await loadCodeStep(deps, codeFlowId, meta.client);
  await refuseThrottledClient(deps, meta);
  const passkeys = await listPasskeys(deps.storage.db, context.state.employeeId);
  if (passkeys.length === 0) throw new AppError('VALIDATION', 'mfaChannelUnavailable', { fields: { channel: 'mfaChannelUnavailable' } });
  const generated = await authenticationOptions(rp, passkeys);
  await startCeremony(deps, meta, { purpose: 'code_step', employeeId: context.state.employeeId, challenge: generated.challenge, parentHash: context.flow.idHash });
  return { options: generated };
};

const secondFactor: PasskeySignIn['secondFactor'] = async (deps, codeFlowId, credential, meta) => {
  const rp = requireRelyingParty(deps);
  const context = await loadCodeStep(deps, codeFlowId, meta.client);
  // LOGIN-6: failed passkey answers at the code step count for the client as those of a passkey sign-in do.
  return underClientThrottle(deps, meta, async (outcome) => {
    const ceremony = await spendPasskeyChallengeOf(deps.storage.db, deps.config.secret, context.flow.idHash, 'code_step', deps.clock.now(), meta.client);
    if (!ceremony) {
      outcome.failed = false;
      throw new AppError('FLOW_EXPIRED', 'flowExpired');
    }
    const { passkey, verdict } = await verifyAssertion(deps, rp, credential, ceremony.challenge);
    if (!passkey || passkey.employeeId !== context.state.employeeId || !verdict.ok) {
      const reason = !passkey ? 'unknown' : passkey.employeeId !== context.state.employeeId ? 'other_account' : verdict.ok ? 'unknown' : verdict.reason;
      await auditOwnEvent(deps, meta, context.state.employeeId, 'login.code_failed', 'failure', { channel: 'passkey', reason });
      return refuse(deps, meta, passkey?.employeeId === context.state.employeeId ? passkey : undefined, reason, 'INVALID_CODE');
    }
    outcome.failed = false;
    return finishCodeStep(deps, context, 'passkey', meta, passkeyAmr(passkey));
  });
};

export const passkeyLogin = {
  name: 'passkey',
  options,
  finish,
  secondFactorOptions,
  secondFactor,
} as const satisfies PasskeySignIn;
