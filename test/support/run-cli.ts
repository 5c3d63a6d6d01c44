// Runs the built `portico` command (npm test builds dist/ first) in a temp working directory.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SECRET } from './test-app.js';
import { suiteTempDir } from './temp-root.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAIN = path.join(PROJECT_ROOT, 'dist', 'src', 'main.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function tempWorkDir(): string {
  return suiteTempDir('portico-cli-');
}

function cliEnv(env: Record<string, string> | undefined): Record<string, string> {
  if (!existsSync(MAIN)) throw new Error('dist/src/main.js is missing: run `npm run build` (npm test does it first)');
  return { PATH: process.env.PATH ?? '', TMPDIR: process.env.TMPDIR ?? '', PORTICO_SECRET: TEST_SECRET, PORTICO_LOG_LEVEL: 'silent', ...env };
}

export function runCli(args: string[], options: { cwd: string; env?: Record<string, string> }): CliResult {
  const result = spawnSync(process.execPath, [MAIN, ...args], { cwd: options.cwd, env: cliEnv(options.env), encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** As runCli, without blocking this process: for commands that talk to a server the test runs. */
export function runCliAsync(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd: options.cwd, env: cliEnv(options.env), timeout: 60_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
