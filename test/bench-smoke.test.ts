// CI runs the benchmark script only as a smoke test (DESIGN §4): `--quick` must finish, clean up,
// exit 0 and print every row of the table. The figures themselves are not asserted.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUN = path.join(ROOT, 'dist', 'bench', 'run.js');

/** Every figure of DESIGN §4, as the table names it. */
const FIGURES = [
  'sign-in POST /api/v1/login (SQLite',
  'session check GET /api/v1/me (SQLite',
  'session check GET /api/v1/me (PostgreSQL',
  'homepage GET /home (SQLite',
  'homepage GET /home (PostgreSQL',
  'session check p99 (SQLite',
  'session check p99 (PostgreSQL',
  'roster import 5,000 rows (SQLite)',
  'roster import 5,000 rows (PostgreSQL)',
  'login page, gzip HTML + CSS + JS',
  'login page, requests',
  'login page, JavaScript',
  'memory: server peak RSS under sign-in load',
];

function runQuick(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN, '--quick', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGINT'), 100_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run bench -- --quick', () => {
  it('exits 0 and prints one table with every figure', { timeout: 120_000 }, async () => {
    expect(existsSync(RUN), 'dist/bench/run.js is missing: run npm run build').toBe(true);
    const { code, stdout, stderr } = await runQuick();
    expect(code, `stderr:\n${stderr.slice(-3000)}\nstdout:\n${stdout.slice(-3000)}`).toBe(0);

    const table = stdout.split('\n').filter((line) => line.startsWith('| '));
    expect(table[0]).toMatch(/^\| figure +\| measured +\| baseline +\| ratio +\| target +\| met\? +\|$/);
    const rows = table.slice(1);
    expect(rows).toHaveLength(FIGURES.length);
    FIGURES.forEach((figure, i) => {
      const cells = rows[i]!.split('|').map((cell) => cell.trim());
      expect(cells[1]).toContain(figure);
      // A measured value (or n/a when bench/roster-import is not built), never an error.
      expect(cells[2]).not.toMatch(/^error|not measured/);
      expect(cells[6]).toMatch(/^(yes|no|n\/a)$/);
    });

    const json = JSON.parse(stdout.slice(stdout.indexOf('\n{') + 1)) as { rows: { figure: string }[]; errors: Record<string, string> };
    expect(json.rows).toHaveLength(FIGURES.length);
    expect(json.errors).toEqual({});
  });
});
