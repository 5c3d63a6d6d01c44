// HELP-4 and AUDIT-2 from the command line: `portico pin issue` and `portico audit export`.
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempWorkDir } from '../support/run-cli.js';
import { createTestApp } from '../support/test-app.js';
import { login, seedRegistered } from '../support/seed.js';
import { insertEmployeeWithAccount } from '../../src/storage/repositories/employees.js';
import { seedAuditRow } from '../support/audit-rows.js';
import { flowClientCookie } from '../support/flow-client.js';

async function workDirWithPeople(): Promise<{ cwd: string; url: string }> {
  const cwd = tempWorkDir();
  const url = `sqlite:${path.join(cwd, 'data', 'portico.db')}`;
  mkdirSync(path.join(cwd, 'data'));
  const t = await createTestApp({ databaseUrl: url });
  try {
    await seedRegistered(t.deps, { employeeId: '424242', givenName: 'Ida', password: 'OldPass2026' });
    const now = t.clock.now();
    await insertEmployeeWithAccount(t.deps.storage.db, { employeeId: '434343', givenName: 'Noor', familyName: 'Ray', country: 'CA', status: 'active' }, {}, now);
    await seedAuditRow(t.deps.storage.db, now, { event: 'login.failure', outcome: 'failure', subjectId: '424242', userAgent: '=HYPERLINK("x")' });
  } finally {
    await t.close();
  }
  return { cwd, url };
}

describe('portico pin issue', () => {
  it('--help exits 0; a bad Employee ID or empty reason is 2; an unknown account is 1', () => {
    const cwd = tempWorkDir();
    const help = runCli(['pin', 'issue', '--help'], { cwd });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: portico pin issue/);
    expect(runCli(['pin', 'issue'], { cwd }).status).toBe(2);
    expect(runCli(['pin', 'issue', 'abc'], { cwd }).status).toBe(2);
    expect(runCli(['pin', 'issue', '123456', '--reason', '  '], { cwd }).status).toBe(2);
    const unknown = runCli(['pin', 'issue', '999999'], { cwd });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/no account with Employee ID 999999/);
  });

  it('prints the PIN once; it signs a registered employee into set_password, the new password replaces the old; a never-registered one goes to register', async () => {
    const { cwd, url } = await workDirWithPeople();
    const issued = runCli(['pin', 'issue', '424242', '--reason', 'caller verified by phone'], { cwd });
    expect(issued.status).toBe(0);
    const match = /PIN for 424242: ([a-z2-9]{8})\nvalid until (\S+)\n/.exec(issued.stdout);
    expect(match).not.toBeNull();
    const [, pin, until] = match!;
    const days = (Date.parse(until!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    const fresh = runCli(['pin', 'issue', '434343'], { cwd });
    expect(fresh.status).toBe(0);
    const freshPin = /PIN for 434343: ([a-z2-9]{8})/.exec(fresh.stdout)![1]!;

    const t = await createTestApp({ databaseUrl: url });
    try {
      const audit = await t.deps.storage.db.selectFrom('audit_events').select(['detail']).where('event', '=', 'pin.issued').where('subject_id', '=', '424242').executeTakeFirstOrThrow();
      expect(JSON.parse(audit.detail!)).toMatchObject({ reason: 'caller verified by phone', purpose: 'reset', via: 'cli', operator: expect.stringMatching(/^.+@.+$/) });
      expect(audit.detail).not.toContain(pin);

      const signIn = await login(t.app, '424242', pin!);
      expect(signIn.json<{ next: string }>().next).toBe('set_password');
      const { flowId } = signIn.json<{ flowId: string }>();
      const done = await t.app.inject({ method: 'POST', url: '/api/v1/login/password', payload: { flowId, password: 'NewPass2026', confirm: 'NewPass2026' }, headers: { cookie: flowClientCookie() } });
      expect(done.json()).toEqual({ next: 'home' });
      expect((await login(t.app, '424242', 'OldPass2026')).statusCode).toBe(401);
      expect((await login(t.app, '424242', 'NewPass2026')).json()).toEqual({ next: 'home' });

      expect((await login(t.app, '434343', freshPin)).json<{ next: string }>().next).toBe('register');
    } finally {
      await t.close();
    }
  });
});

describe('portico audit export', () => {
  it('--help exits 0; a bad format, date or Employee ID is 2', () => {
    const cwd = tempWorkDir();
    const help = runCli(['audit', 'export', '--help'], { cwd });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: portico audit export/);
    expect(runCli(['audit', 'export', '--format', 'xml'], { cwd }).status).toBe(2);
    expect(runCli(['audit', 'export', '--since', 'yesterday'], { cwd }).status).toBe(2);
    expect(runCli(['audit', 'export', '--employee', 'x'], { cwd }).status).toBe(2);
  });

  it('writes CSV (formula cells neutralised) and JSON Lines to stdout, with filters', async () => {
    const { cwd } = await workDirWithPeople();
    runCli(['pin', 'issue', '424242', '--reason', '=evil()'], { cwd });
    const csv = runCli(['audit', 'export'], { cwd });
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('time,event,outcome,actor,subject,ip,user_agent,request_id,detail');
    expect(csv.stdout).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.stdout).not.toMatch(/(^|,)"?=/m);

    const jsonl = runCli(['audit', 'export', '--format', 'jsonl', '--event', 'pin.issued', '--since', '2020-01-01'], { cwd });
    expect(jsonl.status).toBe(0);
    const rows = jsonl.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { event: string; detail: { reason: string } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ event: 'pin.issued', detail: { reason: '=evil()' } });
    const none = runCli(['audit', 'export', '--format', 'jsonl', '--employee', '434343', '--since', '2999-01-01'], { cwd });
    expect(none.status).toBe(0);
    expect(none.stdout).toBe('');
  });
});
