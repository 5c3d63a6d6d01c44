// IDP-2 and IDP-7 from the command line: `portico clients add | list | remove | rotate-secret` and
// `portico keys rotate`, against the built CLI (dist/), each audited with the operator.
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempWorkDir } from '../support/run-cli.js';
import { createTestApp } from '../support/test-app.js';
import { clientSecretMatches } from '../../src/idp/clients.js';
import { findOidcClient } from '../../src/storage/repositories/oidc-clients.js';
import { idpFor } from '../../src/idp/idp.js';

function workDir(): { cwd: string; url: string } {
  const cwd = tempWorkDir();
  mkdirSync(path.join(cwd, 'data'));
  return { cwd, url: `sqlite:${path.join(cwd, 'data', 'portico.db')}` };
}

async function auditDetails(url: string, event: string): Promise<Record<string, unknown>[]> {
  const t = await createTestApp({ databaseUrl: url });
  try {
    const rows = await t.deps.storage.db.selectFrom('audit_events').select('detail').where('event', '=', event).orderBy('id').execute();
    return rows.map((row) => JSON.parse(row.detail ?? '{}') as Record<string, unknown>);
  } finally {
    await t.close();
  }
}

describe('portico clients', () => {
  it('refuses bad usage with exit code 2 and a clear line', () => {
    const { cwd, url } = workDir();
    const env = { PORTICO_DATABASE_URL: url };
    expect(runCli(['clients', '--help'], { cwd, env }).stdout).toMatch(/add.*\n.*list|list/s);
    const noUri = runCli(['clients', 'add', 'Payroll'], { cwd, env });
    expect(noUri.status).toBe(2);
    expect(noUri.stderr).toMatch(/--redirect-uri/);
    for (const bad of ['not a url', 'ftp://example.com/cb', 'https://example.com/cb#frag', 'https://user:pw@example.com/cb']) {
      const answer = runCli(['clients', 'add', 'Payroll', '--redirect-uri', bad], { cwd, env });
      expect(answer.status, bad).toBe(2);
      expect(answer.stderr).toMatch(/--redirect-uri/);
      expect(answer.stderr).not.toMatch(/at .*\.js:\d+/);
    }
    expect(runCli(['clients', 'remove', 'nope'], { cwd, env }).status).toBe(1);
    expect(runCli(['clients', 'rotate-secret', 'nope'], { cwd, env }).status).toBe(1);
  });

  it('adds, lists, rotates the secret of and removes a client; the secret is shown once and stored hashed; all audited', async () => {
    const { cwd, url } = workDir();
    const env = { PORTICO_DATABASE_URL: url };
    const added = runCli(['clients', 'add', 'Payroll', '--redirect-uri', 'https://payroll.example.com/callback', '--first-party', '--post-logout-redirect-uri', 'https://payroll.example.com/'], { cwd, env });
    expect(added.status, added.stderr).toBe(0);
    const [, clientId, clientSecret] = /^client_id: (\S+)\nclient_secret: (\S+)\n/.exec(added.stdout) ?? [];
    expect(clientId).toBeTruthy();
    expect(clientSecret!.length).toBeGreaterThanOrEqual(40);
    const asJson = runCli(['clients', 'add', 'Phone', '--redirect-uri', 'https://app.example.com/cb', '--public', '--json'], { cwd, env });
    const publicClient = JSON.parse(asJson.stdout) as { client_id: string; client_secret?: string };
    expect(publicClient.client_secret).toBeUndefined();

    const listed = runCli(['clients', 'list', '--json'], { cwd, env });
    expect(listed.status).toBe(0);
    const rows = listed.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toEqual([
      expect.objectContaining({ client_id: clientId, name: 'Payroll', type: 'confidential', first_party: true, redirect_uris: ['https://payroll.example.com/callback'], last_used: null }),
      expect.objectContaining({ client_id: publicClient.client_id, type: 'public', first_party: false }),
    ]);
    expect(listed.stdout).not.toContain(clientSecret);
    expect(runCli(['clients', 'list'], { cwd, env }).stdout).toContain(`${clientId}  Payroll  confidential, first-party`);
    // A public client has no secret to rotate.
    expect(runCli(['clients', 'rotate-secret', publicClient.client_id], { cwd, env }).status).toBe(1);

    const rotated = runCli(['clients', 'rotate-secret', clientId!], { cwd, env });
    expect(rotated.status).toBe(0);
    const newSecret = /client_secret: (\S+)/.exec(rotated.stdout)![1]!;
    expect(newSecret).not.toBe(clientSecret);
    const t = await createTestApp({ databaseUrl: url });
    try {
      const stored = await findOidcClient(t.deps.storage.db, clientId!);
      expect(stored!.secretHash).not.toContain(newSecret);
      expect(clientSecretMatches(t.deps.config.secret, clientId!, stored!.secretHash!, newSecret)).toBe(true);
      expect(clientSecretMatches(t.deps.config.secret, clientId!, stored!.secretHash!, clientSecret)).toBe(false);
      const everything = await t.deps.storage.db.selectFrom('audit_events').select('detail').execute();
      expect(JSON.stringify(everything)).not.toContain(newSecret);
      expect(JSON.stringify(everything)).not.toContain(clientSecret);
    } finally {
      await t.close();
    }

    expect(runCli(['clients', 'remove', publicClient.client_id], { cwd, env }).stdout).toBe(`removed ${publicClient.client_id}\n`);
    expect(runCli(['clients', 'list', '--json'], { cwd, env }).stdout).not.toContain(publicClient.client_id);

    const operator = expect.stringMatching(/^.+@.+$/);
    expect(await auditDetails(url, 'oidc.client_added')).toEqual([
      expect.objectContaining({ client: clientId, name: 'Payroll', firstParty: true, via: 'cli', operator }),
      expect.objectContaining({ client: publicClient.client_id, public: true }),
    ]);
    expect(await auditDetails(url, 'oidc.client_secret_rotated')).toEqual([expect.objectContaining({ client: clientId, operator })]);
    expect(await auditDetails(url, 'oidc.client_removed')).toEqual([expect.objectContaining({ client: publicClient.client_id, operator })]);
  });
});

