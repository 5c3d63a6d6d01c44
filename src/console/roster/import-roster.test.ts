import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../../test/support/databases.js';
import { DAY } from '../../security/clock.js';
import { createAuditLog } from '../../audit/record-audit.js';
import { FakeClock } from '../../../test/support/fake-clock.js';
import { keyedHash } from '../../security/tokens.js';
import type { Storage } from '../../storage/database.js';
import { importRoster, type ImportDeps, type ImportOptions } from './import-roster.js';
import { ROSTER_COLUMNS } from './validate-row.js';

const SECRET = Buffer.from('roster-test-secret-of-at-least-32-bytes');
const HEADER = ROSTER_COLUMNS.join(',');

function roster(...lines: string[]): Readable {
  return Readable.from([Buffer.from([HEADER, ...lines].join('\n') + '\n')]);
}

describe.each(ENGINES)('importRoster on %s', (engine) => {
  let storage: Storage;
  let clock: FakeClock;
  let deps: ImportDeps;
  const run = (input: Readable, options: ImportOptions = {}) => importRoster(deps, input, options);
  const employees = () => storage.db.selectFrom('employees').selectAll().orderBy('employee_id').execute();
  const accounts = () => storage.db.selectFrom('accounts').selectAll().orderBy('employee_id').execute();

  beforeEach(async () => {
    storage = await createTestStorage(engine);
    // 02:00 UTC on November 3 is still November 2 in New York.
    clock = new FakeClock(Date.UTC(2026, 10, 3, 2, 0, 0));
    deps = { storage, clock, audit: createAuditLog(storage, clock), config: { secret: SECRET, timeZone: 'America/New_York', allowedCountries: ['US', 'CA', 'PR'] } };
  });
  afterEach(() => storage.close());

  it('creates employees with unregistered accounts holding only a keyed hash of a 30-day PIN', async () => {
    const report = await run(roster('00123,Ana,Lopez,US,active,,Ana@Example.com,555-201-3344,es-PR', '45678,Luc,Roy,CA,retired,,,,'));
    expect(report).toMatchObject({ created: 2, updated: 0, unchanged: 0, invalid: 0, separated: 0, refused: false, errors: [] });
    expect(report.pins.map((p) => p.employeeId)).toEqual(['00123', '45678']);
    const [ana, luc] = await accounts();
    expect(ana).toMatchObject({ employee_id: '00123', password_hash: null, registered_at: null, pin_purpose: 'register', language: 'es-PR', mfa: 'off' });
    expect(ana).toMatchObject({ email: 'Ana@example.com', email_key: 'ana@example.com', email_verified_at: null, mobile: null });
    expect(ana!.pin_hash).toBe(keyedHash(SECRET, report.pins[0]!.pin));
    expect(ana!.pin_expires_at).toBe(clock.now() + 30 * DAY);
    expect(report.pins[0]!.expiresAt).toBe(clock.now() + 30 * DAY);
    expect(luc).toMatchObject({ language: 'en', email: null, email_key: null });
    expect(await employees()).toMatchObject([
      { employee_id: '00123', given_name: 'Ana', country: 'US', status: 'active', roster_email: 'Ana@example.com', roster_mobile: '+15552013344', roster_language: 'es-PR' },
      { employee_id: '45678', given_name: 'Luc', country: 'CA', status: 'retired', roster_email: null },
    ]);
  });

  it('keeps names with quotes, backslashes, braces and the word NULL exactly as written', async () => {
    const report = await run(roster('00123,NULL,"O""Brien \\ {Jr}, III",US,active,,,,'));
    expect(report).toMatchObject({ created: 1, errors: [] });
    expect(await employees()).toMatchObject([{ given_name: 'NULL', family_name: 'O"Brien \\ {Jr}, III' }]);
    expect(await run(roster('00123,NULL,"O""Brien \\ {Jr}, III",US,active,,,,'))).toMatchObject({ unchanged: 1 });
  });

  it('stores no PIN in clear in any text column of employees or accounts', async () => {
    const report = await run(roster('00123,Ana,Lopez,US,active,,ana@example.com,,', '45678,Luc,Roy,CA,active,,,,'));
    const cells = [...(await employees()), ...(await accounts())].flatMap((row) => Object.values(row).filter((v): v is string => typeof v === 'string'));
    expect(report.pins).toHaveLength(2);
    for (const { pin } of report.pins) {
      expect(pin).toMatch(/^[a-z2-9]{8}$/);
      expect(cells.filter((cell) => cell.includes(pin))).toEqual([]);
    }
  });

  it('refuses a file with invalid lines, reporting each by line number and writing nothing', async () => {
    const report = await run(roster('00123,Ana,Lopez,US,active,,,,', '00124,Bob,Lee,MX,active,,,,', '00125,Cy,Ng,US,fired,,,,'));
    expect(report).toMatchObject({ refused: true, created: 0, invalid: 2, pins: [] });
    expect(report.errors).toEqual(['line 3: country "MX" is not allowed', 'line 4: status "fired" is not one of active, inactive, retired, separated']);
    expect(await employees()).toEqual([]);
    expect(await accounts()).toEqual([]);
    expect(await storage.db.selectFrom('audit_events').selectAll().execute()).toEqual([]);
  });

  it('refuses a file with a wrong header as a whole, even with skipInvalid', async () => {
    const report = await run(Readable.from([Buffer.from('id,first,last\n00123,Ana,Lopez\n')]), { skipInvalid: true });
    expect(report.refused).toBe(true);
    expect(report.errors).toEqual([expect.stringMatching(/^line 1: the header must be employee_id,given_name/)]);
    expect(report.fileProblem).toBe(report.errors[0]);
    expect(await employees()).toEqual([]);
  });

  it('skips lines of bare commas that spreadsheets leave after the data', async () => {
    const report = await run(roster('00123,Ana,Lopez,US,active,,,,', ',,,,,,,,', ' , ,,,,,,,'));
    expect(report).toMatchObject({ refused: false, created: 1, invalid: 0, errors: [] });
    const malformed = await run(roster('00124,"Bo"x,Li,US,active,,,,'));
    expect(malformed.errors).toEqual(['line 2: unexpected text after a closing quote']);
  });

  it('refuses a file that is not UTF-8, keeping the line errors found before the bad bytes', async () => {
    const first = Buffer.from(`${HEADER}\n00123,Ana,Lopez,MX,active,,,,\n`);
    const latin1 = Buffer.concat([Buffer.from('00124,'), Buffer.from([0xc9]), Buffer.from('mile,Roy,CA,active,,,,\n')]);
    const report = await run(Readable.from([first, latin1]), { skipInvalid: true });
    expect(report).toMatchObject({ refused: true, invalid: 1, fileProblem: expect.stringMatching(/not valid UTF-8/) });
    expect(report.errors).toEqual(['line 2: country "MX" is not allowed', report.fileProblem]);
    expect(await employees()).toEqual([]);
  });

  it('with skipInvalid writes the valid lines and reports the others', async () => {
    const report = await run(roster('00123,Ana,Lopez,US,active,,,,', '00124,Bob,Lee,MX,active,,,,', '00125,Cy,Ng,US,active,,,,'), { skipInvalid: true });
    expect(report).toMatchObject({ refused: false, created: 2, invalid: 1, errors: ['line 3: country "MX" is not allowed'] });
    expect((await employees()).map((e) => e.employee_id)).toEqual(['00123', '00125']);
  });

  it('re-importing the same file is a no-op: all unchanged, no writes, no PINs', async () => {
    const lines = ['00123,Ana,Lopez,US,active,,ana@example.com,,', '45678,Luc,Roy,CA,separated,2026-01-15,,,fr-CA'];
    await run(roster(...lines));
    const before = { employees: await employees(), accounts: await accounts() };
    clock.advance(DAY);
    const report = await run(roster(...lines));
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 2, pins: [] });
    expect({ employees: await employees(), accounts: await accounts() }).toEqual(before);
  });

  it('updates changed rows on the employee and leaves the account alone', async () => {
    await run(roster('00123,Ana,Lopez,US,active,,ana@example.com,,', '45678,Luc,Roy,CA,active,,,,'));
    const accountsBefore = await accounts();
    clock.advance(DAY);
    const report = await run(roster('00123,Ana,Lopez,US,active,,ana@example.com,,', '45678,Lucas,Roy-Ng,PR,separated,2026-10-31,luc@example.com,,fr-CA'));
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 1, pins: [] });
    expect((await employees())[1]).toMatchObject({
      given_name: 'Lucas',
      family_name: 'Roy-Ng',
      country: 'PR',
      status: 'separated',
      separation_date: '2026-10-31',
      roster_email: 'luc@example.com',
      roster_language: 'fr-CA',
      updated_at: clock.now(),
    });
    expect(await accounts()).toEqual(accountsBefore);
  });

  it("never touches a registered account's password, e-mail or contacts when names change", async () => {
    await run(roster('00123,Ana,Lopez,US,active,,ana@example.com,,'));
    const registered = { password_hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', registered_at: clock.now(), pin_hash: null, pin_expires_at: null, pin_purpose: null };
    const contacts = { email: 'Ana.Home@example.org', email_key: 'ana.home@example.org', email_verified_at: clock.now(), mobile: '+15559990000', mobile_verified_at: clock.now() };
    await storage.db.updateTable('accounts').set({ ...registered, ...contacts, language: 'fr-CA', mfa: 'totp' }).execute();
    const report = await run(roster('00123,Anabel,Lopez Ruiz,US,inactive,,work@example.com,555-201-0000,en'));
    expect(report).toMatchObject({ updated: 1, pins: [] });
    expect(await accounts()).toEqual([expect.objectContaining({ ...registered, ...contacts, language: 'fr-CA', mfa: 'totp' })]);
    expect(await employees()).toEqual([expect.objectContaining({ given_name: 'Anabel', family_name: 'Lopez Ruiz', status: 'inactive', roster_email: 'work@example.com' })]);
  });

  it('leaves an e-mail another account already holds off the new account but keeps it on the roster row', async () => {
    await run(roster('00123,Ana,Lopez,US,active,,shared@example.com,,'));
    const report = await run(roster('00123,Ana,Lopez,US,active,,shared@example.com,,', '00124,Bo,Li,US,active,,SHARED@example.com,,', '00125,Cy,Ng,US,active,,cy@example.com,,', '00126,Di,Ok,US,active,,cy@example.com,,'));
    expect(report).toMatchObject({ created: 3, unchanged: 1 });
    expect((await accounts()).map((a) => a.email_key)).toEqual(['shared@example.com', null, 'cy@example.com', null]);
    expect((await employees()).map((e) => e.roster_email)).toEqual(['shared@example.com', 'SHARED@example.com', 'cy@example.com', 'cy@example.com']);
  });

  it('with full marks current employees missing from the file as separated today (company time zone), and reinstates them later', async () => {
    const everyone = ['00123,Ana,Lopez,US,active,,,,', '00124,Bo,Li,US,inactive,,,,', '00125,Cy,Ng,US,retired,,,,', '00126,Di,Ok,US,separated,2025-03-01,,,'];
    await run(roster(...everyone));
    const report = await run(roster(everyone[0]!), { full: true });
    expect(report).toMatchObject({ unchanged: 1, separated: 2 });
    const rows = await employees();
    expect(rows.map((e) => [e.employee_id, e.status, e.separation_date])).toEqual([
      ['00123', 'active', null],
      ['00124', 'separated', '2026-11-02'],
      ['00125', 'separated', '2026-11-02'],
      ['00126', 'separated', '2025-03-01'],
    ]);
    const back = await run(roster(everyone[0]!, everyone[1]!));
    expect(back).toMatchObject({ updated: 1, unchanged: 1, created: 0 });
    expect((await employees())[1]).toMatchObject({ status: 'inactive', separation_date: null });
  });

  it('without full leaves employees missing from the file as they are', async () => {
    await run(roster('00123,Ana,Lopez,US,active,,,,', '00124,Bo,Li,US,active,,,,'));
    expect(await run(roster('00123,Ana,Lopez,US,active,,,,'))).toMatchObject({ separated: 0 });
    expect((await employees()).map((e) => e.status)).toEqual(['active', 'active']);
  });

  it('with full and skipInvalid does not separate someone whose line was invalid', async () => {
    await run(roster('00123,Ana,Lopez,US,active,,,,', '00124,Bo,Li,US,active,,,,'));
    const report = await run(roster('00123,Ana,Lopez,US,active,,,,', '00124,Bo,Li,MX,active,,,,'), { full: true, skipInvalid: true });
    expect(report).toMatchObject({ invalid: 1, separated: 0 });
    expect((await employees()).map((e) => e.status)).toEqual(['active', 'active']);
  });

  it('dry run counts what would change and writes nothing', async () => {
    await run(roster('00123,Ana,Lopez,US,active,,,,', '00124,Bo,Li,US,active,,,,'));
    const before = { employees: await employees(), accounts: await accounts() };
    const report = await run(roster('00123,Ana,Lopez,US,retired,,,,', '00125,Cy,Ng,US,active,,,,'), { dryRun: true, full: true });
    expect(report).toMatchObject({ refused: false, created: 1, updated: 1, unchanged: 0, separated: 1, pins: [] });
    expect({ employees: await employees(), accounts: await accounts() }).toEqual(before);
  });

  it('writes nothing when the caller cancels just before the commit', async () => {
    const input = roster('00123,Ana,Lopez,US,active,,,,');
    await expect(run(input, { beforeCommit: () => Promise.reject(new Error('no PIN file')) })).rejects.toThrow('no PIN file');
    expect(await employees()).toEqual([]);
    expect(await accounts()).toEqual([]);
  });

  it('imports and re-imports a roster larger than one write batch', async () => {
    const lines = Array.from({ length: 6_001 }, (_, i) => `${String(100_000 + i)},Given ${i},"Family, ${i}",US,active,,p${i}@example.com,,`);
    const first = await run(roster(...lines));
    expect(first).toMatchObject({ created: 6_001, refused: false });
    expect(new Set(first.pins.map((p) => p.pin)).size).toBeGreaterThan(6_000);
    lines[4_999] = '104999,Changed,Name,CA,retired,,,,';
    const second = await run(roster(...lines));
    expect(second).toMatchObject({ created: 0, updated: 1, unchanged: 6_000 });
    const count = await storage.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(6_001);
    expect(await storage.db.selectFrom('employees').select(['family_name', 'country']).where('employee_id', '=', '104999').executeTakeFirst()).toEqual({ family_name: 'Name', country: 'CA' });
    expect(await storage.db.selectFrom('employees').select('family_name').where('employee_id', '=', '100007').executeTakeFirst()).toEqual({ family_name: 'Family, 7' });
  });

  it('records the import in the audit log without any PIN', async () => {
    const report = await run(roster('00123,Ana,Lopez,US,active,,,,'));
    const events = await storage.db.selectFrom('audit_events').selectAll().execute();
    expect(events).toMatchObject([{ event: 'roster.import', outcome: 'success', at: clock.now() }]);
    expect(JSON.parse(events[0]!.detail!)).toMatchObject({ created: 1, pinsIssued: 1 });
    expect(events[0]!.detail).not.toContain(report.pins[0]!.pin);
  });
});
