import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Engine, Storage } from '../database.js';

// HELP-3: what the console's employee search and account page read. Read-only; the actions use
// the domain functions (unlockAccount, issuePin, setMfaMethod, endAllSessions, grantRole).

export const EMPLOYEE_SEARCH_LIMIT = 50;

export interface EmployeeSearchRow {
  employeeId: string;
  givenName: string;
  familyName: string;
  country: string;
  status: string;
  separationDate: string | null;
  registered: boolean;
  hasAccount: boolean;
  helpdeskLocked: boolean;
  disabled: boolean;
  /** LOGIN-4's temporary lock is in force now. */
  locked: boolean;
  mfa: string;
}

/** What the search rows and the account page both read (employees e, accounts a, login_attempts l). */
const STATE_COLUMNS = [
  'e.employee_id as employeeId',
  'e.given_name as givenName',
  'e.family_name as familyName',
  'e.country as country',
  'e.status as status',
  'e.separation_date as separationDate',
  'a.employee_id as accountId',
  'a.registered_at as registeredAt',
  'a.helpdesk_locked_at as helpdeskLockedAt',
  'a.disabled_at as disabledAt',
  'a.mfa as mfa',
  'l.locked_until as lockedUntil',
] as const;

/** The first string after every string that starts with `digits` (digits only), or null when none is. */
function afterDigitPrefix(digits: string): string | null {
  const kept = digits.replace(/9+$/, '');
  if (kept === '') return null;
  return kept.slice(0, -1) + String(Number(kept.at(-1)) + 1);
}

/**
 * The lowercased name, as its index (migration 014) holds it: compared byte by byte (PostgreSQL's
 * "C" collation; SQLite's own), so that a prefix is a range and the index also gives the order.
 */
function lowered(engine: Engine, column: 'e.given_name' | 'e.family_name') {
  return engine === 'postgres' ? sql<string>`(lower(${sql.ref(column)}) collate "C")` : sql<string>`lower(${sql.ref(column)})`;
}

/** The lowercased column starts with `prefix`: a range over its index. */
function startsWith(engine: Engine, column: 'e.given_name' | 'e.family_name', prefix: string) {
  const value = lowered(engine, column);
  return sql<boolean>`(${value} >= ${prefix} and ${value} < ${`${prefix}\u{10FFFF}`})`;
}

/**
 * Employee ID prefix, or the start of the given or family name ignoring case ("lop" finds Lopez);
 * two words find a given and a family name together ("maria lop", "lopez mar"). Each way of
 * matching is its own statement that walks its index in order and stops after the page, so a
 * search costs the same over 500 employees or 500,000; the answer lists two-word matches first,
 * then family names, then given names, then Employee IDs.
 */
export async function searchEmployees(storage: Storage, query: { idPrefix: string | null; name: string; now: number }): Promise<EmployeeSearchRow[]> {
  const { engine, db } = storage;
  const name = query.name.toLowerCase().replace(/\s+/g, ' ');
  const [first = '', ...others] = name.split(' ');
  const rest = others.join(' ');
  const base = () =>
    db
      .selectFrom('employees as e')
      .leftJoin('accounts as a', 'a.employee_id', 'e.employee_id')
      // The temporary lock's key is `account:<id>`; concatenation is `||` on both engines.
      .leftJoin('login_attempts as l', (join) => join.on('l.key', '=', sql<string>`'account:' || e.employee_id`))
      .select(STATE_COLUMNS)
      .limit(EMPLOYEE_SEARCH_LIMIT);
  const byFamily = (family: string, given?: string) => {
    let q = base().where(startsWith(engine, 'e.family_name', family));
    if (given !== undefined) q = q.where(startsWith(engine, 'e.given_name', given));
    return q.orderBy(lowered(engine, 'e.family_name')).orderBy(lowered(engine, 'e.given_name')).orderBy('e.employee_id').execute();
  };
  const byGiven = (given: string) => base().where(startsWith(engine, 'e.given_name', given)).orderBy(lowered(engine, 'e.given_name')).orderBy(lowered(engine, 'e.family_name')).orderBy('e.employee_id').execute();
  const byId = (prefix: string) => {
    const after = afterDigitPrefix(prefix);
    let q = base().where('e.employee_id', '>=', prefix);
    if (after !== null) q = q.where('e.employee_id', '<', after);
    return q.orderBy('e.employee_id').execute();
  };
  // Digits alone are an Employee ID: no name starts with one.
  const byName = /\p{L}/u.test(name) ? [...(rest !== '' ? [byFamily(rest, first), byFamily(first, rest)] : []), byFamily(name), byGiven(name)] : [];
  const searches = [...byName, ...(query.idPrefix ? [byId(query.idPrefix)] : [])];
  // In that order, each employee once, one page.
  const byEmployee = new Map<string, Awaited<(typeof searches)[number]>[number]>();
  for (const row of (await Promise.all(searches)).flat()) if (!byEmployee.has(row.employeeId)) byEmployee.set(row.employeeId, row);
  const rows = [...byEmployee.values()].slice(0, EMPLOYEE_SEARCH_LIMIT);
  return rows.map((row) => ({
    employeeId: row.employeeId,
    givenName: row.givenName,
    familyName: row.familyName,
    country: row.country,
    status: row.status,
    separationDate: row.separationDate,
    registered: row.registeredAt !== null && row.registeredAt !== undefined,
    hasAccount: row.accountId !== null && row.accountId !== undefined,
    helpdeskLocked: row.helpdeskLockedAt !== null && row.helpdeskLockedAt !== undefined,
    disabled: row.disabledAt !== null && row.disabledAt !== undefined,
    locked: row.lockedUntil !== null && row.lockedUntil !== undefined && Number(row.lockedUntil) > query.now,
    mfa: row.mfa ?? 'off',
  }));
}

