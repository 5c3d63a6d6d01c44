// Black-box tests of `portico roster import` through the built CLI (npm test builds dist/ first).
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempWorkDir } from '../../test/support/run-cli.js';
import { TEST_SECRET } from '../../test/support/test-app.js';
import { keyedHash } from '../security/tokens.js';
import { openStorage, type Storage } from '../storage/database.js';

const HEADER = 'employee_id,given_name,family_name,country,status,separation_date,email,mobile,language';

describe('portico roster import', () => {
  let dir: string;
  let storage: Storage | null = null;
  const databaseUrl = () => `sqlite:${path.join(dir, 'p.db')}`;
  const importRoster = (...args: string[]) => runCli(['roster', 'import', ...args], { cwd: dir, env: { PORTICO_DATABASE_URL: databaseUrl() } });
  const writeRoster = (name: string, lines: string[], eol = '\n') => writeFileSync(path.join(dir, name), [HEADER, ...lines].join(eol) + eol);
  const database = () => (storage ??= openStorage(databaseUrl())).db;
  const employees = () => database().selectFrom('employees').selectAll().orderBy('employee_id').execute();
  const accounts = () => database().selectFrom('accounts').selectAll().orderBy('employee_id').execute();

  beforeEach(() => {
    dir = tempWorkDir();
  });
  afterEach(async () => {
    await storage?.close();
    storage = null;
  });

  it('refuses a file with bad rows, naming each line, and writes nothing', async () => {
    writeRoster('roster.csv', ['00123,Ana,Lopez,US,active,,,,', '00124,Bo,Li,MX,active,,,,', '00125,Cy,Ng,US,active,2025-13-01,,,']);
    const result = importRoster('roster.csv', '--pins-out', 'pins.csv');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('line 3: country "MX" is not allowed\n');
    expect(result.stderr).toContain('line 4: separation_date "2025-13-01" is not a date as YYYY-MM-DD\n');
    expect(result.stdout).toMatch(/^Refused: 2 invalid lines; nothing was written/);
    expect(existsSync(path.join(dir, 'pins.csv'))).toBe(false);
    expect(await employees()).toEqual([]);
  });

  it('writes the PINs to a 0600 file that matches the stored hashes, and never prints or stores them in clear', async () => {
    writeRoster('roster.csv', ['00123,Ana,Lopez,US,active,,ana@example.com,,', '45678,Luc,Roy,CA,active,,,,fr-CA']);
    const result = importRoster('roster.csv', '--pins-out', 'pins.csv');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Imported: 2 created, 0 updated, 0 unchanged, 0 invalid, 0 separated \(\d+\.\d s, [\d,]+ rows\/s\)\.\n/);
    const file = path.join(dir, 'pins.csv');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
    expect(header).toBe('employee_id,pin,expires_at');
    const pins = lines.map((line) => line.split(','));
    expect(pins.map(([id]) => id)).toEqual(['00123', '45678']);
    const stored = await accounts();
    const cells = [...(await employees()), ...stored].flatMap((row) => Object.values(row).filter((v): v is string => typeof v === 'string'));
    for (const [id, pin, expiresAt] of pins) {
      expect(pin).toMatch(/^[a-z2-9]{8}$/);
      expect(stored.find((a) => a.employee_id === id)!.pin_hash).toBe(keyedHash(Buffer.from(TEST_SECRET), pin!));
      expect(new Date(expiresAt!).toISOString()).toBe(expiresAt);
      expect(result.stdout + result.stderr).not.toContain(pin);
      expect(cells.filter((cell) => cell.includes(pin!))).toEqual([]);
    }
    // Who ran the import: the operating-system user and host (AUDIT-1 from the command line).
    const audit = await database().selectFrom('audit_events').select(['actor_id', 'user_agent', 'detail']).where('event', '=', 'roster.import').executeTakeFirstOrThrow();
    const operator = `${userInfo().username}@${hostname()}`;
    expect(audit.actor_id).toBeNull();
    expect(audit.user_agent).toBe(`portico-cli (${operator})`);
    expect(JSON.parse(audit.detail ?? '{}')).toMatchObject({ via: 'cli', operator, created: 2 });
  });

  it('re-importing the same file changes nothing and issues no PINs; a changed row updates', async () => {
    writeRoster('roster.csv', ['00123,Ana,Lopez,US,active,,,,', '45678,Luc,Roy,CA,active,,,,']);
    expect(importRoster('roster.csv', '--pins-out', 'pins.csv').status).toBe(0);
    const before = await accounts();
    const again = importRoster('roster.csv', '--pins-out', 'again.csv');
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^Imported: 0 created, 0 updated, 2 unchanged/);
    expect(existsSync(path.join(dir, 'again.csv'))).toBe(false);
    expect(await accounts()).toEqual(before);

    writeRoster('changed.csv', ['00123,Ana,Lopez,US,active,,,,', '45678,Lucas,Roy,CA,retired,,,,']);
    const changed = importRoster('changed.csv');
    expect(changed.status).toBe(0);
    expect(changed.stdout).toMatch(/^Imported: 0 created, 1 updated, 1 unchanged/);
    expect((await employees())[1]).toMatchObject({ given_name: 'Lucas', status: 'retired' });
  });

  it('refuses to create employees without --pins-out, writing nothing', async () => {
    writeRoster('roster.csv', ['00123,Ana,Lopez,US,active,,,,']);
    const result = importRoster('roster.csv');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/would create 1 new employee, .*--pins-out FILE.*Nothing was written/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await employees()).toEqual([]);
  });

  it('refuses a PIN file that already exists and leaves it untouched', () => {
    writeRoster('roster.csv', ['00123,Ana,Lopez,US,active,,,,']);
    writeFileSync(path.join(dir, 'pins.csv'), 'earlier PINs\n');
    const result = importRoster('roster.csv', '--pins-out', 'pins.csv');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('pins.csv already exists');
    expect(readFileSync(path.join(dir, 'pins.csv'), 'utf8')).toBe('earlier PINs\n');
    // Checked before the database is even opened.
    expect(existsSync(path.join(dir, 'p.db'))).toBe(false);
  });

  it('--full marks current employees missing from the file as separated', async () => {
    writeRoster('all.csv', ['00123,Ana,Lopez,US,active,,,,', '45678,Luc,Roy,CA,active,,,,']);
    expect(importRoster('all.csv', '--pins-out', 'pins.csv').status).toBe(0);
    writeRoster('some.csv', ['00123,Ana,Lopez,US,active,,,,']);
    const plain = importRoster('some.csv');
    expect(plain.stdout).toContain('0 separated');
    const full = importRoster('some.csv', '--full');
    expect(full.status).toBe(0);
    expect(full.stdout).toContain('1 unchanged, 0 invalid, 1 separated');
    expect((await employees()).map((e) => [e.employee_id, e.status, e.separation_date === null])).toEqual([
      ['00123', 'active', true],
      ['45678', 'separated', false],
    ]);
  });

  it('--skip-invalid imports the valid rows and still lists the bad ones', async () => {
    writeRoster('roster.csv', ['00123,Ana,Lopez,US,active,,,,', '00124,Bo,Li,MX,active,,,,', '00125,Cy,Ng,US,active,,,,']);
    const result = importRoster('roster.csv', '--skip-invalid', '--pins-out', 'pins.csv');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('line 3: country "MX" is not allowed');
    expect(result.stdout).toContain('2 created, 0 updated, 0 unchanged, 1 invalid');
    expect((await employees()).map((e) => e.employee_id)).toEqual(['00123', '00125']);
  });

  it('--dry-run reports what would change and writes nothing, not even a PIN file', async () => {
    writeRoster('roster.csv', ['00123,Ana,Lopez,US,active,,,,', '00124,Bo,Li,US,active,,,,']);
    const result = importRoster('roster.csv', '--dry-run', '--pins-out', 'pins.csv');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Dry run, nothing was written: would be 2 created/);
    expect(existsSync(path.join(dir, 'pins.csv'))).toBe(false);
    expect(await employees()).toEqual([]);
  });

  it('reads a UTF-8 file with a BOM, CRLF line ends and quoted fields holding commas', async () => {
    const lines = ['00123,"Ana María","López, Jr.",US,active,,ana@example.com,"(555) 201-3344",es-PR', '"45678",Zoë,"O""Brien",CA,inactive,,,,'];
    writeFileSync(path.join(dir, 'excel.csv'), '\uFEFF' + [HEADER, ...lines].join('\r\n') + '\r\n');
    const result = importRoster('excel.csv', '--pins-out', 'pins.csv');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(await employees()).toMatchObject([
      { employee_id: '00123', given_name: 'Ana María', family_name: 'López, Jr.', roster_mobile: '+15552013344' },
      { employee_id: '45678', given_name: 'Zoë', family_name: "O\"Brien", status: 'inactive' },
    ]);
  });

  it('shows the first 50 errors and counts the rest', () => {
    writeRoster('bad.csv', Array.from({ length: 60 }, (_, i) => `${10_000 + i},Ana,Lopez,XX,active,,,,`));
    const result = importRoster('bad.csv');
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('line '))).toHaveLength(50);
    expect(result.stderr).toContain('… and 10 more\n');
  });

  it('exits 1 on a file that cannot be read and 2 on bad usage, without a stack trace', () => {
    const missing = importRoster('nowhere.csv');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('portico: cannot read nowhere.csv: no such file\n');
    const usage = runCli(['roster', 'import'], { cwd: dir, env: { PORTICO_DATABASE_URL: databaseUrl() } });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("missing required argument 'file'");
  });
});
