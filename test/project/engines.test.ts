// `npm ci` must not warn EBADENGINE on any Node.js that package.json's "engines" promises: every
// installed package's own "engines.node" covers the whole promised range (issue 13: cookie@2
// wanted Node 22 while the README promised 20; package.json "overrides" pins cookie@1).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/run-cli.js';

interface Manifest {
  engines: { node: string };
  packages: Record<string, { engines?: { node?: string } }>;
}

const read = (file: string) => JSON.parse(readFileSync(path.join(PROJECT_ROOT, file), 'utf8')) as Manifest;

describe('engines', () => {
  const promised = read('package.json').engines.node;
  const packages = Object.entries(read('package-lock.json').packages);

  it('promises Node.js 20, 22 and 24', () => {
    for (const version of ['20.19.0', '22.13.0', '24.0.0']) expect(semver.satisfies(version, promised), version).toBe(true);
    expect(semver.satisfies(process.version, promised), `this machine's ${process.version}`).toBe(true);
  });

  it('every locked package accepts every promised Node.js', () => {
    const refusing = packages
      .filter(([name, entry]) => name !== '' && entry.engines?.node !== undefined && !semver.subset(promised, entry.engines.node))
      .map(([name, entry]) => `${name} wants node ${entry.engines!.node}`);
    expect(refusing).toEqual([]);
  });
});
