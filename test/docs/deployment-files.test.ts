// The deployment files shipped beside the docs, checked in `npm test` without building anything:
// the systemd unit passes `systemd-analyze verify` (where systemd is installed), and compose.yaml
// and the Dockerfile agree with each other and with the documented settings. The image itself is
// built and run by `npm run test:container`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/run-cli.js';

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const SYSTEMD_ANALYZE = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((file) => existsSync(file));

/** The settings docs/configuration.md documents (its tables' first column). */
const documented = new Set([...read('docs/configuration.md').matchAll(/^\| `(PORTICO_[A-Z0-9_]+)`/gm)].map((match) => match[1]!));

describe('docs/portico.service', () => {
  it.skipIf(!SYSTEMD_ANALYZE)('passes systemd-analyze verify', () => {
    const unit = path.join(PROJECT_ROOT, 'docs', 'portico.service');
    const result = spawnSync(SYSTEMD_ANALYZE!, ['verify', '--man=no', unit], { encoding: 'utf8' });
    const own = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line.includes('portico.service'));
    expect(own, 'what systemd-analyze says about the unit').toEqual([]);
    expect(result.status).toBe(0);
  });

  it('stops with SIGTERM and keeps the hardening the deployment guide describes', () => {
    const unit = read('docs/portico.service');
    for (const line of ['KillSignal=SIGTERM', 'NoNewPrivileges=yes', 'ProtectSystem=strict', 'ReadWritePaths=/var/lib/portico', 'PrivateTmp=yes']) {
      expect(unit.split('\n'), line).toContain(line);
    }
  });
});

describe('compose.yaml and the Dockerfile', () => {
  const compose = read('compose.yaml');
  const dockerfile = read('Dockerfile');

  it('sets only documented settings', () => {
    const names = [...new Set([...compose.matchAll(/^\s+(PORTICO_[A-Z0-9_]+):/gm)].map((match) => match[1]!))];
    expect(names.length).toBeGreaterThan(3);
    expect(names.filter((name) => !documented.has(name))).toEqual([]);
    const inImage = [...new Set([...dockerfile.matchAll(/\b(PORTICO_[A-Z0-9_]+)=/g)].map((match) => match[1]!))];
    expect(inImage.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('builds this Dockerfile, publishes Portico on the loopback only and keeps /app/data in a volume', () => {
    expect(compose).toMatch(/^\s+build: \.$/m);
    const ports = [...compose.matchAll(/^\s+- "([^"]+)"$/gm)].map((match) => match[1]!);
    expect(ports).toEqual(['127.0.0.1:3000:3000']);
    expect(compose).toMatch(/^\s+- portico-data:\/app\/data$/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/app\/data"\]$/m);
    expect(compose).toMatch(/PORTICO_DATABASE_URL: postgres:\/\/portico:\$\{POSTGRES_PASSWORD\}@db:5432\/portico/);
  });

  it('builds on Node 22, runs portico serve as a non-root user, with a health check that follows PORTICO_PORT', () => {
    expect(dockerfile).toMatch(/^ARG BASE=node:22-bookworm-slim$/m);
    expect(dockerfile).toMatch(/^USER portico$/m);
    expect(dockerfile).toMatch(/^CMD \["portico", "serve"\]$/m);
    const healthcheck = /^HEALTHCHECK [\s\S]*?[^\\]\n/m.exec(dockerfile)?.[0] ?? '';
    expect(healthcheck).toContain('process.env.PORTICO_PORT');
    expect(healthcheck).toContain('/readyz');
  });
});
