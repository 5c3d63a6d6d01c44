// Issue 13: the first administrator of docs/deployment.md, run as written. The guide's SQL makes
// the PostgreSQL role and database, its roster and commands are run with the built CLI, and its
// browser steps are taken through the JSON API against `portico serve`, with a real SMTP server:
// roster import → roles grant → PIN sign-in → wizard → e-mail codes on → sign in again → console.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectStatus, HttpClient } from '../support/http-client.js';
import { registerOverHttp, waitForCode } from '../support/register-over-http.js';
import { PROJECT_ROOT, runCliAsync, tempWorkDir } from '../support/run-cli.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';
import { TEST_SECRET } from '../support/test-app.js';

const guide = readFileSync(path.join(PROJECT_ROOT, 'docs', 'deployment.md'), 'utf8');

/** The fenced block that follows `<!-- first-admin:NAME -->` in the guide, without its fences and list indentation. */
function block(name: string): string[] {
  const start = guide.indexOf(`<!-- first-admin:${name} -->`);
  if (start < 0) throw new Error(`docs/deployment.md has no <!-- first-admin:${name} --> marker`);
  const fence = /\n\s*```\w*\n([\s\S]*?)\n\s*```/.exec(guide.slice(start));
  if (!fence) throw new Error(`no code block after the ${name} marker`);
  return fence[1]!.split('\n').map((line) => line.trim()).filter(Boolean);
}

let smtp: SmtpCapture;
let server: ServerProcess | undefined;
let databaseUrl: string;
let cwd: string;
let env: Record<string, string>;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  // The guide's SQL, under a name of this test's own (the suite's cluster is shared).
  const name = `portico_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('postgresUrl') });
  await admin.connect();
  try {
    for (const statement of block('postgres')) await admin.query(statement.replace(/\bportico\b/g, name));
  } finally {
    await admin.end();
  }
  const url = new URL(inject('postgresUrl'));
  databaseUrl = `postgres://${name}:change-me@${url.host}/${name}`;
  cwd = tempWorkDir();
  env = {
    PORTICO_DATABASE_URL: databaseUrl,
    PORTICO_SECRET: TEST_SECRET,
    PORTICO_PUBLIC_URL: 'https://portal.example.com',
    PORTICO_TRUSTED_PROXIES: '127.0.0.1',
    PORTICO_MAIL_URL: `smtp://portal:mail-password@127.0.0.1:${smtp.port}`,
    PORTICO_MAIL_FROM: 'Example Portal <portal@example.com>',
    PORTICO_SMS_URL: 'webhook+https://sms.example.com/send',
    PORTICO_SMS_WEBHOOK_SECRET: 'webhook-signing-secret-0123456789',
  };
});

afterAll(async () => {
  await server?.kill();
  await smtp.close();
});

/** The newest code e-mailed to `to` after `seen` messages had arrived. */
const codeFor = (to: string, seen: number) =>
  waitForCode(async () => smtp.messages.slice(seen).reverse().find((mail) => mail.envelopeTo.includes(to))?.parsed.text);

describe('the first administrator, as docs/deployment.md says', () => {
  it('gets from an empty PostgreSQL database to the console with a second factor', async () => {
    const [header, ...people] = block('roster');
    expect(header).toBe('employee_id,given_name,family_name,country,status,separation_date,email,mobile,language');
    const [employeeId, , , , , , email] = people[0]!.split(',');
    writeFileSync(path.join(cwd, 'roster.csv'), `${[header, ...people].join('\n')}\n`);

    // Step 2: the commands block, line by line.
    const commands = block('commands').map((line) => line.replace(/\s+#.*$/, ''));
    expect(commands).toEqual([
      'portico roster import roster.csv --pins-out first-pins.csv',
      `portico roles grant ${employeeId} admin`,
      'cat first-pins.csv',
      'rm first-pins.csv',
    ]);
    let pin = '';
    for (const command of commands) {
      const [program, ...args] = command.split(/\s+/);
      if (program === 'portico') {
        const run = await runCliAsync(args, { cwd, env });
        expect(run.status, `${command}\n${run.stderr}`).toBe(0);
      } else if (program === 'cat') {
        pin = readFileSync(path.join(cwd, args[0]!), 'utf8').split('\n').find((line) => line.startsWith(`${employeeId},`))!.split(',')[1]!;
      } else {
        rmSync(path.join(cwd, args[0]!));
      }
    }
    expect(pin).toMatch(/^\w{8}$/);

    // Section 5: doctor is happy, then the server starts (and applies no migration twice).
    const doctor = await runCliAsync(['doctor'], { cwd, env });
    expect(doctor.stdout, doctor.stdout).toContain('No problems found.');
    expect(doctor.status).toBe(0);
    server = await startServerProcess(env, cwd);

    // Step 3: PIN sign-in and the wizard; the code arrives by real SMTP.
    const admin = await registerOverHttp(server.base, { employeeId: employeeId!, pin, email: email!, password: 'Console2026x', codeFor: (to) => codeFor(to, 0) });
    expect(smtp.messages[0]!.parsed.from?.value[0]).toMatchObject({ name: 'Example Portal', address: 'portal@example.com' });
    // The console refuses a session without a second factor.
    expect((await admin.get('/api/v1/admin/whoami')).status).toBe(403);

    // Step 4: e-mail codes on (within five minutes of signing in, no password needed).
    expectStatus(await admin.put('/api/v1/me/mfa', { method: 'email' }), 204, 'MFA on');

    // Step 5: sign out, sign in with the password and the e-mailed code, open the console.
    expectStatus(await admin.post('/api/v1/logout'), 204, 'logout');
    const seen = smtp.messages.length;
    const again = new HttpClient(server.base);
    const step = expectStatus(await again.post('/api/v1/login', { identifier: employeeId, password: 'Console2026x' }), 200, 'sign-in').json<{ next: string; flowId: string }>();
    expect(step.next).toBe('code');
    const code = await codeFor(email!, seen);
    expect(expectStatus(await again.post('/api/v1/login/code', { flowId: step.flowId, code }), 200, 'code').json()).toEqual({ next: 'home' });
    expect(expectStatus(await again.get('/api/v1/admin/whoami'), 200, 'whoami').json()).toEqual({ employeeId, roles: ['admin'], secondFactor: true });
    const consolePage = expectStatus(await again.get('/admin'), 200, 'console page');
    expect(consolePage.body).toContain('<h1');
    expect(consolePage.body).not.toContain('Messages are not being delivered');
  });
});
