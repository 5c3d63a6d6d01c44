import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { auditOwnEvent } from '../../audit/record-audit.js';
import type { CodeChannel } from '../../methods/one-time-code/codes.js';
import { MINUTE } from '../../security/clock.js';
import type { MfaChannel, MfaState } from '../../storage/repositories/mfa.js';
import { currentTermsVersion } from '../../storage/repositories/terms.js';
import { endFlow, findFlow, startFlow, updateFlowState, type FlowRecord, type FlowStates } from '../flow-store.js';
import { clearQuestionsLock } from '../../identity/clear-questions-lock.js';
import type { PasskeyAmr } from '../../methods/passkey/passkey-amr.js';
import { codeWaiting, preferredChannel, requireMfaState, sendSecondFactorCode, verifySecondFactor, type SecondFactorMethod } from './mfa.js';

// MFA-2..4 at sign-in: after the right password an account with MFA gets a `login_code` flow, not
// a session. Until a code is accepted nothing beyond this step is reachable (MFA-4); the flow id
// is a bearer secret stored only as a keyed hash, like every flow.

/** The code step lives a little longer than one code, so a re-send still fits in it. */
export const CODE_FLOW_MS = 15 * MINUTE;
/** Registration flows opened after the code (REG-2: new terms) live as long as a PIN's. */
const TERMS_FLOW_MS = 60 * MINUTE;

const loginPurpose = (channel: CodeChannel) => (channel === 'email' ? 'login_email' : 'login_sms');

export interface CodeStepView {
  flowId: string;
  channels: MfaChannel[];
  /** MFA-7: the account has a passkey, which can stand in for the code (SPEC §14.2 lists `passkey` among the channels). */
  passkey: boolean;
  channel: MfaChannel;
  sentTo: string | null;
  /** A new code went out when the step began (false for an authenticator, or when the count per window held it back). */
  codeSent: boolean;
}

/** Called by `admit()` once password, eligibility and locks are settled (or after an SSO sign-in, `method: 'sso'`). */
/** What the code step follows: a password, an SSO sign-in, or a new password after a help-desk PIN (HELP-4). */
export type CodeStepAfter = FlowStates['login_code']['method'];

export async function startCodeStep(deps: AppDeps, employeeId: string, meta: RequestMeta, method: CodeStepAfter = 'password'): Promise<CodeStepView> {
  const state = await requireMfaState(deps, employeeId);
  const channel = preferredChannel(state);
  // Registered accounts always have a verified e-mail (REG-3); without any channel, fail closed.
  if (!channel) throw new AppError('FORBIDDEN', 'mfaNoChannel', { extra: { helpUrl: '/help/contact' } });
  const now = deps.clock.now();
  const flowId = await startFlow(deps.storage.db, deps.config.secret, { kind: 'login_code', employeeId, now, lifetimeMs: CODE_FLOW_MS, state: { channel, method }, client: meta.client });
  // MFA-2: a new sign-in gets a fresh code at once; only the count per window can hold it back.
  const delivery = await sendSecondFactorCode(deps, state, channel, loginPurpose, { quiet: true, fresh: true });
  await auditOwnEvent(deps, meta, employeeId, 'login.code_required', 'info', { channel, codeSent: String(delivery.codeSent) });
  return { flowId, channels: state.channels, passkey: state.passkeys > 0, channel, sentTo: delivery.sentTo, codeSent: delivery.codeSent };
}

/** The channels as the JSON API names them (SPEC §14.2): the verified ones, and `passkey` when the account has one (MFA-7). */
export function answeredChannels(view: Pick<CodeStepView, 'channels' | 'passkey'>): string[] {
  return view.passkey ? [...view.channels, 'passkey'] : [...view.channels];
}

export interface CodeStepContext {
  flow: FlowRecord<'login_code'>;
  state: MfaState;
  channel: MfaChannel;
}

/** The live code step of this id started by this client (RECOV-12), or 410 FLOW_EXPIRED. */
export async function loadCodeStep(deps: AppDeps, flowId: string, client: string): Promise<CodeStepContext> {
  const flow = await findFlow(deps.storage.db, deps.config.secret, flowId, 'login_code', deps.clock.now(), client);
  if (!flow) throw new AppError('FLOW_EXPIRED', 'flowExpired');
  const state = await requireMfaState(deps, flow.employeeId);
  const saved = flow.state.channel;
  const channel = state.channels.find((c) => c === saved) ?? preferredChannel(state);
  if (!channel) throw new AppError('FLOW_EXPIRED', 'flowExpired');
  return { flow, state, channel };
}

