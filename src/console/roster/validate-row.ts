// ROSTER-1, ROSTER-3: checks and normalises roster lines; every problem becomes a plain-English
// message in the SPEC's style, `line 1042: country "MX" is not allowed`.
import { hash } from 'node:crypto';
import type { RosterEntry } from '../../storage/roster/roster-tables.js';
import { STATUSES } from '../../identity/eligibility.js';
import { MAX_LENGTH, normaliseEmail, normaliseEmployeeId, normaliseMobile } from '../../identity/normalise.js';
import type { CsvRecord } from './parse-csv.js';

export const ROSTER_COLUMNS = ['employee_id', 'given_name', 'family_name', 'country', 'status', 'separation_date', 'email', 'mobile', 'language'];
/** The first six columns are required in the header; email, mobile and language may be left out. */
const REQUIRED_COLUMNS = 6;
export const ROSTER_LANGUAGES = ['en', 'fr-CA', 'es-PR'];

/** A valid roster line: the fields the tables store, and the e-mail's key (NORM-2). */
export type RosterRow = RosterEntry['row'] & { emailKey: string | null };

export type RowResult = { row: RosterRow } | { error: string; employeeId: string | null };

/** Validates a file line by line; remembers employee IDs to catch duplicates. */
export class RosterValidator {
  private columns = 0;
  private readonly seen = new Map<string, number>();

  constructor(private readonly allowedCountries: readonly string[]) {}

  /** Checks the header record; returns an error message or null. */
  checkHeader(record: CsvRecord | undefined): string | null {
    const expected = ROSTER_COLUMNS.join(',');
    if (!record) return `the file is empty; the first line must be the header ${expected}`;
    if (record.error) return `line ${record.line}: ${record.error}`;
    const names = record.fields.map((field) => field.trim().toLowerCase());
    const matches = names.length >= REQUIRED_COLUMNS && names.length <= ROSTER_COLUMNS.length && names.every((name, i) => name === ROSTER_COLUMNS[i]);
    if (!matches) return `line ${record.line}: the header must be ${expected} (email, mobile and language may be left out)`;
    this.columns = names.length;
    return null;
  }

  /** Whether a line carried this employee ID, valid or not. */
  hasSeen(employeeId: string): boolean {
    return this.seen.has(employeeId);
  }

  /** Validates one data record (after a header that passed `checkHeader`). */
  checkRow(record: CsvRecord): RowResult {
    if (record.error) return { error: `line ${record.line}: ${record.error}`, employeeId: null };
    const f = record.fields;
    if (f.length !== this.columns) return { error: `line ${record.line}: expected ${this.columns} fields, found ${f.length}`, employeeId: null };
    const problems: string[] = [];
    const employeeId = normaliseEmployeeId(f[0]!);
    if (employeeId === null) problems.push(`employee ID ${quote(f[0]!)} is not 5 to 12 digits`);
    else {
      const first = this.seen.get(employeeId);
      if (first !== undefined) problems.push(`employee ID ${quote(employeeId)} already appears on line ${first}`);
      else this.seen.set(employeeId, record.line);
    }
    const givenName = checkName('given_name', f[1]!, problems);
    const familyName = checkName('family_name', f[2]!, problems);
    const country = f[3]!.trim().toUpperCase();
    if (!this.allowedCountries.includes(country)) problems.push(`country ${quote(f[3]!)} is not allowed`);
    const status = f[4]!.trim().toLowerCase();
    if (!(STATUSES as string[]).includes(status)) problems.push(`status ${quote(f[4]!)} is not one of ${STATUSES.join(', ')}`);
    const separationDate = checkDate(f[5]!, problems);
    const emailInput = optional(f[6]);
    const email = emailInput === null ? null : normaliseEmail(emailInput);
    if (emailInput !== null && email === null) problems.push(`email ${quote(f[6]!)} is not a valid e-mail address`);
    const mobileInput = optional(f[7]);
    const mobile = mobileInput === null ? null : normaliseMobile(mobileInput);
    if (mobileInput !== null && mobile === null) problems.push(`mobile ${quote(f[7]!)} is not a valid phone number`);
    const language = checkLanguage(f[8], problems);
    if (problems.length > 0) return { error: `line ${record.line}: ${problems.join('; ')}`, employeeId };
    return {
      row: {
        employeeId: employeeId!,
        givenName,
        familyName,
        country,
        status,
        separationDate,
        email: email?.value ?? null,
        emailKey: email?.key ?? null,
        mobile,
        language,
      },
    };
  }
}

/** A stable digest of a row's normalised values: an unchanged row re-imports as a no-op (ROSTER-3). */
export function fingerprintRow(row: RosterRow): string {
  // Names cannot hold control characters, so U+001F cannot occur inside a value.
  const text = `${row.givenName}\u001f${row.familyName}\u001f${row.country}\u001f${row.status}\u001f${row.separationDate ?? ''}\u001f${row.email ?? ''}\u001f${row.mobile ?? ''}\u001f${row.language ?? ''}`;
  return hash('sha256', text, 'base64url');
}

/** Printable ASCII, as most names are: already NFC and free of control characters. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function checkName(column: string, input: string, problems: string[]): string {
  let name = input.trim();
  const plain = PRINTABLE_ASCII.test(name);
  if (!plain) name = name.normalize('NFC');
  if (name === '') problems.push(`${column} is empty`);
  else if (name.length > MAX_LENGTH.name) problems.push(`${column} is longer than ${MAX_LENGTH.name} characters`);
  else if (!plain && /\p{Cc}/u.test(name)) problems.push(`${column} contains a control character`);
  return name;
}

function checkDate(input: string, problems: string[]): string | null {
  const value = input.trim();
  if (value === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (year >= 1900 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return value;
  }
  problems.push(`separation_date ${quote(input)} is not a date as YYYY-MM-DD`);
  return null;
}

/** Lower-cased spelling → canonical tag, so `FR-ca` is accepted as `fr-CA`. */
const LANGUAGE_BY_KEY = new Map(ROSTER_LANGUAGES.map((language) => [language.toLowerCase(), language]));

function checkLanguage(input: string | undefined, problems: string[]): string | null {
  const value = optional(input);
  if (value === null) return null;
  const language = LANGUAGE_BY_KEY.get(value.toLowerCase());
  if (!language) problems.push(`language ${quote(input!)} is not one of ${ROSTER_LANGUAGES.join(', ')}`);
  return language ?? null;
}

function optional(input: string | undefined): string | null {
  const value = input?.trim() ?? '';
  return value === '' ? null : value;
}

/** Quotes a value for a message, shortened so one bad cell cannot flood the report. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
