import type { AppDeps, RequestMeta } from '../../core/deps.js';
import type { AuditEventName } from '../../audit/events.js';
import { AppError } from '../../core/errors.js';
import { auditOwnEvent } from '../../audit/record-audit.js';
import { checkEligibility } from '../../identity/eligibility.js';
import { classifyIdentifier, MAX_LENGTH } from '../../identity/normalise.js';
import { HOUR, MINUTE } from '../../security/clock.js';
import { keyedHash } from '../../security/tokens.js';
import { QUESTIONS_REQUIRED, type AnswerInput } from '../../methods/challenge-questions/answer-rules.js';
import type { Language } from '../../web/i18n.js';
import { findMfaState } from '../../storage/repositories/mfa.js';
import {
  accountExists,
  addRecoveryProof,
  deleteExpiredRecoveryFlows,
  findEmployeeIdByEmailKey,
  findRecoveryAccount,
  listAnswerHashes,
  type RecoveryAccount,
  type RecoveryProof,
} from '../../storage/repositories/recovery.js';
import { enoughProofs, methodsStillOpen } from './proofs.js';
import { findFlow, startFlow, type FlowRecord } from '../flow-store.js';

// RECOV-1..11 as a small state machine (DESIGN §2): a flow starts for ANY identifier, a method
// proves something, and only then may a new password be chosen. Every answer before the proof is
// the same for known, unknown, unregistered, ineligible and locked identifiers (RECOV-1).

/** A flow lives this long; once a method succeeds, the password must be chosen within PROVEN_LIFETIME_MS. */
export const FLOW_LIFETIME_MS = 30 * MINUTE;
export const PROVEN_LIFETIME_MS = 15 * MINUTE;
/** RECOV-11: links and codes per account and per client address, in any hour. */
export const ACCOUNT_SENDS_PER_WINDOW = 5;
export const CLIENT_SENDS_PER_WINDOW = 20;
export const SEND_WINDOW_MS = HOUR;
/** The Technical Help Form (HELP-2): where every refusal and RECOV-10 point. */
export const HELP_FORM_PATH = '/help/contact';

/** A method's name is the proof it yields (`totp`'s step also takes the authenticator's recovery codes). */
export type RecoveryMethodName = RecoveryProof;

export interface RecoveryContext {
  flow: FlowRecord<'recovery'>;
  /** The matched account, whatever its state (null when the identifier matched none). */
  account: RecoveryAccount | null;
}

/** Where a flow goes next (SPEC §14.2 `next`); `code`: RECOV-6 wants a proof of another kind. */
export type RecoveryNext = 'set_password' | 'code';

/** What a proof step answers: the new password, or (RECOV-6) another proof from `methods`. */
export type RecoveryStep = { next: 'set_password' } | { next: 'code'; methods: RecoveryMethodName[] };

/** What a send step answers, whatever the outcome says in the audit log (RECOV-1: always "if these match…"). */
export type SendOutcome = 'sent' | 'no_match' | 'account_limit' | 'resend_wait';

/**
 * A recovery method (DESIGN §2): `methods/<method>/recovery.ts` implements the parts below it
 * takes part in, and the flow's list is methods.ts. A success records the method's proof through
 * `proveRecovery`, and RECOV-6 decides what follows.
 */
export interface RecoveryMethod {
  readonly name: RecoveryMethodName;
}

/** RECOV-2/3: sends a link or a code to the typed contact, when it matches the account's verified one. */
export interface SendsToContact {
  send(deps: AppDeps, context: RecoveryContext, typed: string, meta: RequestMeta): Promise<SendOutcome>;
}

/** Checks a typed code (RECOV-3, or RECOV-6's authenticator) and proves the flow. */
export interface ChecksCode {
  verify(deps: AppDeps, context: RecoveryContext, typed: string, meta: RequestMeta): Promise<RecoveryStep>;
}

/** RECOV-6 / MFA-7: a passkey as the authenticator proof: a challenge for the account's passkeys, then the browser's assertion. */
export interface ChecksPasskey {
  options(deps: AppDeps, context: RecoveryContext, meta: RequestMeta): Promise<{ options: unknown }>;
  verify(deps: AppDeps, context: RecoveryContext, credential: unknown, meta: RequestMeta): Promise<RecoveryStep>;
}

