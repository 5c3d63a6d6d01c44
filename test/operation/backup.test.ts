// SPEC §14.3, issue 13: `portico backup FILE` copies a SQLite database while a running server
// writes to it; the copy opens, passes PRAGMA integrity_check and holds the employee registered
// just before. Restoring it as docs/deployment.md says (stop, put the copy in place, start) brings
// that employee back.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutboxEmails } from '../../src/delivery/read-outbox.js';
import { HttpClient } from '../support/http-client.js';
import { registerOverHttp, waitForCode } from '../support/register-over-http.js';
import { PROJECT_ROOT, runCli, runCliAsync, tempWorkDir } from '../support/run-cli.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { TEST_SECRET } from '../support/test-app.js';

const EMPLOYEES = 20_000;
const NEWCOMER = '700001';
const PASSWORD = 'Backup88qz';
const env = { PORTICO_SECRET: TEST_SECRET, PORTICO_TRUSTED_PROXIES: '127.0.0.1' };

let cwd: string;
let server: ServerProcess;
let pin: string;

beforeAll(async () => {
  cwd = tempWorkDir();
  const rows = [`employee_id,given_name,family_name,country,status,separation_date,email,mobile,language`];
  for (let i = 0; i < EMPLOYEES; i++) rows.push(`${700001 + i},Given${i},Family${i},US,active,,,,en`);
  writeFileSync(path.join(cwd, 'roster.csv'), `${rows.join('\n')}\n`);
  const imported = runCli(['roster', 'import', 'roster.csv', '--pins-out', 'pins.csv'], { cwd });
  expect(imported.status, imported.stderr).toBe(0);
  pin = readFileSync(path.join(cwd, 'pins.csv'), 'utf8').split('\n').find((line) => line.startsWith(`${NEWCOMER},`))!.split(',')[1]!;
  server = await startServerProcess(env, cwd);
});

afterAll(() => server?.kill());

/** Wrong-password sign-ins from ever new client addresses: each one writes failure counters and an audit row. */
function startWriting(base: string) {
  let stopped = false;
  let writes = 0;
  const loop = async (lane: number) => {
    for (let i = 0; !stopped; i++) {
      const client = new HttpClient(base, { 'x-forwarded-for': `10.${lane}.${(i >> 8) & 255}.${i & 255}` });
      const answer = await client.post('/api/v1/login', { identifier: String(800000 + ((lane * 7919 + i) % 100000)), password: 'not-the-password' }).catch(() => null);
      if (answer?.status === 401) writes++;
    }
  };
  const lanes = [1, 2, 3].map((lane) => loop(lane));
  return {
    count: () => writes,
    stop: async () => {
      stopped = true;
      await Promise.all(lanes);
    },
  };
}

describe('portico backup', () => {
  it('copies the database a running server is writing to, consistently and with the latest registration', async () => {
    const writer = startWriting(server.base);
    try {
      await backUpWhileWriting(writer);
    } finally {
      await writer.stop();
    }
  });

  async function backUpWhileWriting(writer: ReturnType<typeof startWriting>) {
    const mailDir = path.join(cwd, 'data', 'outbox', 'mail');
    const email = 'newcomer@example.com';
    await registerOverHttp(server.base, {
      employeeId: NEWCOMER,
      pin,
      email,
      password: PASSWORD,
      codeFor: (to) => waitForCode(async () => (await readOutboxEmails(mailDir, 20)).find((mail) => mail.to.includes(to))?.text),
    });
    const before = writer.count();
    const backup = await runCliAsync(['backup', 'backup.db'], { cwd, env });
    const during = writer.count() - before;

    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/^backed up .*portico\.db to .*backup\.db \(\d+\.\d MiB, integrity ok\)\n$/);
    expect(during, 'the server kept writing while the backup ran').toBeGreaterThan(0);

    const file = path.join(cwd, 'backup.db');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}-wal`), 'the copy is one self-contained file').toBe(false);
    const copy = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('select count(*) as n from employees').get()).toEqual({ n: EMPLOYEES });
      const account = copy.prepare('select registered_at, email from accounts where employee_id = ?').get(NEWCOMER) as { registered_at: number | null; email: string };
      expect(account.registered_at).not.toBeNull();
      expect(account.email).toBe(email);
    } finally {
      copy.close();
    }
  }

  it('refuses a file that exists, and PostgreSQL (pg_dump does that)', () => {
    writeFileSync(path.join(cwd, 'taken.db'), 'x');
    const taken = runCli(['backup', 'taken.db'], { cwd, env });
    expect(taken.status).toBe(1);
    expect(taken.stderr).toMatch(/already exists/);
    const postgres = runCli(['backup', 'x.db'], { cwd, env: { ...env, PORTICO_DATABASE_URL: 'postgres://portico@127.0.0.1:1/portico' } });
    expect(postgres.status).toBe(2);
    expect(postgres.stderr).toMatch(/pg_dump/);
  });

  it('restores as docs/deployment.md says: stop, put the copy in place of data/portico.db, start', async () => {
    const docs = readFileSync(path.join(PROJECT_ROOT, 'docs', 'deployment.md'), 'utf8');
    expect(docs).toContain('mv data/portico.db data/portico.db-wal data/portico.db-shm broken/');
    expect(docs).toContain('cp /backups/portico-2026-01-31.db data/portico.db');
    await server.kill('SIGTERM');
    // What the guide does, with this test's file names.
    const broken = path.join(cwd, 'broken');
    rmSync(broken, { recursive: true, force: true });
    mkdirSync(broken);
    for (const name of ['portico.db', 'portico.db-wal', 'portico.db-shm']) {
      if (existsSync(path.join(cwd, 'data', name))) renameSync(path.join(cwd, 'data', name), path.join(broken, name));
    }
    writeFileSync(path.join(cwd, 'data', 'portico.db'), readFileSync(path.join(cwd, 'backup.db')), { mode: 0o600 });

    server = await startServerProcess(env, cwd);
    const client = new HttpClient(server.base);
    const signedIn = await client.post('/api/v1/login', { identifier: NEWCOMER, password: PASSWORD });
    expect(signedIn.status, signedIn.body).toBe(200);
    expect(signedIn.json()).toEqual({ next: 'home' });
    expect((await client.get('/api/v1/me')).json()).toMatchObject({ employeeId: NEWCOMER, email: 'newcomer@example.com' });
  });
});
