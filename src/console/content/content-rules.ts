import { normaliseEmployeeId } from '../../identity/normalise.js';
import { CONTROL_CHARACTER } from '../../core/control-characters.js';
import type { Db } from '../../storage/database.js';
import { findRosterEmployeeIds } from '../../storage/repositories/employees.js';
import type { ProblemCode } from './problems.js';

// HOME-3: the checks every kind of content shares. Validators turn raw input (JSON, a form, a CSV
// row) into the repository's values or a list of problems, one per field, so the API, the console
// pages and `portico content import` accept exactly the same things.

export interface Problem {
  /** The API's field name (`dueOn`, `translations.1.title`); pages and the CLI map it to theirs. */
  field: string;
  code: ProblemCode;
  /** What was given, when showing it helps (the CLI quotes it). */
  value?: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export interface ValidationContext {
  allowedCountries: readonly string[];
  /** Normalised Employee IDs known to be on the roster (see `loadKnownEmployees`). */
  knownEmployees: ReadonlySet<string>;
  timeZone: string;
  now: number;
}

export const LIMITS = { title: 200, line: 200, body: 20_000, text: 2_000, ref: 100 } as const;

const REF = /^[A-Za-z0-9._:-]{1,100}$/;
// Single-line text: no control characters at all; long text may hold tabs and line breaks.
const CONTROL_IN_TEXT = /[^\P{Cc}\t\n]/u;

/** Raw input as an object of fields, or null when it is something else (an array, a string). */
export function asFields(input: unknown): Record<string, unknown> | null {
  return typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : null;
}

/** A problem for each field the kind does not know (the JSON API's `additionalProperties: false`). */
export function checkKnownFields(fields: Record<string, unknown>, known: readonly string[], problems: Problem[], prefix = ''): void {
  for (const name of Object.keys(fields)) if (!known.includes(name)) problems.push({ field: `${prefix}${name}`, code: 'fieldUnknown' });
}

/** A string trimmed, or null when absent or blank; a number becomes its digits (CSV and forms send text, JSON may not). */
export function optionalText(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/\r\n?/g, '\n').trim();
  return trimmed === '' ? null : trimmed;
}

/** Required text of 1..max characters; `multiline` allows line breaks and tabs. */
export function checkText(field: string, value: unknown, max: number, code: ProblemCode, problems: Problem[], multiline = false): string {
  const text = optionalText(value);
  if (text === undefined || text === null || text.length > max) problems.push({ field, code });
  else if ((multiline ? CONTROL_IN_TEXT : CONTROL_CHARACTER).test(text)) problems.push({ field, code: 'textInvalid' });
  return text ?? '';
}

/** Optional long text (empty allowed) of at most `max` characters. */
export function checkOptionalText(field: string, value: unknown, max: number, code: ProblemCode, problems: Problem[]): string {
  const text = optionalText(value);
  if (text === null) return '';
  return checkText(field, text, max, code, problems, true);
}

export function checkRef(value: unknown, problems: Problem[]): string | null {
  const ref = optionalText(value);
  if (ref === null) return null;
  if (ref === undefined || !REF.test(ref)) problems.push({ field: 'ref', code: 'refInvalid', value: String(ref ?? '') });
  return ref ?? null;
}

/** `YYYY-MM-DD` naming a real calendar day, or null when absent. */
export function checkDate(field: string, value: unknown, problems: Problem[]): string | null {
  const text = optionalText(value);
  if (text === null) return null;
  if (text !== undefined && isCalendarDate(text)) return text;
  problems.push({ field, code: 'dateInvalid', value: String(text ?? '') });
  return null;
}

export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A list of codes from an array (JSON, repeated form fields) or one cell separated by `;`, `,` or spaces. */
export function checkCodes(field: string, value: unknown, allowed: readonly string[], code: ProblemCode, problems: Problem[], fold: (v: string) => string): string[] {
  if (value === undefined || value === null) return [];
  const items = typeof value === 'string' ? value.split(/[;,\s]+/) : Array.isArray(value) ? value : null;
  if (!items || items.some((item) => typeof item !== 'string')) {
    problems.push({ field, code });
    return [];
  }
  const codes = [...new Set((items as string[]).map((item) => fold(item.trim())).filter((item) => item !== ''))];
  for (const item of codes) if (!allowed.includes(item)) problems.push({ field, code, value: item });
  return codes;
}

/** An Employee ID, normalised the roster's way (NORM-1), that must be on the roster. */
export function checkEmployee(field: string, value: unknown, context: ValidationContext, problems: Problem[]): string {
  const raw = optionalText(value);
  const employeeId = typeof raw === 'string' ? normaliseEmployeeId(raw) : null;
  if (employeeId === null) problems.push({ field, code: 'employeeIdInvalid', value: String(raw ?? '') });
  else if (!context.knownEmployees.has(employeeId)) problems.push({ field, code: 'employeeUnknown', value: employeeId });
  return employeeId ?? '';
}

/** The normalised Employee IDs among `values` that are on the roster (one query per 500). */
export function loadKnownEmployees(db: Db, values: readonly unknown[]): Promise<Set<string>> {
  const ids = [...new Set(values.map((v) => (typeof v === 'string' ? normaliseEmployeeId(v) : null)).filter((v): v is string => v !== null))];
  return findRosterEmployeeIds(db, ids);
}
