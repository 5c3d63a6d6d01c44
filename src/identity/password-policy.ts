import type { Policy } from '../config/config.js';
import { isBlockedPassword } from './blocked-passwords.js';
import { normalisePassword, normalisePin } from './normalise.js';

// REG-5 (`described`, the default) and REG-7 (`nist`). Every rule has a name so the form can list
// them next to the field and say which are met.

export type PasswordRule = 'length' | 'letter' | 'digit' | 'notPin' | 'notEmployeeId' | 'notCommon' | 'matches' | 'notRecent';

export interface PasswordContext {
  policy: Policy;
  employeeId: string;
  /** Whether a value is the person's PIN (only its keyed hash is stored, so this compares hashes). */
  isPin?: (value: string) => boolean;
  /** REG-7: 8–64 characters instead of 15–64 when everyone must use a second factor. */
  mfaForEveryone?: boolean;
}

export interface LengthLimits {
  min: number;
  max: number;
}

export function lengthLimits(context: Pick<PasswordContext, 'policy' | 'mfaForEveryone'>): LengthLimits {
  if (context.policy === 'described') return { min: 7, max: 14 };
  return { min: context.mfaForEveryone ? 8 : 15, max: 64 };
}

/** The rules shown for this policy, in display order. */
export function rulesFor(policy: Policy): PasswordRule[] {
  return policy === 'described'
    ? ['length', 'letter', 'digit', 'notPin', 'notEmployeeId', 'notCommon', 'matches']
    : ['length', 'notPin', 'notEmployeeId', 'notCommon', 'matches'];
}

/** The rules the password breaks (empty when acceptable). History (notRecent) is checked by the caller. */
export function brokenPasswordRules(typed: string, confirm: string, context: PasswordContext): PasswordRule[] {
  const password = normalisePassword(typed);
  const broken: PasswordRule[] = [];
  const { min, max } = lengthLimits(context);
  const length = [...password].length;
  if (length < min || length > max) broken.push('length');
  if (context.policy === 'described') {
    if (!/\p{L}/u.test(password)) broken.push('letter');
    if (!/\p{Nd}/u.test(password)) broken.push('digit');
  }
  const asPin = normalisePin(password);
  if (asPin && context.isPin?.(asPin)) broken.push('notPin');
  if (password.includes(context.employeeId)) broken.push('notEmployeeId');
  if (isBlockedPassword(password)) broken.push('notCommon');
  if (normalisePassword(confirm) !== password) broken.push('matches');
  return [...new Set(broken)];
}
