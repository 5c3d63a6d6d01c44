import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.js';
import { suiteTempDir } from '../../test/support/temp-root.js';

const SECRET = 'x'.repeat(32);
const load = (env: Record<string, string>, demo = false) => loadConfig({ env: { PORTICO_SECRET: SECRET, ...env }, cwd: suiteTempDir('portico-cfg-'), demo });

describe('configuration (SPEC §14.4)', () => {
  it('has the documented defaults', () => {
    const config = load({});
    expect(config.databaseUrl).toMatch(/^sqlite:.*data[/\\]portico\.db$/);
    expect(config.publicUrl.href).toBe('http://localhost:3000/');
    expect([config.host, config.port]).toEqual(['127.0.0.1', 3000]);
    expect([config.lockoutAttempts, config.lockoutMinutes]).toEqual([3, 15]);
    expect(config.policy).toBe('described');
    expect(config.mailUrl).toMatch(/^outbox:.*data[/\\]outbox$/);
    expect(config.smsUrl).toBe(config.mailUrl);
    expect(config.mailFrom).toBe('Portico <no-reply@portico.local>');
    expect(config.timeZone).toBe('America/New_York');
    expect(config.argon2).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    ['PORTICO_DATABASE_URL', 'mysql://x', /sqlite:PATH or postgres/],
    ['PORTICO_PUBLIC_URL', 'not a url', /absolute http/],
    ['PORTICO_PORT', '70000', /whole number from 0 to 65535/],
    ['PORTICO_POLICY', 'lax', /described, nist/],
    ['PORTICO_LOCKOUT_MINUTES', '-1', /whole number/],
    ['PORTICO_TRUSTED_PROXIES', 'everyone', /CIDR/],
    ['PORTICO_TIME_ZONE', 'Nowhere/Land', /IANA time zone/],
    ['PORTICO_LOG_LEVEL', 'loud', /one of fatal/],
    ['PORTICO_MAIL_URL', 'http://mail', /outbox: or smtp: or smtps:/],
    ['PORTICO_SMS_URL', 'ftp://sms', /twilio:/],
  ])('%s=%j is refused with a message naming it', (name, value, allowed) => {
    expect(() => load({ [name]: value })).toThrow(ConfigError);
    expect(() => load({ [name]: value })).toThrow(new RegExp(`^${name}: .*${allowed.source}`));
  });

  it('logs at info, and at warn in demo mode unless PORTICO_LOG_LEVEL says otherwise', () => {
    expect(load({}).logLevel).toBe('info');
    expect(load({}, true).logLevel).toBe('warn');
    expect(load({ PORTICO_LOG_LEVEL: 'info' }, true).logLevel).toBe('info');
  });

  it('PORTICO_DATABASE_POOL_SIZE sets the PostgreSQL pool (10 by default, 1 to 200)', () => {
    expect(load({}).databasePoolSize).toBe(10);
    expect(load({ PORTICO_DATABASE_POOL_SIZE: '25' }).databasePoolSize).toBe(25);
    expect(() => load({ PORTICO_DATABASE_POOL_SIZE: '0' })).toThrow(/PORTICO_DATABASE_POOL_SIZE: "0" is not allowed; expected a whole number from 1 to 200/);
  });

  it('an override left undefined does not hide the environment', () => {
    const config = loadConfig({ env: { PORTICO_SECRET: SECRET, PORTICO_PORT: '4321' }, overrides: { PORTICO_PORT: undefined } });
    expect(config.port).toBe(4321);
    expect(config.publicUrl.href).toBe('http://localhost:4321/');
  });

  it('the SSO client id is required once an issuer is set', () => {
    expect(() => load({ PORTICO_SSO_ISSUER: 'https://id.example.com' })).toThrow(/PORTICO_SSO_CLIENT_ID/);
    expect(load({ PORTICO_SSO_ISSUER: 'https://id.example.com', PORTICO_SSO_CLIENT_ID: 'portico' }).sso?.claim).toBe('employee_id');
  });

  it('demo mode generates a secret into data/secret (mode 0600) and reuses it', () => {
    const cwd = suiteTempDir('portico-cfg-');
    const first = loadConfig({ env: {}, cwd, demo: true });
    const file = path.join(cwd, 'data', 'secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.secret.toString()).toBe(readFileSync(file, 'utf8'));
    expect(loadConfig({ env: {}, cwd, demo: true }).secret.equals(first.secret)).toBe(true);
  });
});
