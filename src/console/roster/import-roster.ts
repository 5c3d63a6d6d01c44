// ROSTER-2..5: the roster import. The whole file is validated first; then new employees get an
// unregistered account and a fresh PIN, changed rows update the employee only (never a registered
// account's password, questions or verified contacts), and `--full` separates the absent — all in
// one transaction, so a refused or failed import leaves the database as it was.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import { companyDate } from '../../identity/eligibility.js';
import { DAY, type Clock } from '../../security/clock.js';
import { generatePin, keyedHash } from '../../security/tokens.js';
import type { Engine } from '../../storage/database.js';
import type { Database } from '../../storage/schema.js';
import { planImport, type ImportPlan } from './plan-import.js';
import { writeImport } from './write-import.js';

export interface ImportDeps {
  db: Kysely<Database>;
  engine: Engine;
  secret: Buffer;
  clock: Clock;
  timeZone: string;
  allowedCountries: readonly string[];
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  separated: number;
}

export interface ImportProgress {
  phase: 'reading' | 'writing';
  done: number;
  /** Bytes of the file while reading (0 when unknown), rows while writing. */
  total: number;
}

export interface ImportOptions {
  dryRun?: boolean;
  full?: boolean;
  skipInvalid?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Called with the counts once the file is validated, before anything is written; throwing cancels the import. */
  beforeWrite?: (counts: ImportCounts) => void | Promise<void>;
}

export interface IssuedPin {
  employeeId: string;
  pin: string;
  expiresAt: number;
}

export interface ImportReport extends ImportCounts {
  /** True when nothing was written because of invalid lines (without `--skip-invalid`) or an unusable file. */
  refused: boolean;
  errors: string[];
  /** The PINs of new employees, for HR's PIN file only: never logged (ROSTER-4). */
  pins: IssuedPin[];
  durationMs: number;
}

/** ROSTER-2: a roster PIN lets a new employee register for 30 days. */
export const ROSTER_PIN_LIFETIME_MS = 30 * DAY;

export async function importRoster(deps: ImportDeps, input: string | Readable, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  // stat() first: a missing file then fails here, before a stream exists to emit an unhandled error.
  const total = typeof input === 'string' ? (await stat(input)).size : 0;
  const stream = typeof input === 'string' ? createReadStream(input, { highWaterMark: 1 << 20 }) : input;
  let bytes = 0;
  const plan = await planImport(deps.db, deps.allowedCountries, stream, (n) => {
    bytes += n;
    options.onProgress?.({ phase: 'reading', done: bytes, total });
  });
  const finish = (counts: ImportCounts, refused: boolean, pins: IssuedPin[] = []): ImportReport => ({
    ...counts,
    refused,
    errors: plan.errors,
    pins,
    durationMs: performance.now() - started,
  });

  if (plan.unusable || (plan.invalid > 0 && !options.skipInvalid)) {
    return finish({ created: 0, updated: 0, unchanged: 0, invalid: plan.invalid, separated: 0 }, true);
  }
  const separations = options.full ? plan.absent : [];
  const counts = countPlan(plan, separations.length);
  if (options.dryRun) return finish(counts, false);
  await options.beforeWrite?.(counts);

  const now = deps.clock.now();
  const pins = plan.creates.map(({ row }) => ({ employeeId: row.employeeId, pin: generatePin(), expiresAt: now + ROSTER_PIN_LIFETIME_MS }));
  const pinHashes = pins.map((p) => keyedHash(deps.secret, p.pin));
  await deps.db.transaction().execute(async (trx) => {
    await writeImport(trx, deps.engine, {
      now,
      creates: plan.creates,
      pinHashes,
      pinExpiresAt: now + ROSTER_PIN_LIFETIME_MS,
      updates: plan.updates,
      separations,
      separationDate: companyDate(new Date(now), deps.timeZone),
      onProgress: (done, rows) => options.onProgress?.({ phase: 'writing', done, total: rows }),
    });
    await recordAudit(trx, now, { event: 'roster.import', outcome: 'success', detail: { ...counts, pinsIssued: pins.length } });
  });
  return finish(counts, false, pins);
}

function countPlan(plan: ImportPlan, separated: number): ImportCounts {
  return { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged, invalid: plan.invalid, separated };
}
