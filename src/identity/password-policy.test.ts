import { describe, expect, it } from 'vitest';
import { brokenPasswordRules, lengthLimits, type PasswordContext } from './password-policy.js';
import { blockedPasswordCount, isBlockedPassword } from './blocked-passwords.js';

const described: PasswordContext = { policy: 'described', employeeId: '0012345', isPin: (value) => value === 'abcd2345' };
const nist: PasswordContext = { policy: 'nist', employeeId: '0012345', isPin: (value) => value === 'abcd2345' };
const check = (password: string, context = described, confirm = password) => brokenPasswordRules(password, confirm, context);

describe('REG-5 described policy', () => {
  it('accepts 7–14 characters with a letter and a digit', () => {
    expect(check('Harbor7')).toEqual([]);
    expect(check('Tidewater2026x')).toEqual([]);
  });
  it('refuses 6 and 15 characters', () => {
    expect(check('Harb07')).toContain('length');
    expect(check('Tidewater2026xy')).toContain('length');
  });
  it('needs a letter and a digit', () => {
    expect(check('Harborside')).toEqual(['digit']);
    expect(check('20262026')).toContain('letter');
  });
  it('is case-sensitive: the confirmation must match exactly', () => {
    expect(check('Harbor77', described, 'harbor77')).toEqual(['matches']);
  });
  it('refuses the PIN, in any case', () => {
    expect(check('abcd2345')).toContain('notPin');
    expect(check('ABCD2345')).toContain('notPin');
  });
  it('refuses a password containing the Employee ID', () => {
    expect(check('x0012345y')).toContain('notEmployeeId');
  });
  it('refuses common passwords, case-insensitively', () => {
    expect(check('password1')).toContain('notCommon');
    expect(check('Password1')).toContain('notCommon');
    expect(check('abc123')).toContain('notCommon');
  });
  it('counts characters after NFKC, not bytes', () => {
    expect(check('Ｈａｒｂｏｒ７')).toEqual([]);
    expect(check('Ünïcödé7')).toEqual([]);
  });
});

describe('REG-7 nist policy', () => {
  it('needs 15–64 characters and no composition', () => {
    expect(check('correct horse battery', nist)).toEqual([]);
    expect(check('onlylettershere', nist)).toEqual([]);
    expect(check('short words', nist)).toEqual(['length']);
    expect(check('x'.repeat(65), nist)).toContain('length');
  });
  it('allows 8–64 when everyone uses a second factor', () => {
    expect(lengthLimits({ policy: 'nist', mfaForEveryone: true })).toEqual({ min: 8, max: 64 });
    expect(check('lanterns', { ...nist, mfaForEveryone: true })).toEqual([]);
  });
  it('still refuses common passwords, the PIN and the Employee ID', () => {
    expect(check('passwordpassword', nist)).toContain('notCommon');
    expect(check('abcd2345', { ...nist, mfaForEveryone: true })).toContain('notPin');
    expect(check('my id is 0012345 ok', nist)).toContain('notEmployeeId');
  });
});

describe('blocked list', () => {
  it('holds at least the 10,000 most common passwords', () => {
    expect(blockedPasswordCount()).toBeGreaterThanOrEqual(10_000);
    for (const common of ['123456', 'qwerty', 'iloveyou', 'letmein', 'football', 'sunshine']) expect(isBlockedPassword(common)).toBe(true);
  });
});
