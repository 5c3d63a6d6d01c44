import { describe, expect, it } from 'vitest';
import {
  classifyIdentifier,
  normaliseAnswer,
  normaliseEmail,
  normaliseEmployeeId,
  normaliseMobile,
  normalisePassword,
  normalisePin,
  passwordTooLong,
} from './normalise.js';

describe('NORM-1 Employee ID', () => {
  it.each([
    ['12345', '12345'],
    [' 0012345 ', '0012345'],
    ['００１２３４５', '0012345'],
    ['001-234 5', '0012345'],
    ['123456789012', '123456789012'],
  ])('%j → %j', (input, expected) => expect(normaliseEmployeeId(input)).toBe(expected));
  it.each(['1234', '1234567890123', '12a45', '', '12 34'])('%j is refused', (input) => expect(normaliseEmployeeId(input)).toBeNull());
});

describe('NORM-2 e-mail', () => {
  it('trims, NFKC-folds and lower-cases the domain, keeping the local part as typed', () => {
    expect(normaliseEmail('  Ana.Silva@EXAMPLE.Com \t')).toEqual({ value: 'Ana.Silva@example.com', key: 'ana.silva@example.com' });
    expect(normaliseEmail('ｊｏｅ@example.com')?.value).toBe('joe@example.com');
  });
  it.each(['no-at-sign', '@example.com', 'a@', 'a@b', 'a b@example.com', 'a@example.com\r\nBcc: x@y.z', 'a\n@example.com', 'x'.repeat(300) + '@example.com'])(
    '%j is refused',
    (input) => expect(normaliseEmail(input)).toBeNull(),
  );
});

describe('NORM-3 mobile', () => {
  it.each([
    ['(555) 234-5678', '+15552345678'],
    ['555.234.5678', '+15552345678'],
    ['1 555 234 5678', '+15552345678'],
    ['+1 555-234-5678', '+15552345678'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('%j → %j', (input, expected) => expect(normaliseMobile(input)).toBe(expected));
  it.each(['12345', 'call me', '055 234 5678', '+0 555'])('%j is refused', (input) => expect(normaliseMobile(input)).toBeNull());
});

describe('NORM-4 PIN', () => {
  it('trims and lower-cases', () => expect(normalisePin(' ABCD2345 ')).toBe('abcd2345'));
  it.each(['abcd234', 'abcd23450', 'abcd2341', 'abcdl234', 'abcd o23'])('%j is not a PIN', (input) => expect(normalisePin(input)).toBeNull());
});

describe('NORM-5..7', () => {
  it('passwords are NFKC-normalised but never trimmed or folded', () => {
    expect(normalisePassword(' Pässword１ ')).toBe(' Pässword1 ');
  });
  it('challenge answers ignore case and spacing', () => {
    expect(normaliseAnswer('  New   YORK ')).toBe(normaliseAnswer('new york'));
  });
  it('the password limit is 256 bytes, not characters', () => {
    expect(passwordTooLong('a'.repeat(256))).toBe(false);
    expect(passwordTooLong('é'.repeat(129))).toBe(true);
  });
  it('classifies identifiers', () => {
    expect(classifyIdentifier('a@example.com').kind).toBe('email');
    expect(classifyIdentifier('12345').kind).toBe('employeeId');
    expect(classifyIdentifier('hello').kind).toBe('unknown');
  });
});
