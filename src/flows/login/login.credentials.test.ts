// LOGIN-1..3, LOGIN-7, LOGIN-8 and NORM-1..5 on the JSON API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hash } from '@node-rs/argon2';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { login, seedRegistered, seedUnregistered } from '../../../test/support/seed.js';
import { DAY } from '../../security/clock.js';
import { ENGINES } from '../../../test/support/databases.js';

describe.each(ENGINES)('credentials on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    await seedRegistered(t.deps, { employeeId: '0012345', password: 'Ocean2026', email: 'Ana.Silva@Example.com' });
    await seedUnregistered(t.deps, { employeeId: '0054321', pin: 'abcd2345' });
  });
  afterAll(() => t.close());

  it('signs in by e-mail with trailing spaces and an upper-case domain', async () => {
    const response = await login(t.app, '  Ana.Silva@EXAMPLE.COM  ', 'Ocean2026');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ next: 'home' });
  });

  it('compares the local part of the e-mail case-insensitively', async () => {
    expect((await login(t.app, 'ana.silva@example.com', 'Ocean2026')).statusCode).toBe(200);
  });

  it('signs in with an Employee ID typed in full-width digits, spaces or dashes', async () => {
    expect((await login(t.app, '００１２３４５', 'Ocean2026')).statusCode).toBe(200);
    expect((await login(t.app, ' 001-2345 ', 'Ocean2026')).statusCode).toBe(200);
  });

  it('keeps leading zeros significant', async () => {
    expect((await login(t.app, '12345', 'Ocean2026')).statusCode).toBe(401);
  });

  it('passwords are case-sensitive and never trimmed', async () => {
    expect((await login(t.app, '0012345', 'ocean2026')).statusCode).toBe(401);
    expect((await login(t.app, '0012345', 'Ocean2026 ')).statusCode).toBe(401);
    expect((await login(t.app, '0012345', 'Ocean2026')).statusCode).toBe(200);
  });

  it('a PIN typed in upper case opens the registration flow (LOGIN-3)', async () => {
    const response = await login(t.app, '0054321', ' ABCD2345 ');
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body) as { next: string; flowId: string };
    expect(body.next).toBe('register');
    expect(body.flowId).toMatch(/^[\w-]{43}$/);
    // A registration flow is not a signed-in session.
    expect(response.cookies.find((c) => c.name === 'portico_session' && c.value !== '')).toBeUndefined();
    const flows = await t.deps.storage.db.selectFrom('flows').selectAll().where('employee_id', '=', '0054321').execute();
    expect(flows).toHaveLength(1);
    expect(flows[0]!.id_hash).not.toBe(body.flowId);
  });

  it('an expired PIN is an ordinary failure', async () => {
    t.clock.advance(31 * DAY);
    try {
      expect((await login(t.app, '0054321', 'abcd2345')).statusCode).toBe(401);
    } finally {
      t.clock.advance(-31 * DAY);
    }
  });

  it('a roster PIN is never accepted once the account is registered', async () => {
    await t.deps.storage.db
      .updateTable('accounts')
      .set({ password_hash: await t.deps.hasher.hash('Fresh2026'), registered_at: t.clock.now() })
      .where('employee_id', '=', '0054321')
      .execute();
    expect((await login(t.app, '0054321', 'abcd2345')).statusCode).toBe(401);
    expect((await login(t.app, '0054321', 'Fresh2026')).statusCode).toBe(200);
  });
});