describe('portico keys rotate', () => {
  it('a new key signs; the old one stays in the JWKS; audited', async () => {
    const { cwd, url } = workDir();
    const t = await createTestApp({ databaseUrl: url });
    try {
      const before = (await t.app.inject({ method: 'GET', url: '/oidc/jwks' })).json<{ keys: { kid: string }[] }>();
      expect(before.keys).toHaveLength(1);
      const rotated = runCli(['keys', 'rotate'], { cwd, env: { PORTICO_DATABASE_URL: url } });
      expect(rotated.status, rotated.stderr).toBe(0);
      const kid = /new signing key (\S+);/.exec(rotated.stdout)![1]!;
      expect(rotated.stdout).toContain(`retired ${before.keys[0]!.kid}`);
      idpFor(t.deps, t.app.log).recheckKeys();
      const after = (await t.app.inject({ method: 'GET', url: '/oidc/jwks' })).json<{ keys: { kid: string; d?: string }[] }>();
      expect(after.keys.map((k) => k.kid)).toEqual([kid, before.keys[0]!.kid]);
      expect(after.keys.every((k) => k.d === undefined)).toBe(true);
      // The key is stored sealed, never as a plain JWK.
      const stored = await t.deps.storage.db.selectFrom('oidc_keys').select('sealed_jwk').execute();
      expect(stored.every((row) => row.sealed_jwk.startsWith('v1.') && !row.sealed_jwk.includes('"d"'))).toBe(true);
    } finally {
      await t.close();
    }
    expect(await auditDetails(url, 'oidc.keys_rotated')).toEqual([expect.objectContaining({ via: 'cli', operator: expect.stringMatching(/@/) })]);
  });
});
