// Issue 14: a prepared query gives what the same Kysely query gives, with each call's values in its
// `arg(i)` places (a value used twice included); on PostgreSQL it runs as a named prepared
// statement, which the connection then lists in pg_prepared_statements.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createDatabaseUrl } from '../../test/support/databases.js';
import { openStorage, type Storage } from './database.js';
import { migrateToLatest } from './migrate.js';
import { arg, MAX_PREPARED_LIMIT, perLimit, preparedFor, prepareQuery } from './prepared.js';
import { insertEmployeeWithAccount } from './repositories/employees.js';

const NOW = Date.UTC(2026, 11, 3);

describe.each(ENGINES)('prepared queries on %s', (engine) => {
  let storage: Storage;
  // One connection, so that the named statement is on the connection the test then asks.
  beforeAll(async () => {
    storage = openStorage(await createDatabaseUrl(engine), { poolSize: 1 });
    await migrateToLatest(storage.db);
    for (const [employeeId, country] of [['4300001', 'US'], ['4300002', 'CA'], ['4300003', 'US']] as const) {
      await insertEmployeeWithAccount(storage.db, { employeeId, givenName: 'Ana', familyName: 'Ruiz', country, status: 'active' }, {}, NOW);
    }
  });
  afterAll(() => storage.close());

  const employeesIn = preparedFor((db) =>
    prepareQuery<[country: string, limit: number], { employee_id: string }>(
      db,
      db
        .selectFrom('employees')
        .select('employee_id')
        .where((eb) => eb.or([eb('country', '=', arg<string>(0)), eb('employee_id', '=', sql<string>`${arg<string>(0)} || '-never'`)]))
        .orderBy('employee_id')
        .limit(arg<number>(1)),
    ),
  );

  it('takes each call its own values, in every place its argument stands', async () => {
    expect((await employeesIn(storage.db).rows('US', 10)).map((r) => r.employee_id)).toEqual(['4300001', '4300003']);
    expect((await employeesIn(storage.db).rows('CA', 10)).map((r) => r.employee_id)).toEqual(['4300002']);
    expect((await employeesIn(storage.db).rows('US', 1)).map((r) => r.employee_id)).toEqual(['4300001']);
    expect(await employeesIn(storage.db).first('FR', 10)).toBeUndefined();
    // Made once per database handle.
    expect(employeesIn(storage.db)).toBe(employeesIn(storage.db));
  });

  it.runIf(engine === 'postgres')('runs as a named prepared statement on PostgreSQL', async () => {
    await employeesIn(storage.db).rows('US', 10);
    const statements = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(storage.db);
    expect(statements.rows.map((r) => r.name).filter((name) => name.startsWith('portico_'))).toHaveLength(1);
  });
});

describe('perLimit', () => {
  it('makes one query per limit, and refuses anything but a small positive integer (it is written into the SQL text)', () => {
    const made: number[] = [];
    const byLimit = perLimit((limit) => {
      made.push(limit);
      return `limit ${limit}`;
    });
    expect(byLimit(10)).toBe('limit 10');
    expect(byLimit(10)).toBe('limit 10');
    expect(byLimit(1)).toBe('limit 1');
    expect(byLimit(MAX_PREPARED_LIMIT)).toBe(`limit ${MAX_PREPARED_LIMIT}`);
    for (const bad of [0, -1, 1.5, NaN, Infinity, MAX_PREPARED_LIMIT + 1, 2 ** 53, '10; drop table employees' as unknown as number, '10' as unknown as number]) {
      expect(() => byLimit(bad)).toThrow(/not a limit/);
    }
    expect(made).toEqual([10, 1, MAX_PREPARED_LIMIT]);
  });
});
