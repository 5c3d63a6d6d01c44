// SPEC §14.3: every command has --help; exit codes 0 done, 1 failed, 2 bad usage; a wrong
// configuration stops the program with a message naming the variable.
import { hostname, userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { runCli, tempWorkDir } from '../support/run-cli.js';
import { openStorage } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { insertEmployeeWithAccount } from '../../src/storage/repositories/employees.js';
import { accountLockKey } from '../../src/security/lockout.js';

describe('portico command line', () => {
  it.each([[[]], [['serve']], [['migrate']], [['unlock']], [['roles']], [['roles', 'grant']], [['roles', 'revoke']]])('%j --help exits 0 with usage', (args) => {
    const result = runCli([...args, '--help'], { cwd: tempWorkDir() });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Usage: portico/);
  });

  it('an unknown command or a missing argument is bad usage (2)', () => {
    expect(runCli(['frobnicate'], { cwd: tempWorkDir() }).status).toBe(2);
    expect(runCli(['unlock'], { cwd: tempWorkDir() }).status).toBe(2);
    expect(runCli(['unlock', '123456'], { cwd: tempWorkDir() }).status).toBe(2);
    expect(runCli(['roles', 'grant', '123456', 'emperor'], { cwd: tempWorkDir() }).status).toBe(2);
    expect(runCli(['serve', '--port', 'abc'], { cwd: tempWorkDir() }).status).toBe(2);
  });

  it('a wrong configuration value stops with a message naming the variable and what is allowed', () => {
    const result = runCli(['migrate'], { cwd: tempWorkDir(), env: { PORTICO_LOCKOUT_ATTEMPTS: 'three' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORTICO_LOCKOUT_ATTEMPTS: "three" is not allowed; expected a whole number/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const policy = runCli(['migrate'], { cwd: tempWorkDir(), env: { PORTICO_POLICY: 'strict' } });
    expect(policy.stderr).toMatch(/PORTICO_POLICY: "strict" is not allowed; expected one of described, nist/);
  });

  it('PORTICO_SECRET is required outside demo mode and must be 32 bytes', () => {
    const missing = runCli(['migrate'], { cwd: tempWorkDir(), env: { PORTICO_SECRET: '' } });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/PORTICO_SECRET/);
    const short = runCli(['migrate'], { cwd: tempWorkDir(), env: { PORTICO_SECRET: 'short' } });
    expect(short.stderr).toMatch(/PORTICO_SECRET: .*at least 32 bytes/);
  });

  it('reads portico.config.json from the working directory, and the environment wins', async () => {
    const cwd = tempWorkDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(cwd, 'portico.config.json'), JSON.stringify({ PORTICO_TIME_ZONE: 'Mars/Olympus' }));
    expect(runCli(['migrate'], { cwd }).stderr).toMatch(/PORTICO_TIME_ZONE/);
    expect(runCli(['migrate'], { cwd, env: { PORTICO_TIME_ZONE: 'America/Toronto' } }).status).toBe(0);
  });

  it('migrate creates the SQLite database under data/ and is idempotent', () => {
    const cwd = tempWorkDir();
    const first = runCli(['migrate'], { cwd });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/applied: 001-initial, 002-audit/);
    expect(runCli(['migrate'], { cwd }).stdout).toMatch(/up to date/);
  });

  it('migrate --to NAME reverts the newer migrations (rollback), and migrate applies them again', () => {
    const cwd = tempWorkDir();
    expect(runCli(['migrate'], { cwd }).status).toBe(0);
    const reverted = runCli(['migrate', '--to', '009-sso'], { cwd });
    expect(reverted.stdout).toBe('reverted: 013-content-translations, 012-flow-binding, 011-attempt-claims, 010-helpdesk\n');
    expect(runCli(['migrate', '--to', 'latest-please'], { cwd }).status).toBe(2);
    expect(runCli(['migrate'], { cwd }).stdout).toBe('applied: 010-helpdesk, 011-attempt-claims, 012-flow-binding, 013-content-translations\n');
  });

  it('unlock clears both locks and records the reason; roles grant and revoke', async () => {
    const cwd = tempWorkDir();
    const url = `sqlite:${path.join(cwd, 'data', 'portico.db')}`;
    const storage = openStorage(url);
    await migrateToLatest(storage.db);
    const now = Date.now();
    await insertEmployeeWithAccount(storage.db, { employeeId: '424242', givenName: 'Ida', familyName: 'Lee', country: 'US', status: 'active' }, {}, now);
    await storage.db.updateTable('accounts').set({ helpdesk_locked_at: now }).execute();
    await storage.db.insertInto('login_attempts').values({ key: accountLockKey('424242'), failures: 3, locked_until: now + 900_000, updated_at: now }).execute();
    await storage.close();

    expect(runCli(['unlock', '999999', '--reason', 'caller verified'], { cwd }).status).toBe(1);
    const unlocked = runCli(['unlock', '424242', '--reason', 'caller verified by phone'], { cwd });
    expect(unlocked.status).toBe(0);
    expect(runCli(['roles', 'grant', '424242', 'helpdesk'], { cwd }).status).toBe(0);
    expect(runCli(['roles', 'grant', '424242', 'admin'], { cwd }).status).toBe(0);
    expect(runCli(['roles', 'revoke', '424242', 'admin'], { cwd }).status).toBe(0);
    expect(runCli(['roles', 'revoke', '424242', 'admin'], { cwd }).status).toBe(1);

    const after = openStorage(url);
    try {
      const account = await after.db.selectFrom('accounts').select('helpdesk_locked_at').executeTakeFirstOrThrow();
      expect(account.helpdesk_locked_at).toBeNull();
      expect(await after.db.selectFrom('login_attempts').selectAll().execute()).toEqual([]);
      const roles = await after.db.selectFrom('account_roles').select('role').execute();
      expect(roles.map((r) => r.role)).toEqual(['helpdesk']);
      const events = await after.db.selectFrom('audit_events').select(['event', 'detail']).orderBy('id').execute();
      expect(events.map((e) => e.event)).toEqual(['account.unlocked', 'role.granted', 'role.granted', 'role.revoked']);
      expect(events[0]!.detail).toContain('caller verified by phone');
      // Who ran the command: the operating-system user and host, never an empty actor.
      const operator = `${userInfo().username}@${hostname()}`;
      for (const event of events) expect(JSON.parse(event.detail ?? '{}')).toMatchObject({ via: 'cli', operator });
      const origins = await after.db.selectFrom('audit_events').select('user_agent').execute();
      for (const origin of origins) expect(origin.user_agent).toBe(`portico-cli (${operator})`);
    } finally {
      await after.close();
    }
  });
});
