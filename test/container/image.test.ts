// Issue 13: the Dockerfile, built and run here (`npm run test:container`, not part of `npm test`).
// No image registry is reachable, so the base image is a local stand-in built from Debian's and
// npm's packages (stand-in-base.ts); the Dockerfile is built against it with podman, exactly as
// written (`--build-arg BASE=…`), and the image is started, as production would, against
// PostgreSQL (the suite's throwaway cluster) and an SMTP server, both on the host's loopback.
// It must: be ready on /readyz; let an employee seeded with the image's own CLI (roster import,
// pin issue) register with the e-mailed code and sign in with a password; run as a non-root user;
// pass its own HEALTHCHECK on a port other than 3000; open SQLite (better-sqlite3 compiled in the
// image); hold no build tools, dev dependencies or registry settings; stop cleanly on SIGTERM.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CommandLog, tail, ULIMITS } from './commands.js';
import { BASE_IMAGE, ensureStandInBase } from './stand-in-base.js';
import { expectStatus, HttpClient } from '../support/http-client.js';
import { registerOverHttp, waitForCode } from '../support/register-over-http.js';
import { PROJECT_ROOT } from '../support/run-cli.js';
import { findFreePort, startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';
import { suiteTempDir } from '../support/temp-root.js';

const IMAGE = 'localhost/portico:test';
/** The build stage, tagged so that its cached layers are kept (and replaced ones removed). */
const BUILD_STAGE = 'localhost/portico-build:test';
const SECRET = randomBytes(36).toString('base64');
const EMPLOYEE = { id: '100001', email: 'ada.admin@example.com', password: 'Container2026' };

const version = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let work: string;
let log: CommandLog;
let smtp: SmtpCapture | undefined;
let container: string | undefined;
let base: string;
let port: number;
const timings: string[] = [];

async function timed<T>(what: string, step: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await step();
  } finally {
    timings.push(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** The image's id under `tag`, or null when there is none. */
async function imageId(tag: string): Promise<string | null> {
  const result = await log.podman(['image', 'inspect', '--format', '{{.Id}}', tag], { allowFailure: true });
  return result.status === 0 ? result.stdout.trim() : null;
}

/**
 * The host's npm registry settings for `npm ci` inside the build, as a build secret (mounted for
 * that one step, never in a layer): the registry, npm's proxy settings, and the credential lines of
 * the user's .npmrc. Proxy environment variables (HTTPS_PROXY, …) podman passes to the build by
 * itself (`--http-proxy`, on by default) without storing them in the image.
 */
async function registrySettings(): Promise<string> {
  const get = async (key: string) => (await log.run('npm', ['config', 'get', key])).stdout.trim();
  const lines = [`registry=${await get('registry')}`];
  for (const key of ['proxy', 'https-proxy', 'noproxy']) {
    const value = await get(key);
    if (value !== '' && value !== 'null' && value !== 'undefined') lines.push(`${key}=${value}`);
  }
  if ((await get('strict-ssl')) === 'false') lines.push('strict-ssl=false');
  let user = '';
  try {
    user = readFileSync(await get('userconfig'), 'utf8');
  } catch {
    // No user .npmrc.
  }
  const credential = /^\s*(\/\/[^=\s]+:)?(_authToken|_auth|_password|username|email|always-auth)\s*=|^\s*@[^:=\s]+:registry\s*=/;
  lines.push(...user.split('\n').filter((line) => credential.test(line)));
  const file = path.join(work, 'npmrc');
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  return file;
}

/** `podman exec` in the running container, as the image's user. */
function exec(args: string[], options: { input?: string; env?: Record<string, string>; allowFailure?: boolean } = {}) {
  const env = Object.entries(options.env ?? {}).flatMap(([name, value]) => ['--env', `${name}=${value}`]);
  return log.podman(['exec', ...(options.input === undefined ? [] : ['--interactive']), ...env, container!, ...args], options);
}

async function waitForReady(deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const status = await fetch(`${base}/readyz`).then((response) => response.status, () => 0);
    if (status === 200) return;
    const state = await log.podman(['inspect', '--format', '{{.State.Status}}', container!], { allowFailure: true });
    if (state.stdout.trim() !== 'running' || Date.now() > deadline) {
      const logs = await log.podman(['logs', container!], { allowFailure: true });
      throw new Error(`the container is ${state.stdout.trim()} and /readyz answers ${status}:\n${tail(`${logs.stdout}\n${logs.stderr}`, 40)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('the container test runs debootstrap and rootful podman: run it as root (.ci/run does)');
  work = suiteTempDir('portico-container-');
  log = new CommandLog(path.join(work, 'commands.log'));
  try {
    await timed('stand-in base image', () => ensureStandInBase(log));

    const secretFile = await registrySettings();
    const build = async (target: string[], tag: string) => {
      const before = await imageId(tag);
      await log.podman(
        ['build', '--format', 'docker', '--build-arg', `BASE=${BASE_IMAGE}`, '--secret', `id=npmrc,src=${secretFile}`, ...ULIMITS, ...target, '--tag', tag, PROJECT_ROOT],
        { timeoutMs: 20 * 60_000 },
      );
      const after = await imageId(tag);
      // The image this build replaced (and its layers no other image uses).
      if (before && before !== after) await log.podman(['rmi', before], { allowFailure: true });
    };
    await timed('podman build (build stage)', () => build(['--target', 'build'], BUILD_STAGE));
    await timed('podman build (image)', () => build([], IMAGE));
    rmSync(secretFile);

    // The PostgreSQL role and database of docs/deployment.md, under a name of this run's own.
    const name = `portico_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${name} LOGIN PASSWORD 'change-me'`);
      await admin.query(`CREATE DATABASE ${name} OWNER ${name} ENCODING 'UTF8' TEMPLATE template0`);
    } finally {
      await admin.end();
    }
    const cluster = new URL(inject('postgresUrl'));

    smtp = await startSmtpCapture();
    port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    const settings: Record<string, string> = {
      PORTICO_DATABASE_URL: `postgres://${name}:change-me@${cluster.host}/${name}`,
      PORTICO_SECRET: SECRET,
      PORTICO_PUBLIC_URL: 'https://portal.example.com',
      PORTICO_TRUSTED_PROXIES: '127.0.0.1',
      // The host's network: listen on its loopback only.
      PORTICO_HOST: '127.0.0.1',
      PORTICO_PORT: String(port),
      PORTICO_MAIL_URL: `smtp://127.0.0.1:${smtp.port}`,
      PORTICO_MAIL_FROM: 'Example Portal <portal@example.com>',
      PORTICO_SMS_URL: 'webhook+https://sms.example.com/send',
    };
    const containerName = `portico-test-${randomBytes(4).toString('hex')}`;
    await timed('podman run until ready', async () => {
      await log.podman(['run', '--detach', '--name', containerName, '--network', 'host', ...ULIMITS, ...Object.entries(settings).flatMap(([key, value]) => ['--env', `${key}=${value}`]), IMAGE]);
      container = containerName;
      await waitForReady(90_000);
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n\n${tail(readFileSync(log.file, 'utf8'), 30)}`);
  }
}, 40 * 60_000);

afterAll(async () => {
  try {
    if (container) await log.podman(['rm', '--force', '--volumes', container], { allowFailure: true });
    await smtp?.close();
  } finally {
    process.stdout.write(`\ncontainer test timings:\n  ${timings.join('\n  ')}\n`);
    if (work) rmSync(work, { recursive: true, force: true });
  }
}, 60_000);

describe('the container image', () => {
  it('is configured as the Dockerfile says: non-root user, data volume, health check, portico serve', async () => {
    const inspected = await log.podman(['image', 'inspect', IMAGE]);
    const [image] = JSON.parse(inspected.stdout) as {
      Config: { User: string; Volumes: Record<string, unknown>; Cmd: string[]; Env: string[] };
      Healthcheck?: { Test: string[] };
    }[];
    const config = image!.Config;
    expect(config.User).toBe('portico');
    expect(Object.keys(config.Volumes)).toEqual(['/app/data']);
    expect(config.Cmd).toEqual(['portico', 'serve']);
    expect(image!.Healthcheck?.Test.join(' '), 'the HEALTHCHECK (kept by --format docker)').toMatch(/PORTICO_PORT.*\/readyz/);
    expect(config.Env.filter((entry) => /^(npm_config_|https?_proxy|no_proxy)/i.test(entry)), 'registry settings in the image').toEqual([]);
  });

  it('is ready on /readyz against PostgreSQL', async () => {
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('renders the sign-in page with its stylesheet', async () => {
    const page = await fetch(`${base}/login`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Employee ID or e-mail');
    const stylesheet = /<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<link[^>]+href="([^"]+\.css[^"]*)"/.exec(html);
    const href = stylesheet?.[1] ?? stylesheet?.[2];
    expect(href, 'a stylesheet link').toBeDefined();
    const css = await fetch(new URL(href!, base));
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('runs as a non-root user, the server process included', async () => {
    expect((await exec(['id', '-u'])).stdout.trim()).toBe('10001');
    const status = (await exec(['cat', '/proc/1/status'])).stdout;
    expect(/^Uid:\s+(\d+)/m.exec(status)?.[1], 'the uid of the container process').toBe('10001');
    expect((await exec(['cat', '/proc/1/cmdline'])).stdout.split('\0').join(' ')).toContain('portico serve');
  });

  it('passes its HEALTHCHECK on the port PORTICO_PORT names', async () => {
    expect(port).not.toBe(3000);
    const check = await log.podman(['healthcheck', 'run', container!], { allowFailure: true });
    expect(check.status, `podman healthcheck run: ${check.stdout}${check.stderr}`).toBe(0);
  });

  it('prints the version of package.json', async () => {
    expect((await exec(['portico', '--version'])).stdout.trim()).toBe(version);
  });

  it('lets an employee seeded with its CLI register with the e-mailed code and sign in', async () => {
    const roster = [
      'employee_id,given_name,family_name,country,status,separation_date,email,mobile,language',
      `${EMPLOYEE.id},Ada,Admin,US,active,,${EMPLOYEE.email},,en`,
    ].join('\n');
    await exec(['sh', '-c', 'cat > data/roster.csv'], { input: `${roster}\n` });
    const imported = await exec(['portico', 'roster', 'import', 'data/roster.csv', '--pins-out', 'data/pins.csv']);
    expect(imported.stdout).toContain('Imported');
    await exec(['rm', 'data/roster.csv', 'data/pins.csv']);
    const issued = await exec(['portico', 'pin', 'issue', EMPLOYEE.id]);
    const pin = new RegExp(`PIN for ${EMPLOYEE.id}: (\\S+)`).exec(issued.stdout)?.[1];
    expect(pin, issued.stdout).toBeDefined();

    const codeFor = (to: string) =>
      waitForCode(async () => smtp!.messages.slice().reverse().find((mail) => mail.envelopeTo.includes(to))?.parsed.text);
    const registered = await registerOverHttp(base, { employeeId: EMPLOYEE.id, pin: pin!, email: EMPLOYEE.email, password: EMPLOYEE.password, codeFor });
    expectStatus(await registered.post('/api/v1/logout'), 204, 'logout');

    const client = new HttpClient(base);
    const signIn = expectStatus(await client.post('/api/v1/login', { identifier: EMPLOYEE.id, password: EMPLOYEE.password }), 200, 'sign-in');
    expect(signIn.json()).toEqual({ next: 'home' });
    expect(expectStatus(await client.get('/api/v1/me'), 200, 'me').json()).toMatchObject({ employeeId: EMPLOYEE.id, givenName: 'Ada' });
    expect(smtp!.messages[0]?.parsed.from?.value[0]).toMatchObject({ address: 'portal@example.com' });
  });

  it('opens SQLite too: better-sqlite3 is compiled for the image', async () => {
    const migrated = await exec(['portico', 'migrate'], { env: { PORTICO_DATABASE_URL: 'sqlite:data/check.db', PORTICO_LOG_LEVEL: 'warn' } });
    expect(migrated.status).toBe(0);
    const modes = await exec(['stat', '-c', '%a %U', 'data', 'data/check.db']);
    expect(modes.stdout.trim().split('\n')).toEqual(['700 portico', '600 portico']);
    await exec(['rm', '-f', 'data/check.db', 'data/check.db-wal', 'data/check.db-shm']);
  });

  it('holds the production dependencies only: no compiler, no dev dependency, no registry settings', async () => {
    const checks = [
      'test -f node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'test -f dist/src/main.js',
      '! command -v g++ && ! command -v make',
      '! test -e node_modules/typescript && ! test -e node_modules/vitest && ! test -e node_modules/playwright-core',
      '! find src -name "*.ts" | grep -q .',
      '! test -e /root/.npmrc && ! test -e /app/.npmrc && ! test -e /usr/local/etc/npmrc',
      '! test -w /app/dist/src/main.js',
    ];
    for (const check of checks) {
      const result = await exec(['sh', '-c', check], { allowFailure: true });
      expect(result.status, check).toBe(0);
    }
  });

  it('stops within 10 s on SIGTERM, with exit code 0', async () => {
    const started = Date.now();
    await log.podman(['stop', '--time', '10', container!]);
    expect(Date.now() - started).toBeLessThan(10_000);
    const state = await log.podman(['inspect', '--format', '{{.State.ExitCode}}', container!]);
    expect(state.stdout.trim()).toBe('0');
  });
});
