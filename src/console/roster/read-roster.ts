// ROSTER-1, ROSTER-3: reads the roster chunk by chunk, validating every line and sorting each valid
// row into create, update or unchanged against the fingerprints already stored.
import type { Readable } from 'node:stream';
import type { StoredEmployee } from '../../storage/roster/roster-tables.js';
import { CsvEncodingError, readCsvRecords, type CsvRecord } from './parse-csv.js';
import { fingerprintRow, type RosterValidator, type RosterRow } from './validate-row.js';

export interface PlannedRow {
  row: RosterRow;
  hash: string;
}

export interface RosterChunk {
  creates: PlannedRow[];
  updates: PlannedRow[];
  unchanged: number;
  /** One message per invalid line. */
  errors: string[];
}

/** The file as a whole cannot be used (empty, wrong header, not UTF-8), whatever `--skip-invalid` says. */
export class RosterFileError extends Error {}

export async function* readRoster(
  input: Readable,
  validator: RosterValidator,
  stored: Map<string, StoredEmployee>,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<RosterChunk> {
  let header: CsvRecord | undefined;
  try {
    for await (const records of readCsvRecords(input, onBytes)) {
      let first = 0;
      if (!header) {
        header = records[0];
        first = 1;
        const problem = validator.checkHeader(header);
        if (problem) throw new RosterFileError(problem);
      }
      const chunk: RosterChunk = { creates: [], updates: [], unchanged: 0, errors: [] };
      for (let i = first; i < records.length; i++) classifyRecord(chunk, validator, stored, records[i]!);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof CsvEncodingError) throw new RosterFileError(error.message);
    throw error;
  } finally {
    input.destroy();
  }
  if (!header) throw new RosterFileError(validator.checkHeader(undefined)!);
}

function classifyRecord(chunk: RosterChunk, validator: RosterValidator, stored: Map<string, StoredEmployee>, record: CsvRecord): void {
  // Spreadsheets save formatted but empty rows as a line of bare commas: treat it as a blank line.
  if (!record.error && record.fields.every((field) => field.trim() === '')) return;
  const result = validator.checkRow(record);
  if ('error' in result) {
    chunk.errors.push(result.error);
    return;
  }
  const hash = fingerprintRow(result.row);
  const existing = stored.get(result.row.employeeId);
  if (!existing) chunk.creates.push({ row: result.row, hash });
  else if (existing.hash === hash) chunk.unchanged += 1;
  else chunk.updates.push({ row: result.row, hash });
}

/** Statuses that `--full` turns into `separated` when the employee is missing from the file. */
const CURRENT_STATUSES = new Set(['active', 'inactive', 'retired']);

/**
 * Current employees no line of the file mentioned. An invalid line whose employee ID could still be
 * read counts as a mention: a typo in one cell must not separate anyone.
 */
export function findAbsent(stored: Map<string, StoredEmployee>, validator: RosterValidator): string[] {
  const absent: string[] = [];
  for (const [employeeId, employee] of stored) {
    if (CURRENT_STATUSES.has(employee.status) && !validator.hasSeen(employeeId)) absent.push(employeeId);
  }
  return absent;
}
