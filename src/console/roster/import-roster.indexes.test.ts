// ROSTER-5 (issue 14): the first import into an empty roster builds the employees' search indexes
// once at the end (storage/roster/deferred-indexes.ts). Whatever happens, the indexes are there
// afterwards exactly as the migrations made them; an import into a filled roster never drops them.
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../../test/support/databases.js';
import { createAuditLog } from '../../audit/record-audit.js';
import { FakeClock } from '../../../test/support/fake-clock.js';
import type { Storage } from '../../storage/database.js';
import { tableIndexes } from '../../../test/support/query-plans.js';
import { importRoster, type ImportDeps } from './import-roster.js';
import { ROSTER_COLUMNS } from './validate-row.js';

const SECRET = Buffer.from('roster-test-secret-of-at-least-32-bytes');

function roster(...lines: string[]): Readable {
  return Readable.from([Buffer.from([ROSTER_COLUMNS.join(','), ...lines].join('\n') + '\n')]);
}

describe.each(ENGINES)('the roster import and the employees indexes on %s', (engine) => {
  let storage: Storage | undefined;
  afterEach(() => storage?.close());

  async function setUp() {
    const statements: string[] = [];
    storage = await createTestStorage(engine, { onQuery: (statement) => statements.push(statement.sql) });
    const clock = new FakeClock(Date.UTC(2026, 10, 3, 15, 0, 0));
    const deps: ImportDeps = { storage, clock, audit: createAuditLog(storage, clock), config: { secret: SECRET, timeZone: 'America/New_York', allowedCountries: ['US', 'CA', 'PR'] } };
    return { storage, deps, statements, before: await tableIndexes(storage, 'employees') };
  }

  it('builds them at the end of a first import, and they are the same afterwards', async () => {
    const { storage, deps, statements, before } = await setUp();
    expect(before.some((index) => index.includes('employees_family_lower'))).toBe(true);
    const report = await importRoster(deps, roster('00123,Ana,Lopez,US,active,,,,', '45678,Luc,Roy,CA,retired,,,,'));
    expect(report).toMatchObject({ created: 2, refused: false });
    expect(statements.filter((s) => /^drop index/i.test(s))).toHaveLength(3);
    expect(await tableIndexes(storage, 'employees')).toEqual(before);
  });

  it('keeps them when a first import is refused or fails', async () => {
    const { storage, deps, before } = await setUp();
    expect(await importRoster(deps, roster('00123,Ana,Lopez,US,active,,,,', '45678,Luc,Roy,MX,active,,,,'))).toMatchObject({ refused: true });
    expect(await tableIndexes(storage, 'employees')).toEqual(before);
    await expect(
      importRoster(deps, roster('00123,Ana,Lopez,US,active,,,,'), {
        beforeCommit: () => {
          throw new Error('cancelled');
        },
      }),
    ).rejects.toThrow('cancelled');
    expect(await tableIndexes(storage, 'employees')).toEqual(before);
    expect(await storage.db.selectFrom('employees').select('employee_id').execute()).toEqual([]);
  });

  it('never drops them when the roster already has people', async () => {
    const { storage, deps, statements, before } = await setUp();
    await importRoster(deps, roster('00123,Ana,Lopez,US,active,,,,'));
    statements.length = 0;
    expect(await importRoster(deps, roster('00123,Ana,Lopez,US,active,,,,', '45678,Luc,Roy,CA,retired,,,,'))).toMatchObject({ created: 1, unchanged: 1 });
    expect(statements.filter((s) => /^(drop|create) index/i.test(s))).toEqual([]);
    expect(await tableIndexes(storage, 'employees')).toEqual(before);
  });
});