/** POST /login/code/send: a new code on the same channel (resend limits apply), or another verified channel. */
export async function sendLoginCode(deps: AppDeps, flowId: string, channel: MfaChannel, meta: RequestMeta): Promise<CodeStepView> {
  const context = await loadCodeStep(deps, flowId, meta.client);
  const delivery = await sendSecondFactorCode(deps, context.state, channel, loginPurpose);
  if (channel !== context.channel) await updateFlowState(deps.storage.db, context.flow, { ...context.flow.state, channel });
  if (channel !== 'totp') await auditOwnEvent(deps, meta, context.state.employeeId, 'login.code_sent', 'info', { channel });
  return { flowId, channels: context.state.channels, passkey: context.state.passkeys > 0, channel, sentTo: delivery.sentTo, codeSent: delivery.codeSent };
}

/** Whether a live code waits on the step's channel: the page says "type the code we sent" only then (MFA-2). */
export function codeStepWaiting(deps: AppDeps, context: CodeStepContext): Promise<boolean> {
  return codeWaiting(deps, context.state, context.channel, loginPurpose);
}

/** `via`: how the session begins; after a help-desk PIN it never counts as having passed a second factor (HELP-4). */
export type CodeStepOutcome =
  | { next: 'home'; employeeId: string; method: CodeStepMethod; via: CodeStepAfter; passkeyAmr?: PasskeyAmr }
  | { next: 'register'; employeeId: string; method: CodeStepMethod; flowId: string };

/** What passed the step: a code, or (MFA-7) a passkey. */
export type CodeStepMethod = SecondFactorMethod | 'passkey';

/** POST /login/code: the right code ends the step; the caller starts the session with `second_factor_at` set. */
export async function verifyLoginCode(deps: AppDeps, flowId: string, typed: string, meta: RequestMeta): Promise<CodeStepOutcome> {
  const context = await loadCodeStep(deps, flowId, meta.client);
  const { state } = context;
  const method = await verifySecondFactor(deps, { state, channel: context.channel, typed, purpose: loginPurpose, meta, failureEvent: 'login.code_failed' });
  return finishCodeStep(deps, context, method, meta);
}

/** The second factor was right (a code, or a passkey: methods/passkey/login.ts): the step ends once, and what follows is decided here. */
export async function finishCodeStep(deps: AppDeps, context: CodeStepContext, method: CodeStepMethod, meta: RequestMeta, passkeyAmr?: PasskeyAmr): Promise<CodeStepOutcome> {
  const { state } = context;
  // The step is used once, even by two requests carrying the same right code.
  if (!(await endFlow(deps.storage.db, context.flow))) throw new AppError('FLOW_EXPIRED', 'flowExpired');
  const signIn = context.flow.state.method;
  await auditOwnEvent(deps, meta, state.employeeId, 'login.success', 'success', { method: signIn, secondFactor: method });
  // RECOV-7: the right password and the second factor prove the account; SSO and a help-desk PIN do not clear the questions lock.
  if (signIn === 'password') await clearQuestionsLock(deps, state.employeeId, meta, 'sign_in', 'password');
  // REG-2: a new version of the terms is accepted before anything else.
  if ((state.termsVersion ?? 0) < (await currentTermsVersion(deps.storage.db))) {
    const now = deps.clock.now();
    const registration = await startFlow(deps.storage.db, deps.config.secret, {
      kind: 'registration',
      employeeId: state.employeeId,
      now,
      lifetimeMs: TERMS_FLOW_MS,
      client: meta.client,
      // The code step was passed: the session after the terms keeps it, and what proved it (HELP-4: never after a PIN).
      state: signIn === 'helpdesk_pin' ? {} : { secondFactor: true, signIn: { via: signIn, secondFactorMethod: method, passkeyAmr: passkeyAmr ?? null } },
    });
    return { next: 'register', employeeId: state.employeeId, method, flowId: registration };
  }
  return { next: 'home', employeeId: state.employeeId, method, via: signIn, ...(passkeyAmr ? { passkeyAmr } : {}) };
}

