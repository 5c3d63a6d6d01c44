// HELP-3 with issue 14: the console's employee search matches the start of a given or family name
// (ignoring case) or of an Employee ID, two words as a given and a family name together; two-word
// matches come first, then family names, then given names, then IDs, each employee once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../../test/support/databases.js';
import type { Storage } from '../database.js';
import { insertEmployeeWithAccount } from './employees.js';
import { searchEmployees } from './console-employees.js';

const NOW = Date.UTC(2026, 11, 3, 12);
const PEOPLE = [
  ['4100001', 'Maria', 'Lopez'],
  ['4100002', 'Lopa', 'Brown'],
  ['4100003', 'ana', 'lopes'],
  ['4100004', 'Marco', 'Polo'],
  ['4100005', 'Lopez', 'Maria'],
  ['4200001', 'Zoe', 'de la Cruz'],
] as const;

describe.each(ENGINES)('console employee search on %s', (engine) => {
  let storage: Storage;
  const search = async (name: string) => {
    const digits = name.replace(/[\s-]/g, '');
    const rows = await searchEmployees(storage, { idPrefix: /^\d+$/.test(digits) ? digits : null, name, now: NOW });
    return rows.map((row) => row.employeeId);
  };

  beforeAll(async () => {
    storage = await createTestStorage(engine);
    for (const [employeeId, givenName, familyName] of PEOPLE) {
      await insertEmployeeWithAccount(storage.db, { employeeId, givenName, familyName, country: 'US', status: 'active' }, {}, NOW);
    }
  });
  afterAll(() => storage.close());

  it('finds the start of a family name, then of a given name, ignoring case; never the middle of one', async () => {
    // Family names Lopes, Lopez (in that order), then the given names Lopa and Lopez.
    expect(await search('lop')).toEqual(['4100003', '4100001', '4100002', '4100005']);
    expect(await search('LOPEZ')).toEqual(['4100001', '4100005']);
    expect(await search('ope')).toEqual([]);
    expect(await search('de la')).toEqual(['4200001']);
  });

  it('takes two words as a given and a family name, either way round, before the single-name matches', async () => {
    // "maria lop": given Maria and family Lop…, then family Maria and given Lop….
    expect(await search('maria lop')).toEqual(['4100001', '4100005']);
    expect(await search('lopez mar')).toEqual(['4100005', '4100001']);
    expect(await search('marco polo')).toEqual(['4100004']);
  });

  it('finds the start of an Employee ID, each employee once', async () => {
    expect(await search('41000')).toEqual(['4100001', '4100002', '4100003', '4100004', '4100005']);
    expect(await search('4200001')).toEqual(['4200001']);
    expect(await search('%_')).toEqual([]);
  });
});
