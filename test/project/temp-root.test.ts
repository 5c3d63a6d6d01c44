// Tests remove every temporary folder they make, even on failure (issue 13): the global setup
// points TMPDIR at one suite root that its teardown deletes, and the teardown fails the run when
// anything else appeared in the system temp directory meanwhile.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createSuiteTempRoot, suiteTempDir, suiteTempRoot } from '../support/temp-root.js';
import { tempDataDir } from '../support/outbox.js';
import { tempWorkDir } from '../support/run-cli.js';
import { createDatabaseUrl } from '../support/databases.js';

describe('the suite temp root', () => {
  it('is where os.tmpdir() and every helper create folders in this run', async () => {
    const root = suiteTempRoot();
    expect(path.basename(root)).toMatch(/^portico-suite-/);
    expect(os.tmpdir()).toBe(root);
    const inside = (dir: string) => expect(path.relative(root, dir).startsWith('..'), dir).toBe(false);
    inside(suiteTempDir('probe-'));
    inside(tempDataDir());
    inside(tempWorkDir());
    inside((await createDatabaseUrl('sqlite')).slice('sqlite:'.length));
    expect(inject('postgresUrl')).toMatch(/^postgres:/);
  });

  describe('finish()', () => {
    let base: string;
    const saved = { tmp: process.env.TMPDIR, root: process.env.PORTICO_TEST_TEMP_ROOT };
    afterEach(() => {
      process.env.TMPDIR = saved.tmp;
      process.env.PORTICO_TEST_TEMP_ROOT = saved.root;
      rmSync(base, { recursive: true, force: true });
    });

    it('deletes the root with whatever is in it, and names what a test made beside it', () => {
      base = suiteTempDir('fake-system-tmp-');
      writeFileSync(path.join(base, 'there-before'), '');
      const temp = createSuiteTempRoot(base);
      mkdirSync(path.join(temp.root, 'deep', 'folder'), { recursive: true });
      writeFileSync(path.join(temp.root, 'deep', 'folder', 'portico.db'), 'x');
      mkdtempSync(path.join(base, 'portico-cli-')); // a helper that bypassed the root
      mkdtempSync(path.join(base, 'portico-suite-')); // another run's own root
      mkdirSync(path.join(base, 'AbCdEfGhIjKlMnOpQrStU')); // Vitest's module cache
      mkdirSync(path.join(base, 'bash_jobs.0')); // another program's
      writeFileSync(path.join(base, '.org.chromium.Chromium.a1B2c3'), ''); // a browser that ignored TMPDIR

      const leftovers = temp.finish();
      expect(existsSync(temp.root)).toBe(false);
      expect(leftovers).toHaveLength(2);
      expect(leftovers[0]).toBe('.org.chromium.Chromium.a1B2c3');
      expect(leftovers[1]).toMatch(/^portico-cli-/);
      expect(process.env.TMPDIR).toBe(saved.tmp);
    });
  });
});
