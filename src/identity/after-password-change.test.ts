// One after-password-change step for every path that sets a password (issue 11): settings,
// recovery, a help-desk PIN and registration, on SQLite and PostgreSQL, each driven through the
// JSON API. Before the last step each account holds another live session, a temporary and a
// second-factor lock count, the questions lock and a live reset link; after it every path has
// ended the other session, cleared the locks, voided the link, told the person (registration's
// first password excepted) and recorded `password.changed` with its path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { ENGINES } from '../../test/support/databases.js';
import { seedRegistered, seedUnregistered } from '../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../test/support/outbox.js';
import { Visitor } from '../../test/support/visitor.js';
import { issuePin } from './issue-pin.js';
import { issueResetToken } from '../methods/email-link/reset-tokens.js';
import { accountLockKey, secondFactorLockKey } from '../security/lockout.js';
import { createSession } from '../session/session-store.js';

const NEW_PASSWORD = 'Seawall2031';

interface Path {
  via: 'settings' | 'recovery' | 'helpdesk_pin' | 'registration';
  employeeId: string;
  email: string;
  notified: boolean;
  /** Everything up to the last step; `dirty` puts the state the step must clean up; then the step. */
  run(t: TestApp, outbox: OutboxReader, dirty: () => Promise<void>): Promise<void>;
}

const ok = (status: number, expected: number, what: string) => expect(status, what).toBe(expected);

