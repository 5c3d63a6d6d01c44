// ROSTER-2..5: the roster import. Every line is validated; new employees get an unregistered account
// and a fresh PIN, changed rows update the employee, and `--full` separates the absent. It all
// happens in one transaction that is committed only when the file passed (or `--skip-invalid` was
// given), so a refused or failed import leaves the database exactly as it was.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { OperatorDeps } from '../../core/deps.js';
import type { Config } from '../../config/config.js';
import { companyDate } from '../../identity/eligibility.js';
import { DAY } from '../../security/clock.js';
import type { DbControlledTransaction } from '../../storage/database.js';
import { loadStoredEmployees } from '../../storage/roster/roster-tables.js';
import { RosterFileError, findAbsent, readRoster } from './read-roster.js';
import { RosterWriter, type IssuedPin } from './roster-writer.js';
import { RosterValidator } from './validate-row.js';

export type { IssuedPin } from './roster-writer.js';

/** The configuration gives the company time zone (`--full` separates the absent on today's date there) and the countries. */
export type ImportDeps = Pick<OperatorDeps, 'storage' | 'clock' | 'audit'> & { config: Pick<Config, 'secret' | 'timeZone' | 'allowedCountries'> };

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  separated: number;
}

export interface ImportOptions {
  dryRun?: boolean;
  full?: boolean;
  skipInvalid?: boolean;
  /** Bytes read so far and the file's size (0 when reading a stream of unknown length). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Runs after everything is written, just before the commit; throwing cancels the whole import. */
  beforeCommit?: (counts: ImportCounts, pins: readonly IssuedPin[]) => void | Promise<void>;
  /**
   * Who ran the import and from where, for its audit row: the console passes the signed-in agent;
   * the CLI no actor but the operating-system `operator` (user@host), recorded with `via: cli`.
   */
  actor?: { actorId: string | null; ip: string | null; userAgent: string | null; requestId: string | null; operator?: string };
}

export interface ImportReport extends ImportCounts {
  /** Nothing was written: invalid lines without `--skip-invalid`, or a file that cannot be used at all. */
  refused: boolean;
  /** One plain-English message per invalid line, `line 1042: country "MX" is not allowed`, then any `fileProblem`. */
  errors: string[];
  /** Why the file as a whole cannot be used (empty, wrong header, not UTF-8); `--skip-invalid` cannot help. */
  fileProblem: string | null;
  /** The PINs of new employees, for HR's PIN file only: never logged (ROSTER-4). */
  pins: IssuedPin[];
  durationMs: number;
}

/** ROSTER-2: a roster PIN lets a new employee register for 30 days. */
export const ROSTER_PIN_LIFETIME_MS = 30 * DAY;

export async function importRoster(deps: ImportDeps, input: string | Readable, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const totalBytes = typeof input === 'string' ? (await stat(input)).size : 0;
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, invalid: 0, separated: 0 };
  const errors: string[] = [];
  let fileProblem: string | null = null;
  const report = (refused: boolean, pins: IssuedPin[] = []): ImportReport => ({
    ...(refused ? { created: 0, updated: 0, unchanged: 0, invalid: counts.invalid, separated: 0 } : counts),
    refused,
    errors,
    fileProblem,
    pins,
    durationMs: performance.now() - started,
  });

  const stored = await loadStoredEmployees(deps.storage.db);
  const validator = new RosterValidator(deps.config.allowedCountries);
  const now = deps.clock.now();
  const trx = options.dryRun ? null : await deps.storage.db.startTransaction().execute();
  let writer: RosterWriter | null = null;
  try {
    writer = trx ? await RosterWriter.open(trx, deps.storage.engine, deps.config.secret, now, ROSTER_PIN_LIFETIME_MS, stored.size === 0) : null;
    let bytesRead = 0;
    const onBytes = (bytes: number) => options.onProgress?.((bytesRead += bytes), totalBytes);
    // Opened only now, so that no stream can fail with nobody listening while the steps above run.
    const stream = typeof input === 'string' ? createReadStream(input, { highWaterMark: 1 << 16 }) : input;
    for await (const chunk of readRoster(stream, validator, stored, onBytes)) {
      counts.created += chunk.creates.length;
      counts.updated += chunk.updates.length;
      counts.unchanged += chunk.unchanged;
      counts.invalid += chunk.errors.length;
      for (const error of chunk.errors) errors.push(error);
      // Without --skip-invalid one bad line dooms the import: writing stops, validation goes on to report every line.
      if (writer && (options.skipInvalid || counts.invalid === 0)) await writer.add(chunk.creates, chunk.updates);
    }
    if (counts.invalid > 0 && !options.skipInvalid) {
      await rollBack(trx, writer);
      return report(true);
    }
    const absent = options.full ? findAbsent(stored, validator) : [];
    counts.separated = absent.length;
    if (!trx || !writer) return report(false);

    await writer.finish();
    await writer.separate(absent, companyDate(new Date(now), deps.config.timeZone));
    const { operator, ...actor } = options.actor ?? {};
    const ranBy: Record<string, string> = operator ? { via: 'cli', operator } : {};
    await deps.audit.record({ at: now, event: 'roster.import', outcome: 'success', ...actor, detail: { ...counts, full: options.full ?? false, pinsIssued: writer.pins.length, ...ranBy } }, trx);
    await options.beforeCommit?.({ ...counts }, writer.pins);
    await trx.commit().execute();
    return report(false, writer.pins);
  } catch (error) {
    // A failed rollback must not hide the error that caused it.
    if (trx && !trx.isCommitted) await rollBack(trx, writer).catch(() => undefined);
    if (error instanceof RosterFileError) {
      fileProblem = error.message;
      errors.push(error.message);
      return report(true);
    }
    throw error;
  }
}

async function rollBack(trx: DbControlledTransaction | null, writer: RosterWriter | null): Promise<void> {
  if (!trx || trx.isRolledBack) return;
  await writer?.settle();
  await trx.rollback().execute();
}
