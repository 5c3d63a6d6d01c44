// `--large`: a database the size of a large employer's, made by the database itself (a recursive
// series on SQLite, generate_series on PostgreSQL) rather than row by row from here: 500,000
// employees (300,000 with an account), 200,000 live sessions, 5,000,000 audit rows and 1,000,000
// lockout rows. Ids and names are synthetic: `20000001`…, family names `Fam0`…`Fam1999`.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../src/storage/database.js';
import type { Database } from '../src/storage/schema.js';

export const LARGE = { employees: 500_000, accounts: 300_000, sessions: 200_000, auditRows: 5_000_000, lockoutRows: 1_000_000 } as const;

/** An employee id of the bulk roster (`2` and seven digits: 20000001…), for the `n` of a series, as SQL. */
function bulkId(engine: Engine, n: string): string {
  return engine === 'sqlite' ? `'2' || printf('%07d', ${n})` : `'2' || lpad((${n})::text, 7, '0')`;
}

/** `insert into … select … from` the series first..last, in the engine's spelling. */
async function insertSeries(db: Kysely<Database>, engine: Engine, [first, last]: [number, number], insertSelect: string): Promise<void> {
  const statement =
    engine === 'sqlite'
      ? `with recursive series(n) as (select ${first} union all select n + 1 from series where n < ${last}) ${insertSelect} from series`
      : `${insertSelect} from generate_series(${first}::bigint, ${last}) as series(n)`;
  await sql.raw(statement).execute(db);
}

/**
 * Adds the rows of the large data from the share `from` to `to` of it (0..1: all of it; 0..0.01 the
 * first 1 %, which the small database holds too, so that its searches find as much as the large
 * one's); returns how long each table took, in seconds.
 */
export async function seedLarge(db: Kysely<Database>, engine: Engine, now: number, share: { from: number; to: number } = { from: 0, to: 1 }): Promise<Record<string, number>> {
  const range = (total: number): [number, number] => [Math.round(total * share.from) + 1, Math.round(total * share.to)];
  const took: Record<string, number> = {};
  const timed = async (name: string, work: () => Promise<void>) => {
    const started = Date.now();
    await work();
    took[name] = (Date.now() - started) / 1000;
  };
  const id = (n: string) => bulkId(engine, n);
  await timed('employees', () =>
    insertSeries(
      db,
      engine,
      range(LARGE.employees),
      `insert into employees (employee_id, given_name, family_name, country, status, separation_date, roster_email, roster_mobile, roster_language, roster_hash, created_at, updated_at)
       select ${id('n')}, 'Given' || (n % 997), 'Fam' || (n % 2000), case when n % 10 = 0 then 'CA' else 'US' end, case when n % 20 = 0 then 'retired' else 'active' end, null, null, null, null, 'bulk', ${now}, ${now}`,
    ),
  );
  await timed('accounts', () =>
    insertSeries(
      db,
      engine,
      range(LARGE.accounts),
      `insert into accounts (employee_id, password_hash, registered_at, language, mfa, created_at, updated_at)
       select ${id('n')}, null, ${now}, 'en', 'off', ${now}, ${now}`,
    ),
  );
  await timed('sessions', () =>
    insertSeries(
      db,
      engine,
      range(LARGE.sessions),
      `insert into sessions (id_hash, employee_id, created_at, last_seen_at, expires_at, auth_at, second_factor_at, ip, user_agent, via)
       select 'bulk-session-' || n, ${id(`(n % ${LARGE.accounts}) + 1`)}, ${now}, ${now}, ${now + 86_400_000}, ${now}, null, '127.0.0.1', 'bench', 'password'`,
    ),
  );
  // Spread over the last 60 days; each row is something an account did to itself.
  await timed('audit_events', () =>
    insertSeries(
      db,
      engine,
      range(LARGE.auditRows),
      `insert into audit_events (at, event, outcome, actor_id, subject_id, ip, user_agent, request_id, detail)
       select ${now} - (n % 5184000) * 1000, 'login.succeeded', 'success', ${id(`(n % ${LARGE.accounts}) + 1`)}, ${id(`(n % ${LARGE.accounts}) + 1`)}, '127.0.0.1', 'bench', null, null`,
    ),
  );
  // Half the accounts' budgets, the rest identifiers without an account (LOGIN-5).
  await timed('login_attempts', () =>
    insertSeries(
      db,
      engine,
      range(LARGE.lockoutRows),
      `insert into login_attempts (key, failures, locked_until, updated_at)
       select case when n <= ${LARGE.employees} then 'account:' || ${id('n')} else 'identifier:bulk-' || n end, 1, null, ${now}`,
    ),
  );
  // PostgreSQL's autovacuum analyses a table after a bulk load like this; the bench does not wait for
  // it. SQLite has no such thing, and Portico runs no ANALYZE, so its planner keeps its defaults.
  if (engine === 'postgres') await timed('analyze', () => sql.raw('analyze').execute(db).then(() => undefined));
  return took;
}
