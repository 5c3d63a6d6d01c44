// ROSTER-5 benchmark: imports N synthetic rows into an empty database and reports rows per second.
// The CSV is generated before the clock starts, so only reading, validating and writing are timed.
// Run: node dist/bench/roster-import.js [ROWS] [DATABASE_URL]   (default 100000 rows, a temp SQLite file)
import type { Country } from '../src/config/config.js';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { importRoster } from '../src/console/roster/import-roster.js';
import { ROSTER_COLUMNS } from '../src/console/roster/validate-row.js';
import { systemClock } from '../src/security/clock.js';
import { createAuditLog } from '../src/audit/record-audit.js';
import { openStorage } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';

const COUNTRIES: Country[] = ['US', 'CA', 'PR'];
const STATUSES = ['active', 'active', 'active', 'inactive', 'retired', 'separated'];
const LANGUAGES = ['en', 'fr-CA', 'es-PR', ''];

/** Imports `rows` generated rows into the (empty, or migratable) database at `databaseUrl`; returns rows/s. */
export async function benchRosterImport(rows: number, databaseUrl: string): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portico-roster-bench-'));
  const file = path.join(dir, 'roster.csv');
  const storage = openStorage(databaseUrl);
  try {
    await writeSyntheticRoster(file, rows);
    await migrateToLatest(storage.db);
    const deps = {
      storage,
      clock: systemClock,
      audit: createAuditLog(storage, systemClock),
      config: { secret: randomBytes(32), timeZone: 'America/New_York', allowedCountries: COUNTRIES },
    };
    const report = await importRoster(deps, file);
    if (report.refused || report.created + report.unchanged + report.updated !== rows) {
      throw new Error(`benchmark import did not write every row: ${JSON.stringify({ ...report, pins: report.pins.length, errors: report.errors.slice(0, 3) })}`);
    }
    return rows / (report.durationMs / 1000);
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes a valid roster of `rows` lines with every column filled in a realistic mix. */
export async function writeSyntheticRoster(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${ROSTER_COLUMNS.join(',')}\n`);
  for (let i = 0; i < rows; i++) {
    const id = String(1_000_000 + i).padStart(8, '0');
    const status = STATUSES[i % STATUSES.length]!;
    const separation = status === 'separated' ? `2025-${String((i % 12) + 1).padStart(2, '0')}-15` : '';
    const mobile = `+1555${String(i % 10_000_000).padStart(7, '0')}`;
    const line = `${id},Given${i},Family${i % 5000},${COUNTRIES[i % 3]},${status},${separation},person${i}@example.com,${mobile},${LANGUAGES[i % 4]}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const rows = Number(process.argv[2] ?? 100_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portico-roster-db-'));
  const url = process.argv[3] ?? `sqlite:${path.join(dir, 'portico.db')}`;
  try {
    const rate = await benchRosterImport(rows, url);
    process.stdout.write(`roster import: ${rows} rows on ${url.split(':')[0]}: ${Math.round(rate)} rows/s (${((rows / rate) * 1000).toFixed(0)} ms)\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
