// Writes the roster import inside the caller's transaction, batch by batch while the file is still
// being read, so PostgreSQL stores one batch while Node validates the next. Which columns each
// write touches is storage/roster/roster-tables.ts; this gives new employees their PINs.
import { generatePin, keyedHash } from '../../security/tokens.js';
import type { Db, Engine } from '../../storage/database.js';
import { prepareBatch, writeBatch, type BulkTarget } from '../../storage/roster/bulk-write.js';
import { createIndexes, dropSearchIndexes } from '../../storage/roster/deferred-indexes.js';
import { listUsedEmailKeys, rosterBatchWrites, separationWrite, type NewRosterAccount } from '../../storage/roster/roster-tables.js';
import type { PlannedRow } from './read-roster.js';

export interface IssuedPin {
  employeeId: string;
  pin: string;
  expiresAt: number;
}

/**
 * Stored as the fingerprint of an employee separated for being absent. It never equals a row's
 * fingerprint, so the same person's old row in a later file counts as a change and reinstates them.
 */
export const ABSENT_FINGERPRINT = 'separated:absent-from-full-import';

/** Rows per write: PostgreSQL gains from fewer, larger statements; SQLite from holding fewer rows in memory. */
const BATCH_ROWS: Record<Engine, number> = { postgres: 5_000, sqlite: 1_000 };

export class RosterWriter {
  /** PINs of the employees created so far, for HR's PIN file only: never logged (ROSTER-4). */
  readonly pins: IssuedPin[] = [];
  private creates: PlannedRow[] = [];
  private updates: PlannedRow[] = [];
  /** The batch being written; awaited before the next starts, so at most one is in flight. */
  private inflight: Promise<void> = Promise.resolve();

  private constructor(
    private readonly target: BulkTarget,
    private readonly secret: Buffer,
    private readonly now: number,
    private readonly pinExpiresAt: number,
    private readonly usedEmails: Set<string>,
    /** The search indexes dropped for a first import, re-created by `finish` in the transaction (deferred-indexes.ts). */
    private readonly deferredIndexes: { trx: Db; definitions: readonly string[] },
  ) {}

  /** `trx` is the import's transaction; `firstImport`: the roster is empty, so its search indexes are built once at the end. */
  static async open(trx: Db, engine: Engine, secret: Buffer, now: number, pinLifetimeMs: number, firstImport: boolean): Promise<RosterWriter> {
    const deferred = firstImport ? await dropSearchIndexes(trx, engine) : [];
    return new RosterWriter({ db: trx, engine }, secret, now, now + pinLifetimeMs, await listUsedEmailKeys(trx), { trx, definitions: deferred });
  }

  /** Queues rows; starts writing a batch once enough are waiting. */
  async add(creates: PlannedRow[], updates: PlannedRow[]): Promise<void> {
    for (const row of creates) this.creates.push(row);
    for (const row of updates) this.updates.push(row);
    if (this.creates.length + this.updates.length >= BATCH_ROWS[this.target.engine]) await this.flush();
  }

  /** Writes whatever is queued and waits for every batch to be stored. */
  async finish(): Promise<void> {
    await this.flush();
    await this.inflight;
    await createIndexes(this.deferredIndexes.trx, this.deferredIndexes.definitions);
  }

  /** Waits for the batch in flight, ignoring its outcome, so the transaction can be rolled back. */
  async settle(): Promise<void> {
    await this.inflight.catch(() => undefined);
  }

  /** `--full`: marks current employees absent from the file as separated on `date`. */
  async separate(employeeIds: string[], date: string): Promise<void> {
    await writeBatch(this.target, [separationWrite(employeeIds, date, ABSENT_FINGERPRINT, this.now)]);
  }

  private async flush(): Promise<void> {
    const creates = this.creates;
    const updates = this.updates;
    this.creates = [];
    this.updates = [];
    // Rows and PINs are prepared here, while the previous batch may still be on its way to the database.
    const accounts = creates.map((p) => this.prepareAccount(p));
    const send = prepareBatch(this.target, rosterBatchWrites(creates, accounts, updates, this.now));
    await this.inflight;
    const batch = send();
    // A failure is rethrown by the next `await this.inflight`; this only stops it counting as unhandled meanwhile.
    batch.catch(() => undefined);
    this.inflight = batch;
  }

  private prepareAccount({ row }: PlannedRow): NewRosterAccount {
    const pin = generatePin();
    this.pins.push({ employeeId: row.employeeId, pin, expiresAt: this.pinExpiresAt });
    // NORM-2: e-mail is unique among accounts; an address already taken stays on the roster row only.
    const emailKey = row.emailKey !== null && !this.usedEmails.has(row.emailKey) ? row.emailKey : null;
    if (emailKey !== null) this.usedEmails.add(emailKey);
    const email = emailKey === null ? null : row.email;
    return { employeeId: row.employeeId, pinHash: keyedHash(this.secret, pin), pinExpiresAt: this.pinExpiresAt, email, emailKey, language: row.language ?? 'en' };
  }
}
