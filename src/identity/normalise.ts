// NORM-1..7: every identifier is normalised the same way wherever it is typed.

export const PIN_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const PIN_PATTERN = new RegExp(`^[${PIN_ALPHABET}]{8}$`);

/** NORM-7: longest accepted values, checked before any hashing. */
export const MAX_LENGTH = {
  identifier: 254,
  passwordBytes: 256,
  answer: 200,
  name: 100,
} as const;

/** NORM-1: digits only, 5–12 long; full-width digits folded, inner spaces and dashes removed. */
export function normaliseEmployeeId(input: string): string | null {
  const folded = input.normalize('NFKC').trim().replace(/[\s\-‐-―−]/gu, '');
  return /^\d{5,12}$/.test(folded) ? folded : null;
}

export interface NormalisedEmail {
  /** As typed (trimmed, NFKC, domain lower-cased). */
  value: string;
  /** Case-insensitive comparison key. */
  key: string;
}

/** NORM-2: trimmed, NFKC, domain lower-cased; local part kept but compared case-insensitively. */
export function normaliseEmail(input: string): NormalisedEmail | null {
  const trimmed = input.normalize('NFKC').trim();
  if (trimmed.length > MAX_LENGTH.identifier || /[\s\p{Cc}]/u.test(trimmed)) return null;
  const at = trimmed.lastIndexOf('@');
  if (at < 1 || at === trimmed.length - 1) return null;
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1).toLowerCase();
  if (local.length > 64 || local.includes('@') || /["(),:;<>[\\\]]/.test(local)) return null;
  if (!/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u.test(domain)) return null;
  const value = `${local}@${domain}`;
  return { value, key: value.toLowerCase() };
}

/** NORM-3: E.164; spaces, dashes, brackets and a missing +1 for NANP numbers are accepted. */
export function normaliseMobile(input: string): string | null {
  const trimmed = input.normalize('NFKC').trim();
  if (!/^\+?[\d\s().-]{7,24}$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : null;
  if (/^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return `+1${digits}`;
  if (/^1[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return `+${digits}`;
  return null;
}

/** NORM-4: trimmed and lower-cased, so upper case typing is not punished. */
export function normalisePin(input: string): string | null {
  const folded = input.normalize('NFKC').trim().toLowerCase();
  return PIN_PATTERN.test(folded) ? folded : null;
}

/** NORM-5: never trimmed or case-folded; NFKC before hashing and policy checks. */
export function normalisePassword(input: string): string {
  return input.normalize('NFKC');
}

/** NORM-6: trim, collapse inner whitespace, NFKC, case folding. */
export function normaliseAnswer(input: string): string {
  return input.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('und');
}

/** NORM-7: byte length of a password as it will be hashed. */
export function passwordTooLong(input: string): boolean {
  return Buffer.byteLength(input, 'utf8') > MAX_LENGTH.passwordBytes;
}

export type Identifier =
  | { kind: 'employeeId'; employeeId: string; key: string }
  | { kind: 'email'; email: NormalisedEmail; key: string }
  | { kind: 'unknown'; key: string };

/** LOGIN-1: "Employee ID or e-mail". `key` identifies the typed identifier for lockout (LOGIN-5). */
export function classifyIdentifier(input: string): Identifier {
  if (input.includes('@')) {
    const email = normaliseEmail(input);
    if (email) return { kind: 'email', email, key: `email:${email.key}` };
  } else {
    const employeeId = normaliseEmployeeId(input);
    if (employeeId) return { kind: 'employeeId', employeeId, key: `id:${employeeId}` };
  }
  return { kind: 'unknown', key: `raw:${input.normalize('NFKC').trim().toLowerCase()}` };
}