const PATHS: Path[] = [
  {
    via: 'settings',
    employeeId: '780001',
    email: 'set@example.com',
    notified: true,
    run: async (t, _outbox, dirty) => {
      const me = new Visitor(t);
      ok((await me.api('POST', '/api/v1/login', { identifier: '780001', password: 'Harbor2026' })).statusCode, 200, 'sign-in');
      await dirty();
      ok((await me.api('POST', '/api/v1/me/password', { current: 'Harbor2026', password: NEW_PASSWORD, confirm: NEW_PASSWORD })).statusCode, 204, 'change');
      // SESS-3: the session that made the change stays.
      ok((await me.api('GET', '/api/v1/me')).statusCode, 200, 'own session');
    },
  },
  {
    via: 'recovery',
    employeeId: '780002',
    email: 'rec@example.com',
    notified: true,
    run: async (t, outbox, dirty) => {
      const me = new Visitor(t);
      const { flowId } = (await me.api('POST', '/api/v1/recovery', { identifier: '780002' })).json<{ flowId: string }>();
      ok((await me.api('POST', `/api/v1/recovery/${flowId}/code/send`, { channel: 'email', to: 'rec@example.com' })).statusCode, 202, 'send');
      ok((await me.api('POST', `/api/v1/recovery/${flowId}/code`, { code: await outbox.latestCode('rec@example.com') })).statusCode, 200, 'code');
      await dirty();
      ok((await me.api('POST', `/api/v1/recovery/${flowId}/password`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).statusCode, 200, 'password');
    },
  },
  {
    via: 'helpdesk_pin',
    employeeId: '780003',
    email: 'pin@example.com',
    notified: true,
    run: async (t, _outbox, dirty) => {
      const issued = await issuePin(t.deps, { employeeId: '780003', actorId: null, reason: 'table test', now: t.clock.now(), via: 'cli' });
      const me = new Visitor(t);
      const step = (await me.api('POST', '/api/v1/login', { identifier: '780003', password: issued!.pin })).json<{ next: string; flowId: string }>();
      expect(step.next).toBe('set_password');
      await dirty();
      ok((await me.api('POST', '/api/v1/login/password', { flowId: step.flowId, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).statusCode, 200, 'password');
    },
  },
  {
    via: 'registration',
    employeeId: '780004',
    email: 'reg@example.com',
    notified: false,
    run: async (t, outbox, dirty) => {
      const me = new Visitor(t);
      await me.api('POST', '/api/v1/login', { identifier: '780004', password: 'wxyz2468' });
      const state = (await me.api('GET', '/api/v1/registration')).json<{ terms: { version: number } }>();
      await me.api('POST', '/api/v1/registration/language', { language: 'en' });
      await me.api('POST', '/api/v1/registration/terms', { accept: true, version: state.terms.version });
      await me.api('POST', '/api/v1/registration/contact', { email: 'reg@example.com' });
      await me.api('POST', '/api/v1/registration/contact/verify', { emailCode: await outbox.latestCode('reg@example.com') });
      const answers = [
        { questionId: 'first-pet', answer: 'Biscuit' },
        { questionId: 'birth-city', answer: 'Mayaguez' },
        { questionId: 'first-school', answer: 'Escuela Rosa' },
      ];
      ok((await me.api('POST', '/api/v1/registration/questions', { answers })).statusCode, 200, 'questions');
      await dirty();
      expect((await me.api('POST', '/api/v1/registration/password', { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).json()).toEqual({ next: 'home' });
    },
  },
];

describe.each(ENGINES)('after a password change (%s)', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    for (const path of PATHS) {
      if (path.via === 'registration') await seedUnregistered(t.deps, { employeeId: path.employeeId, pin: 'wxyz2468' });
      else await seedRegistered(t.deps, { employeeId: path.employeeId, password: 'Harbor2026', email: path.email });
    }
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it.each(PATHS)('$via: other sessions end, every lock clears, links are void, the person is told, it is on the record', async (path) => {
    const { db } = t.deps.storage;
    const { employeeId } = path;
    let otherSession = '';
    let linkHash = '';
    const dirty = async () => {
      const now = t.clock.now();
      const timeouts = { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 };
      otherSession = await createSession(db, t.deps.config.secret, { employeeId, now, ip: '192.0.2.9', userAgent: 'other device', secondFactor: false, via: 'password' }, timeouts);
      await db.insertInto('login_attempts').values({ key: accountLockKey(employeeId), failures: 2, locked_until: null, updated_at: now }).execute();
      await db.insertInto('login_attempts').values({ key: secondFactorLockKey(employeeId), failures: 5, locked_until: now + 900_000, updated_at: now }).execute();
      await db.updateTable('accounts').set({ helpdesk_locked_at: now }).where('employee_id', '=', employeeId).execute();
      await issueResetToken(db, t.deps.config.secret, { employeeId, passwordHash: 'whatever' }, now);
      linkHash = (await db.selectFrom('reset_tokens').select('token_hash').where('employee_id', '=', employeeId).orderBy('created_at', 'desc').executeTakeFirstOrThrow()).token_hash;
    };
    t.clock.advance(60_000);
    await path.run(t, outbox, dirty);

    const other = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `portico_session=${otherSession}` } });
    expect(other.statusCode, 'the other session').toBe(401);
    const locks = await db.selectFrom('login_attempts').select('key').where('key', 'in', [accountLockKey(employeeId), secondFactorLockKey(employeeId)]).execute();
    expect(locks, 'temporary and second-factor locks').toEqual([]);
    const account = await db.selectFrom('accounts').select('helpdesk_locked_at').where('employee_id', '=', employeeId).executeTakeFirstOrThrow();
    expect(account.helpdesk_locked_at, 'questions lock').toBeNull();
    const link = await db.selectFrom('reset_tokens').select('used_at').where('token_hash', '=', linkHash).executeTakeFirstOrThrow();
    expect(link.used_at, 'reset link').not.toBeNull();
    const told = (await outbox.emailsTo(path.email)).filter((mail) => /password was changed/i.test(mail.subject));
    expect(told.length > 0, 'told by e-mail').toBe(path.notified);
    const changed = await db.selectFrom('audit_events').select('detail').where('subject_id', '=', employeeId).where('event', '=', 'password.changed').execute();
    expect(changed.map((row) => (JSON.parse(row.detail ?? '{}') as { via: string }).via)).toEqual([path.via]);
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/login', payload: { identifier: employeeId, password: NEW_PASSWORD } });
    expect(signIn.statusCode, 'the new password signs in').toBe(200);
  });
});
