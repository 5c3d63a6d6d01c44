import type { RecoveryAccount, RecoveryProof } from '../../storage/repositories/recovery.js';

// RECOV-6 as one rule over the proofs a flow has collected. Each method proves one thing the
// employee holds: the mailbox (reset link or e-mailed code), the phone (SMS code), the
// authenticator (its code or a recovery code) or the challenge answers. An account without MFA
// needs one of them; an account with MFA needs two DIFFERENT ones, in either order.

export type ProofFactor = 'mailbox' | 'phone' | 'authenticator' | 'answers';

export const FACTOR_OF: Record<RecoveryProof, ProofFactor> = {
  email_link: 'mailbox',
  email_code: 'mailbox',
  sms_code: 'phone',
  totp: 'authenticator',
  recovery_code: 'authenticator',
  // MFA-7: a passkey is something the employee holds, as the authenticator app is.
  passkey: 'authenticator',
  questions: 'answers',
};

/** The methods that can give a later proof (SPEC §14.2's `methods` after a first proof); a link is asked for only first. */
const LATER_METHODS = ['email_code', 'sms_code', 'totp', 'recovery_code', 'passkey', 'questions'] as const satisfies readonly RecoveryProof[];

/** What the account can still prove, read fresh for each step. */
export interface ProofOptions {
  account: RecoveryAccount;
  /** An authenticator app is enrolled (its recovery codes come with it). */
  hasAuthenticator: boolean;
  /** Challenge questions are offered (the `described` policy) and the account has its three answers. */
  hasAnswers: boolean;
  /** MFA-7: the account holds a passkey. */
  hasPasskey: boolean;
}

export function provenFactors(proofs: readonly RecoveryProof[]): Set<ProofFactor> {
  return new Set(proofs.map((proof) => FACTOR_OF[proof]));
}

/** MFA-7: an account with a passkey has a second factor whatever its `mfa` setting. */
export function proofsNeeded(account: Pick<RecoveryAccount, 'mfa' | 'passkeys'>): number {
  return account.mfa === 'off' && account.passkeys === 0 ? 1 : 2;
}

/** Whether the flow holds enough different proofs to choose a new password. */
export function enoughProofs(account: Pick<RecoveryAccount, 'mfa' | 'passkeys'>, proofs: readonly RecoveryProof[]): boolean {
  return provenFactors(proofs).size >= proofsNeeded(account);
}

function canGive(options: ProofOptions, method: (typeof LATER_METHODS)[number]): boolean {
  const { account } = options;
  switch (method) {
    case 'email_code':
      return account.email !== null && account.emailVerifiedAt !== null;
    case 'sms_code':
      return account.mobile !== null && account.mobileVerifiedAt !== null;
    case 'totp':
    case 'recovery_code':
      return options.hasAuthenticator;
    case 'passkey':
      return options.hasPasskey;
    case 'questions':
      // RECOV-7: the questions lock closes this method only.
      return options.hasAnswers && account.helpdeskLockedAt === null;
  }
}

/** After a first proof: the methods this account can still use for a proof of another kind. */
export function methodsStillOpen(options: ProofOptions, proofs: readonly RecoveryProof[]): RecoveryProof[] {
  const proven = provenFactors(proofs);
  return LATER_METHODS.filter((method) => !proven.has(FACTOR_OF[method]) && canGive(options, method));
}
