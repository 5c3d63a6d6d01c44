// Writes the roster import inside the caller's transaction, batch by batch while the file is still
// being read, so PostgreSQL stores one batch while Node validates the next. Only `employees` is
// updated for known people: a registered account's password, questions and contacts stay as they
// are (ROSTER-2).
import type { Kysely } from 'kysely';
import { generatePin, keyedHash } from '../../security/tokens.js';
import type { Engine } from '../../storage/database.js';
import type { Database } from '../../storage/schema.js';
import { prepareBatch, writeBatch, type BulkTarget, type Column, type TableWrite, type Value } from './bulk-write.js';
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

const text = (name: string): Column => ({ name, type: 'text' });
const bigint = (name: string): Column => ({ name, type: 'bigint' });
const EMPLOYEE_ID = text('employee_id');
const ROSTER_FIELDS = ['given_name', 'family_name', 'country', 'status', 'separation_date', 'roster_email', 'roster_mobile', 'roster_language', 'roster_hash'].map(text);
const EMPLOYEE_COLUMNS = [EMPLOYEE_ID, ...ROSTER_FIELDS, bigint('created_at'), bigint('updated_at')];
const ACCOUNT_COLUMNS = [EMPLOYEE_ID, text('pin_hash'), bigint('pin_expires_at'), text('pin_purpose'), text('email'), text('email_key'), text('language'), text('mfa'), bigint('created_at'), bigint('updated_at')];

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
  ) {}

  /** `trx` is the import's transaction. */
  static async open(trx: Kysely<Database>, engine: Engine, secret: Buffer, now: number, pinLifetimeMs: number): Promise<RosterWriter> {
    const rows = await trx.selectFrom('accounts').select('email_key').where('email_key', 'is not', null).execute();
    return new RosterWriter({ db: trx, engine }, secret, now, now + pinLifetimeMs, new Set(rows.map((r) => r.email_key!)));
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
  }

  /** Waits for the batch in flight, ignoring its outcome, so the transaction can be rolled back. */
  async settle(): Promise<void> {
    await this.inflight.catch(() => undefined);
  }

  /** `--full`: marks current employees absent from the file as separated on `date`. */
  async separate(employeeIds: string[], date: string): Promise<void> {
    const shared = [
      { name: 'status', value: 'separated' },
      { name: 'separation_date', value: date },
      { name: 'roster_hash', value: ABSENT_FINGERPRINT },
      { name: 'updated_at', value: this.now },
    ];
    const rows = employeeIds.map((id) => [id]);
    await writeBatch(this.target, [{ kind: 'update', table: 'employees', key: EMPLOYEE_ID, columns: [], rows, shared }]);
  }

  private async flush(): Promise<void> {
    const creates = this.creates;
    const updates = this.updates;
    this.creates = [];
    this.updates = [];
    // Rows and PINs are prepared here, while the previous batch may still be on its way to the database.
    const writes: TableWrite[] = [
      { kind: 'insert', table: 'employees', columns: EMPLOYEE_COLUMNS, rows: creates.map((p) => [p.row.employeeId, ...rosterValues(p), this.now, this.now]) },
      { kind: 'insert', table: 'accounts', columns: ACCOUNT_COLUMNS, rows: creates.map((p) => this.prepareAccount(p)) },
      { kind: 'update', table: 'employees', key: EMPLOYEE_ID, columns: ROSTER_FIELDS, rows: updates.map((p) => [p.row.employeeId, ...rosterValues(p)]), shared: [{ name: 'updated_at', value: this.now }] },
    ];
    const send = prepareBatch(this.target, writes);
    await this.inflight;
    const batch = send();
    // A failure is rethrown by the next `await this.inflight`; this only stops it counting as unhandled meanwhile.
    batch.catch(() => undefined);
    this.inflight = batch;
  }

  private prepareAccount({ row }: PlannedRow): Value[] {
    const pin = generatePin();
    this.pins.push({ employeeId: row.employeeId, pin, expiresAt: this.pinExpiresAt });
    // NORM-2: e-mail is unique among accounts; an address already taken stays on the roster row only.
    const emailKey = row.emailKey !== null && !this.usedEmails.has(row.emailKey) ? row.emailKey : null;
    if (emailKey !== null) this.usedEmails.add(emailKey);
    const email = emailKey === null ? null : row.email;
    return [row.employeeId, keyedHash(this.secret, pin), this.pinExpiresAt, 'register', email, emailKey, row.language ?? 'en', 'off', this.now, this.now];
  }
}

function rosterValues({ row, hash }: PlannedRow): (string | null)[] {
  return [row.givenName, row.familyName, row.country, row.status, row.separationDate, row.email, row.mobile, row.language, hash];
}
