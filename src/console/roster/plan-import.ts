// ROSTER-3: reads and validates the whole file before anything is written, sorting each valid row
// into create, update or unchanged against the fingerprints already stored.
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import { CsvEncodingError, readCsvRecords, type CsvRecord } from './parse-csv.js';
import { RosterValidator, fingerprintRow, type RosterRow } from './validate-row.js';

export interface PlannedRow {
  row: RosterRow;
  hash: string;
}

export interface ImportPlan {
  creates: PlannedRow[];
  updates: PlannedRow[];
  unchanged: number;
  invalid: number;
  errors: string[];
  /** The file as a whole cannot be used (empty, wrong header, not UTF-8), whatever `--skip-invalid` says. */
  unusable: boolean;
  /** Employees on record but absent from the file who would be marked separated by `--full`. */
  absent: string[];
}

/** Statuses that `--full` turns into `separated` when the employee is missing from the file. */
const CURRENT_STATUSES = new Set(['active', 'inactive', 'retired']);

export async function planImport(
  db: Kysely<Database>,
  allowedCountries: readonly string[],
  input: Readable,
  onBytes?: (bytes: number) => void,
): Promise<ImportPlan> {
  const stored = await loadStoredEmployees(db);
  const plan: ImportPlan = { creates: [], updates: [], unchanged: 0, invalid: 0, errors: [], unusable: false, absent: [] };
  const validator = new RosterValidator(allowedCountries);
  let header: CsvRecord | undefined;
  try {
    for await (const records of readCsvRecords(input, onBytes)) {
      let first = 0;
      if (!header) {
        header = records[0];
        first = 1;
        const problem = validator.checkHeader(header);
        if (problem) return refuseFile(plan, problem, input);
      }
      for (let i = first; i < records.length; i++) classifyRecord(plan, validator, stored, records[i]!);
    }
  } catch (error) {
    if (error instanceof CsvEncodingError) return refuseFile(plan, error.message, input);
    throw error;
  }
  if (!header) return refuseFile(plan, validator.checkHeader(undefined)!, input);
  // An employee on an invalid line whose ID could still be read is not "absent": a typo must not separate anyone.
  for (const [employeeId, employee] of stored) {
    if (CURRENT_STATUSES.has(employee.status) && !validator.hasSeen(employeeId)) plan.absent.push(employeeId);
  }
  return plan;
}

function classifyRecord(plan: ImportPlan, validator: RosterValidator, stored: Map<string, StoredEmployee>, record: CsvRecord): void {
  const result = validator.checkRow(record);
  if ('error' in result) {
    plan.invalid += 1;
    plan.errors.push(result.error);
    return;
  }
  const hash = fingerprintRow(result.row);
  const existing = stored.get(result.row.employeeId);
  if (!existing) plan.creates.push({ row: result.row, hash });
  else if (existing.hash === hash) plan.unchanged += 1;
  else plan.updates.push({ row: result.row, hash });
}

function refuseFile(plan: ImportPlan, problem: string, input: Readable): ImportPlan {
  input.destroy();
  return { ...plan, creates: [], updates: [], unchanged: 0, errors: [problem], unusable: true, absent: [] };
}

interface StoredEmployee {
  hash: string;
  status: string;
}

/** Every stored employee's fingerprint and status, in one query (a few hundred milliseconds at 500,000). */
async function loadStoredEmployees(db: Kysely<Database>): Promise<Map<string, StoredEmployee>> {
  const rows = await db.selectFrom('employees').select(['employee_id', 'roster_hash', 'status']).execute();
  return new Map(rows.map((r) => [r.employee_id, { hash: r.roster_hash, status: r.status }]));
}