/** RECOV-4: the questions to answer (the same shape for everyone) and the check of the answers. */
export interface AsksQuestions {
  questions(deps: AppDeps, context: RecoveryContext, language: Language): Promise<{ id: string; text: string }[]>;
  answer(deps: AppDeps, context: RecoveryContext, answers: AnswerInput[], meta: RequestMeta): Promise<RecoveryStep>;
}

/** RECOV-2: an e-mailed link opens a proven flow of its own, bound to the client that opened it (RECOV-12). */
export interface RedeemsLink {
  isUsable(deps: AppDeps, token: string): Promise<boolean>;
  redeem(deps: AppDeps, token: string, meta: RequestMeta): Promise<{ step: RecoveryStep; flowId: string }>;
}

/** RECOV-1: the methods offered — the same list for everyone (no questions under the `nist` policy, REG-7). */
export function offeredMethods(deps: AppDeps): RecoveryMethodName[] {
  return deps.config.policy === 'described' ? ['email_link', 'email_code', 'sms_code', 'questions'] : ['email_link', 'email_code', 'sms_code'];
}

/** A new recovery flow bound to `client`, with the proof it starts from (a redeemed link), if any. */
export function createRecoveryFlow(
  deps: AppDeps,
  input: { identifierHash: string; employeeId: string | null; client: string; proof?: RecoveryProof; lifetimeMs: number },
): Promise<string> {
  const state = { identifierHash: input.identifierHash, proofs: input.proof ? [input.proof] : [], codeChannel: null, codeIssuedAt: null, codeAttempts: 0, codeSends: [] };
  return startFlow(deps.storage.db, deps.config.secret, { kind: 'recovery', employeeId: input.employeeId, now: deps.clock.now(), lifetimeMs: input.lifetimeMs, client: input.client, state });
}

/**
 * POST /recovery: a flow for any identifier. It holds the keyed hash of the normalised identifier
 * and the matching account (or null); nothing in the answer depends on either (RECOV-1).
 */
export async function startRecovery(deps: AppDeps, typed: string, meta: RequestMeta): Promise<{ flowId: string; methods: RecoveryMethodName[] }> {
  if (typed.trim() === '') throw new AppError('VALIDATION', 'identifierRequired', { fields: { identifier: 'identifierRequired' } });
  if (typed.length > MAX_LENGTH.identifier) throw new AppError('VALIDATION', 'validation', { fields: { identifier: 'validation' } });
  const { db } = deps.storage;
  const now = deps.clock.now();
  await deleteExpiredRecoveryFlows(db, now);
  const identifier = classifyIdentifier(typed);
  const employeeId =
    identifier.kind === 'employeeId'
      ? (await accountExists(db, identifier.employeeId))
        ? identifier.employeeId
        : null
      : identifier.kind === 'email'
        ? await findEmployeeIdByEmailKey(db, identifier.email.key)
        : null;
  const identifierHash = keyedHash(deps.config.secret, identifier.key);
  const flowId = await createRecoveryFlow(deps, { identifierHash, employeeId, client: meta.client, lifetimeMs: FLOW_LIFETIME_MS });
  await auditRecovery(deps, meta, employeeId, 'recovery.requested', 'info', { known: employeeId !== null });
  return { flowId, methods: offeredMethods(deps) };
}

/** The unexpired flow of this id started by this client (RECOV-12) with its account, or 410 FLOW_EXPIRED. */
export async function loadRecovery(deps: AppDeps, flowId: string, client: string): Promise<RecoveryContext> {
  const flow = await findFlow(deps.storage.db, deps.config.secret, flowId, 'recovery', deps.clock.now(), client);
  if (!flow) throw new AppError('FLOW_EXPIRED', 'flowExpired');
  const account = flow.employeeId ? ((await findRecoveryAccount(deps.storage.db, flow.employeeId)) ?? null) : null;
  return { flow, account };
}

