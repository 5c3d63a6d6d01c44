// Issue 13: on the demo's database the CLI finds the demo's data/secret when PORTICO_SECRET is
// unset (before, `portico roles grant …` on the demo needed PORTICO_SECRET=$(cat data/secret)).
// Elsewhere the secret is still required.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCli, tempWorkDir } from '../support/run-cli.js';
import { freePort } from '../support/server-process.js';

const NO_SECRET = { PORTICO_SECRET: '' };

/** Runs `portico serve --demo` in `cwd` until its banner, then stops it (SIGTERM). */
async function runDemoOnce(cwd: string): Promise<void> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'src', 'main.js'), 'serve', '--demo'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', TMPDIR: process.env.TMPDIR ?? '', PORTICO_PORT: String(port), PORTICO_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('Portico demo is running.')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the demo did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGTERM');
  await exited;
}

describe('the CLI on the demo database', () => {
  let demo: string;
  beforeAll(async () => {
    demo = tempWorkDir();
    await runDemoOnce(demo);
    expect(existsSync(path.join(demo, 'data', 'secret'))).toBe(true);
  });

  it('uses data/secret when PORTICO_SECRET is unset', () => {
    const granted = runCli(['roles', 'grant', '100001', 'helpdesk'], { cwd: demo, env: NO_SECRET });
    expect(granted.stderr).toBe('');
    expect(granted.status).toBe(0);
    const pin = runCli(['pin', 'issue', '200001', '--reason', 'new badge'], { cwd: demo, env: NO_SECRET });
    expect(pin.status, pin.stderr).toBe(0);
  });

  it('still requires PORTICO_SECRET for another database beside the demo secret', () => {
    const other = runCli(['migrate'], { cwd: demo, env: { ...NO_SECRET, PORTICO_DATABASE_URL: 'sqlite:data/other.db' } });
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/PORTICO_SECRET: .*required outside demo mode/);
  });

  it('still requires PORTICO_SECRET where no demo ran', () => {
    const fresh = runCli(['migrate'], { cwd: tempWorkDir(), env: NO_SECRET });
    expect(fresh.status).toBe(1);
    expect(fresh.stderr).toMatch(/PORTICO_SECRET/);
  });
});
