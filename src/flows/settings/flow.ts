import type { AppDeps, RequestMeta } from '../../core/deps.js';
import type { ErrorMessageKey } from '../../core/errors.js';
import type { AnswerInput } from '../../methods/challenge-questions/answer-rules.js';
import type { CodeChannel } from '../../methods/one-time-code/codes.js';
import type { SignedIn } from '../../session/signed-in.js';
import type { MfaMethod, MfaState } from '../../storage/repositories/mfa.js';
import type { AccountSecurity } from '../../storage/repositories/profile.js';

/**
 * A settings method (DESIGN §2): `methods/<method>/settings.ts` implements the parts below it takes
 * part in, and the flow's list is methods.ts. Language, sessions, activity and the fresh sign-in
 * (SESS-3) are the flow's own.
 */
export interface SettingsMethod {
  readonly name: SettingsMethodName;
}

export type SettingsMethodName = 'password' | 'questions' | 'email_code' | 'sms_code' | 'totp' | 'passkey';

export interface ChangePasswordInput {
  current?: string | undefined;
  password: string;
  confirm: string;
}

/** PROF-2: the password page. */
export interface ChangesPassword {
  change(deps: AppDeps, signedIn: SignedIn, input: ChangePasswordInput, meta: RequestMeta): Promise<void>;
}

export interface ChangeAnswersInput {
  current?: string | undefined;
  answers: AnswerInput[];
}

/** PROF-1: the questions form (the `described` policy only: elsewhere 404). */
export interface ChangesAnswers {
  change(deps: AppDeps, signedIn: SignedIn, input: ChangeAnswersInput, meta: RequestMeta): Promise<void>;
}

/** PROF-1: a contact used only once the code sent to the new one comes back. */
export interface ChangesContact {
  readonly channel: CodeChannel;
  /** The verify form's field for this method's code. */
  readonly codeField: 'emailCode' | 'mobileCode';
  /** A code to the new contact `to`, and a notice to the old one (429 at the resend limit); nothing changes yet. */
  send(deps: AppDeps, signedIn: SignedIn, input: { account: AccountSecurity; to: string }, meta: RequestMeta): Promise<void>;
  /** A right code applies the contact it was sent to (null); otherwise the code field's problem. */
  verify(deps: AppDeps, signedIn: SignedIn, code: string, meta: RequestMeta): Promise<ErrorMessageKey | null>;
}

/** PROF-1: a contact that may be absent (the phone) is removed at once, without a code. */
export interface RemovesContact {
  remove(deps: AppDeps, signedIn: SignedIn, account: AccountSecurity, meta: RequestMeta): Promise<void>;
}

export interface TotpEnrolment {
  otpauthUrl: string;
  qrSvg: string;
  /** Base32, for typing into the app by hand. */
  secret: string;
}

export type MfaChange = { method: 'totp'; enrolment: TotpEnrolment } | { method: Exclude<MfaMethod, 'totp'> };

/** MFA-1: the method as the sign-in second factor. */
export interface OffersFactor {
  readonly factor: Exclude<MfaMethod, 'off'>;
  /** 400 when the account cannot use this factor yet; checked before SESS-3 and MFA-6. */
  assertFactorUsable(state: MfaState): void;
  /** Turns it on, or starts its enrolment; called once SESS-3 and MFA-6 have passed. */
  turnOnFactor(deps: AppDeps, signedIn: SignedIn, state: MfaState, meta: RequestMeta): Promise<MfaChange>;
}

/** MFA-3: a factor that is on only once its first code proves it was set up. */
export interface EnrolsFactor {
  /** The enrolment waiting for its first code, for the set-up page; null when there is none. */
  pendingEnrolment(deps: AppDeps, signedIn: SignedIn): Promise<TotpEnrolment | null>;
  /** The first code turns the factor on; the answer is the new recovery codes, in clear this once. */
  confirmEnrolment(deps: AppDeps, signedIn: SignedIn, code: string, meta: RequestMeta): Promise<string[]>;
}

/** A passkey as Edit My Profile lists it (MFA-7). */
export interface PasskeyView {
  id: number;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  /** Synced between devices (a multi-device credential), as the authenticator said. */
  synced: boolean;
}

/** MFA-7: passkeys added (a WebAuthn ceremony in two requests), renamed and removed, up to 10. */
export interface ManagesPasskeys {
  list(deps: AppDeps, signedIn: SignedIn): Promise<PasskeyView[]>;
  /** Options for navigator.credentials.create(), once MFA-6 has passed (`code`: a proof of the current factor). */
  startAdding(deps: AppDeps, signedIn: SignedIn, input: { code?: string | undefined }, meta: RequestMeta): Promise<{ flowId: string; options: unknown }>;
  /** The browser's answer to those options, with the name the employee gave it (empty: one from the browser and platform). */
  finishAdding(deps: AppDeps, signedIn: SignedIn, input: { flowId: string; credential: unknown; name: string }, meta: RequestMeta): Promise<{ id: number; name: string }>;
  rename(deps: AppDeps, signedIn: SignedIn, id: number, name: string, meta: RequestMeta): Promise<void>;
  remove(deps: AppDeps, signedIn: SignedIn, id: number, meta: RequestMeta): Promise<void>;
}
