import { describe, expect, it } from 'vitest';
import { ROSTER_COLUMNS, RosterValidator, fingerprintRow, type RosterRow } from './validate-row.js';

const HEADER = { line: 1, fields: ROSTER_COLUMNS };

function validator(): RosterValidator {
  const v = new RosterValidator(['US', 'CA', 'PR']);
  expect(v.checkHeader(HEADER)).toBeNull();
  return v;
}

function check(v: RosterValidator, line: number, csvLine: string) {
  return v.checkRow({ line, fields: csvLine.split(',') });
}

describe('RosterValidator header', () => {
  it('accepts the full header and one without the optional trailing columns, case and spaces aside', () => {
    const v = new RosterValidator(['US']);
    expect(v.checkHeader({ line: 1, fields: ROSTER_COLUMNS.slice(0, 6) })).toBeNull();
    expect(v.checkHeader({ line: 1, fields: ROSTER_COLUMNS.map((c) => ` ${c.toUpperCase()} `) })).toBeNull();
  });

  it('refuses a missing, reordered or unknown header, and an empty file', () => {
    const v = new RosterValidator(['US']);
    expect(v.checkHeader({ line: 1, fields: ['employee_id', 'family_name', 'given_name', 'country', 'status', 'separation_date'] })).toMatch(/^line 1: the header must be employee_id,given_name/);
    expect(v.checkHeader({ line: 1, fields: [...ROSTER_COLUMNS, 'extra'] })).toMatch(/the header must be/);
    expect(v.checkHeader({ line: 1, fields: ['00123', 'Ana', 'Lopez', 'US', 'active', ''] })).toMatch(/the header must be/);
    expect(v.checkHeader(undefined)).toMatch(/the file is empty/);
  });
});

describe('RosterValidator rows', () => {
  it('normalises a valid row by NORM-1..3', () => {
    const result = check(validator(), 2, ' 00１23-45 , Ana ,Lopez,us,Active,, Ana@Example.COM ,(555) 201-3344,FR-ca');
    expect(result).toEqual({
      row: {
        employeeId: '0012345',
        givenName: 'Ana',
        familyName: 'Lopez',
        country: 'US',
        status: 'active',
        separationDate: null,
        email: 'Ana@example.com',
        emailKey: 'ana@example.com',
        mobile: '+15552013344',
        language: 'fr-CA',
      },
    });
  });

  it('keeps the optional columns empty and a separated row without a date valid', () => {
    const result = check(validator(), 2, '12345,Bo,Li,PR,separated,,,,');
    expect(result).toMatchObject({ row: { status: 'separated', separationDate: null, email: null, mobile: null, language: null } });
  });

  it('reports the country in the SPEC wording', () => {
    expect(check(validator(), 1042, '12345,Ana,Lopez,MX,active,,,,')).toEqual({ error: 'line 1042: country "MX" is not allowed', employeeId: '12345' });
  });

  it('reports every problem of a line together', () => {
    const result = check(validator(), 7, '12a,,Lopez,US,gone,2025-02-30,not-mail,12,de');
    expect(result).toEqual({
      employeeId: null,
      error:
        'line 7: employee ID "12a" is not 5 to 12 digits; given_name is empty; status "gone" is not one of active, inactive, retired, separated; ' +
        'separation_date "2025-02-30" is not a date as YYYY-MM-DD; email "not-mail" is not a valid e-mail address; ' +
        'mobile "12" is not a valid phone number; language "de" is not one of en, fr-CA, es-PR',
    });
  });

  it('refuses names that are too long or hold control characters, and a wrong number of fields', () => {
    const v = validator();
    expect(check(v, 2, `12345,${'x'.repeat(101)},Lopez,US,active,,,,`)).toMatchObject({ error: 'line 2: given_name is longer than 100 characters' });
    expect(v.checkRow({ line: 3, fields: ['12346', 'A\u0007na', 'Lopez', 'US', 'active', '', '', '', ''] })).toMatchObject({ error: 'line 3: given_name contains a control character' });
    expect(check(v, 4, '12347,Ana,Lopez,US,active')).toMatchObject({ error: 'line 4: expected 9 fields, found 5' });
  });

  it('accepts real calendar dates only', () => {
    const v = validator();
    expect(check(v, 2, '12345,A,B,US,separated,2024-02-29,,,')).toMatchObject({ row: { separationDate: '2024-02-29' } });
    expect(check(v, 3, '12346,A,B,US,separated,2023-02-29,,,')).toMatchObject({ error: expect.stringContaining('separation_date "2023-02-29"') });
    expect(check(v, 4, '12347,A,B,US,separated,2024-2-1,,,')).toMatchObject({ error: expect.stringContaining('separation_date') });
  });

  it('reports a duplicate employee ID on its second line, naming the first', () => {
    const v = validator();
    expect(check(v, 2, '12345,Ana,Lopez,US,active,,,,')).toHaveProperty('row');
    expect(check(v, 9, '0012345,Ana,Lopez,US,active,,,,')).toHaveProperty('row');
    expect(check(v, 10, '12-345,Bob,Lee,US,active,,,,')).toEqual({ error: 'line 10: employee ID "12345" already appears on line 2', employeeId: '12345' });
    expect(v.hasSeen('12345')).toBe(true);
  });

  it('shortens a long bad value in the message', () => {
    const result = check(validator(), 2, `12345,Ana,Lopez,${'Z'.repeat(500)},active,,,,`);
    expect('error' in result && result.error.length).toBeLessThan(80);
  });
});

describe('fingerprintRow', () => {
  const row: RosterRow = {
    employeeId: '12345',
    givenName: 'Ana',
    familyName: 'Lopez',
    country: 'US',
    status: 'active',
    separationDate: null,
    email: 'ana@example.com',
    emailKey: 'ana@example.com',
    mobile: null,
    language: null,
  };

  it('is stable for the same values and changes with any roster field', () => {
    expect(fingerprintRow({ ...row })).toBe(fingerprintRow(row));
    for (const change of [{ givenName: 'Anna' }, { status: 'retired' }, { separationDate: '2025-01-01' }, { email: 'x@example.com' }, { mobile: '+15552013344' }, { language: 'en' }]) {
      expect(fingerprintRow({ ...row, ...change })).not.toBe(fingerprintRow(row));
    }
  });

  it('does not confuse values shifted between fields', () => {
    expect(fingerprintRow({ ...row, givenName: 'Ana Lopez', familyName: '' })).not.toBe(fingerprintRow({ ...row, givenName: 'Ana', familyName: 'Lopez' }));
  });
});
