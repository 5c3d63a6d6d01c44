import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { sessionTimeouts } from '../../app/guards.js';
import { checkEligibility } from '../../identity/eligibility.js';
import { normaliseEmployeeId } from '../../identity/normalise.js';
import { searchAudit, type AuditRow } from '../../storage/repositories/audit-events.js';
import { findEmployeeAccountState, searchEmployees, type EmployeeAccountState, type EmployeeSearchRow } from '../../storage/repositories/console-employees.js';

// HELP-3: finding an employee and reading their account state, for the console API and pages.

export const QUERY_MIN = 2;
export const QUERY_MAX = 100;
export const RECENT_AUDIT_EVENTS = 20;

// 2–100 characters after trimming.
export type EmployeeSearchResult = EmployeeSearchRow & { eligible: boolean };

/** Search by Employee ID prefix or part of a name; each row with what the state badges need. */
export async function findEmployees(deps: AppDeps, rawQuery: string | undefined): Promise<EmployeeSearchResult[]> {
  const query = (rawQuery ?? '').normalize('NFKC').trim();
  if (query.length < QUERY_MIN || query.length > QUERY_MAX) throw new AppError('VALIDATION', 'consoleQueryInvalid', { fields: { q: 'consoleQueryInvalid' } });
  const digits = query.replace(/[\s-]/g, '');
  const now = deps.clock.now();
  const rows = await searchEmployees(deps.storage, { idPrefix: /^\d+$/.test(digits) ? digits : null, name: query, now });
  return rows.map((row) => ({ ...row, eligible: checkEligibility({ status: row.status, country: row.country, separation_date: row.separationDate }, new Date(now), deps.config).eligible }));
}

/** The path's Employee ID, normalised (NORM-1); anything else is a 404. */
export function employeeIdParam(raw: string): string {
  const employeeId = normaliseEmployeeId(raw);
  if (!employeeId) throw new AppError('NOT_FOUND', 'notFound');
  return employeeId;
}

export interface EmployeeDetail {
  state: EmployeeAccountState;
  eligible: boolean;
  accessEndedOn: string | null;
  audit: AuditRow[];
}

/** Everything the account page shows; 404 when the employee is not on the roster. */
export async function loadEmployeeDetail(deps: AppDeps, employeeId: string): Promise<EmployeeDetail> {
  const now = deps.clock.now();
  const state = await findEmployeeAccountState(deps.storage.db, employeeId, now, sessionTimeouts(deps).idleMs);
  if (!state) throw new AppError('NOT_FOUND', 'notFound');
  const eligibility = checkEligibility({ status: state.status, country: state.country, separation_date: state.separationDate }, new Date(now), deps.config);
  const audit = await searchAudit(deps.storage.db, { employeeId }, RECENT_AUDIT_EVENTS);
  return { state, eligible: eligibility.eligible, accessEndedOn: eligibility.eligible ? null : eligibility.accessEndedOn, audit };
}