describe('account state after the right password', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('the questions lock (RECOV-7) refuses no password: the right one signs in and lifts it (LOGIN-7 is for disabled accounts)', async () => {
    await seedRegistered(t.deps, { employeeId: '910001', password: 'Locked2026' });
    await t.deps.storage.db.updateTable('accounts').set({ helpdesk_locked_at: t.clock.now() }).where('employee_id', '=', '910001').execute();
    expect((await login(t.app, '910001', 'nope')).statusCode).toBe(401);
    expect((await login(t.app, '910001', 'Locked2026')).json()).toEqual({ next: 'home' });
    const account = await t.deps.storage.db.selectFrom('accounts').select('helpdesk_locked_at').where('employee_id', '=', '910001').executeTakeFirstOrThrow();
    expect(account.helpdesk_locked_at).toBeNull();
  });

  it('a disabled account is refused with 423 ACCOUNT_LOCKED_HELPDESK pointing to the help form (LOGIN-7)', async () => {
    await seedRegistered(t.deps, { employeeId: '910002', password: 'Disabled2026' });
    await t.deps.storage.db.updateTable('accounts').set({ disabled_at: t.clock.now() }).where('employee_id', '=', '910002').execute();
    const response = await login(t.app, '910002', 'Disabled2026');
    expect(response.statusCode).toBe(423);
    const body = JSON.parse(response.body) as { error: { code: string; helpUrl: string; message: string } };
    expect(body.error.code).toBe('ACCOUNT_LOCKED_HELPDESK');
    expect(body.error.helpUrl).toBe('/help/contact');
    expect(body.error.message).toMatch(/Technical Help Form/);
    // A wrong password reveals nothing about it.
    expect((await login(t.app, '910002', 'nope')).statusCode).toBe(401);
  });

  it('upgrades a hash with outdated parameters at the next successful sign-in (LOGIN-8)', async () => {
    const old = await hash('Upgrade2026', { memoryCost: 4096, timeCost: 3, parallelism: 1, algorithm: 2 });
    await seedRegistered(t.deps, { employeeId: '910003', password: 'placeholder1' });
    await t.deps.storage.db.updateTable('accounts').set({ password_hash: old }).where('employee_id', '=', '910003').execute();
    expect((await login(t.app, '910003', 'Upgrade2026')).statusCode).toBe(200);
    const row = await t.deps.storage.db.selectFrom('accounts').select('password_hash').where('employee_id', '=', '910003').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await login(t.app, '910003', 'Upgrade2026')).statusCode).toBe(200);
  });

  it('stores argon2id hashes, never the password', async () => {
    await seedRegistered(t.deps, { employeeId: '910004', password: 'Stored2026' });
    const row = await t.deps.storage.db.selectFrom('accounts').select('password_hash').where('employee_id', '=', '910004').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('Stored2026');
  });
});

describe('per-client throttle (LOGIN-6)', () => {
  it('more than the limit of failures from one client → 429 with Retry-After; other clients are not affected', async () => {
    const t = await createTestApp({ env: { PORTICO_CLIENT_FAILURE_LIMIT: '5', PORTICO_TRUSTED_PROXIES: '127.0.0.1' } });
    try {
      await seedRegistered(t.deps, { employeeId: '920001', password: 'Spray2026' });
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      for (let i = 0; i < 5; i++) expect((await login(t.app, `93000${i}`, 'Password1', from('203.0.113.9'))).statusCode).toBe(401);
      const refused = await login(t.app, '920001', 'Spray2026', from('203.0.113.9'));
      expect(refused.statusCode).toBe(429);
      expect(JSON.parse(refused.body).error.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await login(t.app, '920001', 'Spray2026', from('198.51.100.7'))).statusCode).toBe(200);
      t.clock.advance(15 * 60_000 + 1000);
      expect((await login(t.app, '920001', 'Spray2026', from('203.0.113.9'))).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('X-Forwarded-For from an untrusted peer is ignored', async () => {
    const t = await createTestApp({ env: { PORTICO_CLIENT_FAILURE_LIMIT: '2' } });
    try {
      for (let i = 0; i < 2; i++) await login(t.app, `94000${i}`, 'Password1', { 'x-forwarded-for': `198.51.100.${i}` });
      expect((await login(t.app, '940009', 'Password1', { 'x-forwarded-for': '198.51.100.99' })).statusCode).toBe(429);
    } finally {
      await t.close();
    }
  });
});
