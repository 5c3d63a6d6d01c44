// IDP-1, IDP-3: what the Portico session used, as the ID token says it. `amr` lists RFC 8176
// method references and never claims a password the session did not use; `acr` is Portico's
// level: `pwd` one factor, `mfa` two, `phr` a passkey (phishing-resistant: it answers only its own
// origin, and with user verification it is two factors itself).

export const ACR_VALUES = ['pwd', 'mfa', 'phr'] as const;
export type Acr = (typeof ACR_VALUES)[number];

/** What the provider needs to know of a session's sign-in (sessions.via, second_factor_method, passkey_amr). */
export interface SessionFactsForAmr {
  via: string | undefined;
  /** The session passed a second factor (MFA-5). */
  secondFactor: boolean;
  /** What passed it (migration 017), or null for a session from before, or when none did. */
  secondFactorMethod: string | null;
  /** That passkey's RFC 8176 name, `hwk` or `swk` (methods/passkey/passkey-amr.ts), when known. */
  passkeyAmr: string | null;
  /** The account's method today (`off`, `email`, `sms`, `totp`): only for sessions from before migration 017. */
  accountMfa: string | undefined;
}

/** RFC 8176 names of the second factors: a code sent by text message is `sms`; any other one-time code (e-mail, app, recovery code) `otp`. */
function secondFactorAmr(method: string | null, passkeyAmr: string | null, accountMfa: string | undefined): string | null {
  switch (method) {
    case 'sms_code':
      return 'sms';
    case 'email_code':
    case 'totp':
    case 'recovery_code':
      return 'otp';
    case 'passkey':
      return passkeyAmr;
    case 'provider':
      // The company SSO provider's second factor: Portico does not know which it was.
      return null;
    case null:
      // A session from before the method was recorded: the account's method, as then.
      return accountMfa === 'sms' ? 'sms' : accountMfa === 'email' || accountMfa === 'totp' ? 'otp' : null;
    default:
      return null;
  }
}

export function amrOf(facts: SessionFactsForAmr): string[] {
  // A passkey sign-in: the key and its user verification, no password.
  if (facts.via === 'passkey') return [...(facts.passkeyAmr ? [facts.passkeyAmr] : []), 'mfa'];
  const amr: string[] = [];
  // Company SSO: the password, if any, was typed at the SSO provider, not here.
  if (facts.via !== 'sso') amr.push('pwd');
  if (facts.secondFactor) {
    const second = secondFactorAmr(facts.secondFactorMethod, facts.passkeyAmr, facts.accountMfa);
    if (second) amr.push(second);
    amr.push('mfa');
  }
  return amr;
}

/** `phr` once a passkey was used (as sign-in or second factor), else `mfa` with a second factor, else `pwd`. */
export function acrOf(facts: { secondFactor: boolean; passkey: boolean }): Acr {
  if (facts.passkey) return 'phr';
  return facts.secondFactor ? 'mfa' : 'pwd';
}

const RANK: Record<Acr, number> = { pwd: 0, mfa: 1, phr: 2 };

/**
 * The level a client's `acr_values` asks for: the space-separated list names the values it
 * accepts, so the weakest one Portico knows is enough; values Portico does not know are left out,
 * and a list of none asks for nothing (null).
 */
export function requiredAcr(acrValues: unknown): Acr | null {
  if (typeof acrValues !== 'string') return null;
  const known = acrValues.split(' ').filter((value): value is Acr => (ACR_VALUES as readonly string[]).includes(value));
  if (known.length === 0) return null;
  return known.reduce((weakest, value) => (RANK[value] < RANK[weakest] ? value : weakest));
}

/** Whether a session at level `actual` meets what was asked (null: nothing). */
export function meetsAcr(actual: Acr, required: Acr | null): boolean {
  return required === null || RANK[actual] >= RANK[required];
}