/**
 * Whether the account may recover at all: registered, not disabled, eligible now (ELIG-3). A
 * help-desk lock does not stop sending (an e-mail or SMS recovery clears it, RECOV-7).
 */
export function canRecover(deps: AppDeps, account: RecoveryAccount | null): account is RecoveryAccount {
  if (!account || account.passwordHash === null || account.registeredAt === null || account.disabledAt !== null) return false;
  return checkEligibility({ status: account.status, country: account.country, separation_date: account.separationDate }, new Date(deps.clock.now()), deps.config).eligible;
}

/**
 * RECOV-6 seam: the ONE place that decides where a flow goes once a method has succeeded: `code`
 * while an account with MFA still owes a proof of another kind (proofs.ts), else `set_password`;
 * choosing the password is allowed only while this answers `set_password`.
 */
export function nextAfterProof(context: RecoveryContext): RecoveryNext {
  const { flow, account } = context;
  if (flow.state.proofs.length > 0 && account !== null && !enoughProofs(account, flow.state.proofs)) return 'code';
  return 'set_password';
}

/** The methods the account can still prove with (after a first proof; RECOV-6). */
export async function openMethods(deps: AppDeps, context: RecoveryContext): Promise<RecoveryMethodName[]> {
  const { account, flow } = context;
  if (!account) return [];
  const [mfa, answers] = await Promise.all([findMfaState(deps.storage.db, account.employeeId), listAnswerHashes(deps.storage.db, account.employeeId)]);
  const hasAnswers = deps.config.policy === 'described' && answers.length === QUESTIONS_REQUIRED;
  return methodsStillOpen({ account, hasAuthenticator: Boolean(mfa?.totpSecret), hasAnswers, hasPasskey: account.passkeys > 0 }, flow.state.proofs);
}

/** What a proof step answers: `code` comes with the methods still open. */
export async function stepAfterProof(deps: AppDeps, context: RecoveryContext): Promise<RecoveryStep> {
  return nextAfterProof(context) === 'code' ? { next: 'code', methods: await openMethods(deps, context) } : { next: 'set_password' };
}

/**
 * Before a method runs on a flow that already holds a proof: it must give a proof of another kind
 * that the account has (RECOV-6). Before the first proof every method is open to everyone (RECOV-1).
 */
export async function requireMethodOpen(deps: AppDeps, context: RecoveryContext, method: RecoveryMethodName): Promise<void> {
  if (context.flow.state.proofs.length === 0) return;
  if (nextAfterProof(context) !== 'code' || !(await openMethods(deps, context)).includes(method)) {
    throw new AppError('VALIDATION', 'recoveryMethodNotOpen');
  }
}

/** A method succeeded: record the proof (the password must follow soon) and say what comes next. */
export async function proveRecovery(deps: AppDeps, context: RecoveryContext, proof: RecoveryProof, meta: RequestMeta): Promise<RecoveryStep> {
  const now = deps.clock.now();
  if (!(await addRecoveryProof(deps.storage.db, { idHash: context.flow.idHash, proofs: context.flow.state.proofs }, proof, now, now + PROVEN_LIFETIME_MS))) {
    throw new AppError('FLOW_EXPIRED', 'flowExpired');
  }
  await auditRecovery(deps, meta, context.account?.employeeId ?? null, 'recovery.verified', 'success', { method: proof, proofs: context.flow.state.proofs.length + 1 });
  const { flow } = context;
  const proven: RecoveryContext = { ...context, flow: { ...flow, state: { ...flow.state, proofs: [...flow.state.proofs, proof] }, expiresAt: now + PROVEN_LIFETIME_MS } };
  return stepAfterProof(deps, proven);
}

/** AUDIT-1: never tokens, codes, answers or what was typed. */
export function auditRecovery(
  deps: AppDeps,
  meta: RequestMeta,
  employeeId: string | null,
  event: AuditEventName,
  outcome: 'success' | 'failure' | 'refused' | 'info',
  detail: Record<string, string | number | boolean> = {},
): Promise<void> {
  return auditOwnEvent(deps, meta, employeeId, event, outcome, detail);
}
