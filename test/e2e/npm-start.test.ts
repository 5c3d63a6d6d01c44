// `npm start` is what a visitor types first: it must build, seed the demo, answer on the port it
// was given, print how to sign in, and stop gracefully on SIGTERM (SPEC §14.3, §15).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suiteTempDir } from '../support/temp-root.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

let child: ChildProcess;
let dataDir: string;
let baseUrl: string;
let output = '';
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function waitForOutput(text: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (output.includes(text)) {
        cleanup();
        resolve();
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`npm start exited (code ${code}) before printing "${text}". Output:\n${output}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`npm start did not print "${text}" within ${timeoutMs / 1000} s. Output:\n${output}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

function killGroup(signal: NodeJS.Signals): void {
  if (child?.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** True while any process of the `npm start` group (npm, sh, the server) is alive; zombies do not count. */
function groupAlive(): boolean {
  if (child?.pid === undefined) return false;
  if (existsSync('/proc/self/stat')) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // Exited while we looked.
      }
      // "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === child.pid && state !== 'Z' && state !== 'X') return true;
    }
    return false;
  }
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  const port = await freePort();
  dataDir = suiteTempDir('portico-npm-start-');
  baseUrl = `http://127.0.0.1:${port}`;
  // A clean configuration: none of the runner's or the developer's PORTICO_* settings leak in.
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('PORTICO_') && !name.startsWith('VITEST') && name !== 'NODE_ENV'),
  );
  // No PORTICO_LOG_LEVEL: the demo's own default must keep the banner readable.
  Object.assign(env, { PORTICO_PORT: String(port), PORTICO_DATA_DIR: dataDir });
  child = spawn('npm', ['start'], { cwd: PROJECT_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await waitForOutput('Portico demo is running.', START_TIMEOUT_MS);
}, START_TIMEOUT_MS + 10_000);

afterAll(async () => {
  if (groupAlive()) {
    killGroup('SIGKILL');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('prints the demo banner with the demo accounts', () => {
    expect(output).toContain('Portico demo is running.');
    expect(output).toMatch(/100001\s+password\s+Harbor2026/);
    expect(output).toMatch(/200001\s+PIN\s+abcd2345/);
    expect(output, 'the server must listen on PORTICO_PORT').toContain(`listening on ${baseUrl}`);
  });

  it('keeps its output calm: no JSON log line for starting or for requests', async () => {
    await fetch(`${baseUrl}/login`);
    await fetch(`${baseUrl}/healthz`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(output.split('\n').filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
  });

  it('serves the sign-in page', async () => {
    const response = await fetch(`${baseUrl}/login`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*>\s*Log in\s*<\/button>/);
    expect(html).toContain('Employee ID or e-mail');
  });

  it('signs the demo employee in through the JSON API', async () => {
    const response = await fetch(`${baseUrl}/api/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: '100001', password: 'Harbor2026' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ next: 'home' });
    const cookies = response.headers.getSetCookie();
    const session = cookies.find((cookie) => /^(__Host-)?portico_session=[^;]+/.test(cookie));
    expect(session, `Set-Cookie: ${cookies.join(' | ')}`).toBeDefined();
    expect(session).toMatch(/HttpOnly/i);

    const me = await fetch(`${baseUrl}/api/v1/me`, { headers: { cookie: session!.split(';')[0]! } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ employeeId: '100001', givenName: 'Maria' });
  });

  it('serves Company Benefits, the demo application that signs in with Portico, and says where', async () => {
    const publicOrigin = baseUrl.replace('127.0.0.1', 'localhost');
    expect(output).toContain(`Try Portico as a sign-in provider: ${publicOrigin}/dev/client`);
    const page = await fetch(`${baseUrl}/dev/client`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sign in with Portico');
    // Registered at start: the demo client finds Portico at its public URL and starts the code flow.
    const start = await fetch(`${baseUrl}/dev/client/login`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    const authorize = new URL(start.headers.get('location')!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${publicOrigin}/oidc/auth`);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${publicOrigin}/dev/client/callback`);
  });

  it('is ready', async () => {
    const response = await fetch(`${baseUrl}/readyz`);
    expect(response.status).toBe(200);
  });

  it('stops gracefully on SIGTERM within 10 s', async () => {
    const started = Date.now();
    killGroup('SIGTERM');
    // npm itself dies of the signal at once; what matters is that the server in its group exits too.
    while (groupAlive() && Date.now() - started < STOP_TIMEOUT_MS) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(groupAlive(), `a process of npm start is still running ${STOP_TIMEOUT_MS / 1000} s after SIGTERM. Output:\n${output}`).toBe(false);
    await exited;
    await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow();
  });
});
