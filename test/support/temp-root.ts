// Every temporary folder the suite makes lives under one suite root, deleted when the run ends,
// pass or fail. The global setup points TMPDIR at it, so os.tmpdir() in the test workers, in
// Chromium and in the processes the tests start lands there too; helpers create inside it by name.
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT_VARIABLE = 'PORTICO_TEST_TEMP_ROOT';
export const SUITE_ROOT_PREFIX = 'portico-suite-';

/** A new folder for one test or helper, inside the suite root. */
export function suiteTempDir(prefix: string): string {
  return mkdtempSync(path.join(suiteTempRoot(), prefix));
}

export function suiteTempRoot(): string {
  const root = process.env[ROOT_VARIABLE];
  if (!root) throw new Error(`${ROOT_VARIABLE} is not set: tests run under vitest.config.ts, whose global setup makes the suite's temp root`);
  return root;
}

export interface SuiteTempRoot {
  root: string;
  /** Deletes the root and names whatever appeared beside it in the system temp directory meanwhile. */
  finish(): string[];
}

export function createSuiteTempRoot(base = os.tmpdir()): SuiteTempRoot {
  const before = new Set(readdirSync(base));
  const root = mkdtempSync(path.join(base, SUITE_ROOT_PREFIX));
  // Traversable by others: as root, the suite runs PostgreSQL as the postgres user inside it.
  chmodSync(root, 0o711);
  const previous = { tmp: process.env.TMPDIR, root: process.env[ROOT_VARIABLE] };
  process.env.TMPDIR = root;
  process.env[ROOT_VARIABLE] = root;
  return {
    root,
    finish() {
      rmSync(root, { recursive: true, force: true });
      restore('TMPDIR', previous.tmp);
      restore(ROOT_VARIABLE, previous.root);
      return findLeftovers(base, before);
    },
  };
}

/**
 * What the suite makes: its helpers' folders (every prefix starts `portico-`) and Chromium's and
 * Playwright's profiles and sockets. Other programs on the machine may use the temp directory
 * meanwhile and are not counted, nor is another run's suite root (it cleans up its own).
 */
const SUITE_MADE = /^(portico-|\.org\.chromium\.|\.com\.google\.Chrome|playwright)/;

/** Entries of `base` the suite made that were not there at the start. */
export function findLeftovers(base: string, before: ReadonlySet<string>): string[] {
  return readdirSync(base)
    .filter((name) => !before.has(name) && SUITE_MADE.test(name) && !name.startsWith(SUITE_ROOT_PREFIX))
    .sort();
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
