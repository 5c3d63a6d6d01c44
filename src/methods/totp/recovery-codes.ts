import { randomInt } from 'node:crypto';
import { PIN_ALPHABET } from '../../identity/normalise.js';
import { keyedHash } from '../../security/tokens.js';

// MFA-3: 10 single-use recovery codes, shown once when the authenticator is turned on. Each is 10
// characters from the look-alike-free PIN alphabet (about 49 bits), shown as `abcde-fghjk`, and
// stored only as a keyed hash (DESIGN rule 6). Guesses are limited at the code step.

export const RECOVERY_CODE_COUNT = 10;
const LENGTH = 10;
const PATTERN = new RegExp(`^[${PIN_ALPHABET}]{${LENGTH}}$`);

export function generateRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) {
    let code = '';
    for (let i = 0; i < LENGTH; i++) code += PIN_ALPHABET[randomInt(PIN_ALPHABET.length)];
    codes.add(`${code.slice(0, 5)}-${code.slice(5)}`);
  }
  return [...codes];
}

/** Typed in any case, with or without the dash or spaces; null when it cannot be a recovery code. */
export function normaliseRecoveryCode(typed: string): string | null {
  const compact = typed.normalize('NFKC').toLowerCase().replace(/[\s-]/g, '');
  return PATTERN.test(compact) ? compact : null;
}

/** The keyed hash stored for a code (normalised or as shown). */
export function hashRecoveryCode(secret: Buffer, employeeId: string, code: string): string {
  const normalised = normaliseRecoveryCode(code) ?? '';
  return keyedHash(secret, `mfa-recovery:${employeeId}:${normalised}`);
}