export interface EmployeeSessionRow {
  createdAt: number;
  lastSeenAt: number;
  ip: string;
  userAgent: string;
}

export interface EmployeeAccountState {
  employeeId: string;
  givenName: string;
  familyName: string;
  country: string;
  status: string;
  separationDate: string | null;
  /** No account row: on the roster only. */
  hasAccount: boolean;
  registeredAt: number | null;
  disabledAt: number | null;
  helpdeskLockedAt: number | null;
  /** LOGIN-4's temporary lock, while it lasts. */
  lockedUntil: number | null;
  failures: number;
  mfa: string;
  roles: string[];
  sessions: EmployeeSessionRow[];
  /** MFA-7: the employee's passkeys, oldest first (names and dates only). */
  passkeys: { name: string; createdAt: number; lastUsedAt: number | null }[];
}

/** The roster facts and account state of one employee, or undefined when not on the roster. */
export async function findEmployeeAccountState(
  db: Kysely<Database>,
  employeeId: string,
  now: number,
  idleMs: number,
): Promise<EmployeeAccountState | undefined> {
  const row = await db
    .selectFrom('employees as e')
    .leftJoin('accounts as a', 'a.employee_id', 'e.employee_id')
    .leftJoin('login_attempts as l', (join) => join.on('l.key', '=', `account:${employeeId}`))
    .select([...STATE_COLUMNS, 'l.failures as failures'])
    .where('e.employee_id', '=', employeeId)
    .executeTakeFirst();
  if (!row) return undefined;
  const [roles, sessions, passkeys] = await Promise.all([
    db.selectFrom('account_roles').select('role').where('employee_id', '=', employeeId).orderBy('role').execute(),
    db
      .selectFrom('sessions')
      .select(['created_at', 'last_seen_at', 'ip', 'user_agent'])
      .where('employee_id', '=', employeeId)
      .where('expires_at', '>', now)
      .where('last_seen_at', '>', now - idleMs)
      .orderBy('last_seen_at', 'desc')
      .execute(),
    db.selectFrom('passkeys').select(['name', 'created_at', 'last_used_at']).where('employee_id', '=', employeeId).orderBy('created_at').orderBy('id').execute(),
  ]);
  const lockedUntil = row.lockedUntil !== null && row.lockedUntil !== undefined && Number(row.lockedUntil) > now ? Number(row.lockedUntil) : null;
  return {
    employeeId: row.employeeId,
    givenName: row.givenName,
    familyName: row.familyName,
    country: row.country,
    status: row.status,
    separationDate: row.separationDate,
    hasAccount: row.accountId !== null && row.accountId !== undefined,
    registeredAt: row.registeredAt ?? null,
    disabledAt: row.disabledAt ?? null,
    helpdeskLockedAt: row.helpdeskLockedAt ?? null,
    lockedUntil,
    failures: Number(row.failures ?? 0),
    mfa: row.mfa ?? 'off',
    roles: roles.map((r) => r.role),
    sessions: sessions.map((s) => ({ createdAt: Number(s.created_at), lastSeenAt: Number(s.last_seen_at), ip: s.ip, userAgent: s.user_agent })),
    passkeys: passkeys.map((p) => ({ name: p.name, createdAt: Number(p.created_at), lastUsedAt: p.last_used_at === null ? null : Number(p.last_used_at) })),
  };
}

/** Whether the employee holds any console role (helpdesk, hr, admin). */
export async function holdsConsoleRole(db: Kysely<Database>, employeeId: string): Promise<boolean> {
  const row = await db.selectFrom('account_roles').select('role').where('employee_id', '=', employeeId).limit(1).executeTakeFirst();
  return row !== undefined;
}
