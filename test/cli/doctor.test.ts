// SPEC §14.3, issue 13: `portico doctor` prints a table of checks and exits 0 on a good setup, 1
// naming every problem: the outbox outside demo, an http public URL, a short secret, a database
// others can read, an SMTP server that does not answer, a database newer than this version.
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/database.js';
import { runCli, runCliAsync, tempWorkDir } from '../support/run-cli.js';
import { createDatabaseUrl, recordUnknownMigration } from '../support/databases.js';
import { findFreePort, startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(() => smtp.close());

/** What a production instance behind a TLS proxy on this machine sets. */
const production = () => ({
  PORTICO_PUBLIC_URL: 'https://portal.example.com',
  PORTICO_MAIL_URL: `smtp://portico:mail-password@127.0.0.1:${smtp.port}`,
  PORTICO_MAIL_FROM: 'Example Portal <portal@example.com>',
  PORTICO_SMS_URL: 'webhook+https://sms.example.com/send',
  PORTICO_SMS_WEBHOOK_SECRET: 'webhook-signing-secret-0123456789',
  PORTICO_TRUSTED_PROXIES: '127.0.0.1',
});

const row = (output: string, check: string) => output.split('\n').find((line) => line.startsWith(`${check}  `)) ?? `(no ${check} row)`;

describe('portico doctor', () => {
  it('on a good SQLite setup: every check ok, nothing sent, exit 0', async () => {
    const cwd = tempWorkDir();
    expect(runCli(['migrate'], { cwd }).status).toBe(0);
    const result = await runCliAsync(['doctor'], { cwd, env: production() });
    expect(result.stdout).toMatch(/^check\s+status\s+detail/);
    for (const check of ['configuration', 'database', 'migrations', 'mail', 'sms', 'public URL', 'secret', 'file modes', 'trusted proxies', 'clock']) {
      expect(row(result.stdout, check)).toMatch(new RegExp(`^${check}\\s+ok\\s+\\S`));
    }
    expect(row(result.stdout, 'mail')).toMatch(/answered EHLO, logged in \(nothing sent\)/);
    expect(result.stdout).toContain('No problems found.');
    expect(result.status).toBe(0);
    expect(smtp.messages).toHaveLength(0);
  });

  it('on PostgreSQL: reachable, migrations current, clock compared with the server', async () => {
    const url = await createDatabaseUrl('postgres');
    const cwd = tempWorkDir();
    expect(runCli(['migrate'], { cwd, env: { PORTICO_DATABASE_URL: url } }).status).toBe(0);
    const result = await runCliAsync(['doctor'], { cwd, env: { ...production(), PORTICO_DATABASE_URL: url } });
    expect(row(result.stdout, 'database')).toMatch(/^database\s+ok\s+postgres:/);
    expect(row(result.stdout, 'migrations')).toMatch(/ok\s+\d+ applied \(newest \d{3}-[\w-]+\), none pending/);
    expect(row(result.stdout, 'clock')).toMatch(/ok\s+\d+\.\d s from the database server's clock/);
    expect(result.status).toBe(0);
  });

  it('outbox outside demo, http public URL, short secret and a world-readable database: exit 1, each named', () => {
    const cwd = tempWorkDir();
    expect(runCli(['migrate'], { cwd }).status).toBe(0);
    chmodSync(path.join(cwd, 'data', 'portico.db'), 0o644);
    const result = runCli(['doctor'], { cwd, env: { PORTICO_SECRET: 'too-short', PORTICO_PUBLIC_URL: 'http://portal.example.com' } });
    expect(result.status).toBe(1);
    expect(row(result.stdout, 'mail')).toMatch(/^mail\s+FAIL\s+outbox: every e-mail .* nobody receives it; set PORTICO_MAIL_URL/);
    expect(row(result.stdout, 'sms')).toMatch(/^sms\s+FAIL\s+outbox: .*set PORTICO_SMS_URL/);
    expect(row(result.stdout, 'public URL')).toMatch(/^public URL\s+FAIL\s+PORTICO_PUBLIC_URL is http:\/\/portal\.example\.com: not https/);
    expect(row(result.stdout, 'secret')).toMatch(/^secret\s+FAIL\s+PORTICO_SECRET: .*at least 32 bytes/);
    expect(row(result.stdout, 'file modes')).toMatch(/^file modes\s+FAIL\s+readable by others: data\/portico\.db is 0644 \(chmod 600\)/);
    expect(row(result.stdout, 'database')).toMatch(/^database\s+ok/);
    expect(result.stdout).toMatch(/5 problem\(s\) to fix/);
  });

  it('an SMTP server that does not answer, and a database a newer version migrated, fail', async () => {
    const cwd = tempWorkDir();
    expect(runCli(['migrate'], { cwd }).status).toBe(0);
    const storage = openStorage(`sqlite:${path.join(cwd, 'data', 'portico.db')}`);
    await recordUnknownMigration(storage, '999-from-the-future');
    await storage.close();
    const result = await runCliAsync(['doctor'], { cwd, env: { ...production(), PORTICO_MAIL_URL: `smtp://127.0.0.1:${await findFreePort()}` } });
    expect(result.status).toBe(1);
    expect(row(result.stdout, 'mail')).toMatch(/^mail\s+FAIL\s+smtp:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    expect(row(result.stdout, 'migrations')).toMatch(/^migrations\s+FAIL\s+the database has migrations this version does not know \(999-from-the-future\)/);
  });

  it('a bad configuration value is one failing row, not a stack trace', () => {
    const result = runCli(['doctor'], { cwd: tempWorkDir(), env: { PORTICO_LOCKOUT_ATTEMPTS: 'many' } });
    expect(result.status).toBe(1);
    expect(row(result.stdout, 'configuration')).toMatch(/FAIL\s+PORTICO_LOCKOUT_ATTEMPTS: "many" is not allowed/);
  });
});
