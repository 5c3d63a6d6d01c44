// SPEC §14.3: `portico --version` prints the version of package.json, nothing else.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCli, tempWorkDir } from '../support/run-cli.js';

const manifest = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string; license: string };

describe('portico --version', () => {
  it.each([['--version'], ['-V']])('%s prints package.json version and exits 0', (flag) => {
    const result = runCli([flag], { cwd: tempWorkDir() });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${manifest.version}\n`);
  });

  it('the package is Apache-2.0, with the licence text beside it', () => {
    expect(manifest.license).toBe('Apache-2.0');
    expect(readFileSync(path.join(PROJECT_ROOT, 'LICENSE'), 'utf8')).toMatch(/Apache License\s+Version 2\.0, January 2004/);
  });
});
