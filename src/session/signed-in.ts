import type { Profile } from '../storage/repositories/accounts.js';

/** The person a request acts for, set by the session guards from a live session. */
export interface SignedIn {
  sessionIdHash: string;
  profile: Profile;
  authAt: number;
  /** When this session proved a second factor (MFA-5), or null. */
  secondFactorAt: number | null;
  /** MFA-7: when this session used a passkey (PORTICO_CONSOLE_REQUIRE_PASSKEY), or null. */
  passkeyAt: number | null;
  /** MFA-7: how many passkeys the account holds; any counts as a second factor (MFA-5, MFA-6). */
  passkeys: number;
}
