// RECOV-12 on SQLite and PostgreSQL: every flow is bound to the client that started it. The
// sign-in code step, a help-desk PIN's set-password step and the registration wizard are each
// tried with the flow id (and the right code or password) from another client, and from a client
// without cookies: the answer is the unknown-flow one, nobody is signed in, and the client that
// started the flow goes on as before. (Recovery flows: recovery.mfa.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { ENGINES } from '../../test/support/databases.js';
import { seedRegistered, seedUnregistered } from '../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../test/support/outbox.js';
import { flowClientCookie } from '../../test/support/flow-client.js';
import { issuePin } from '../identity/issue-pin.js';

const OWNER = flowClientCookie('owner');
const STRANGERS = ['', flowClientCookie('stranger')];

describe.each(ENGINES)('flows bound to their client (%s)', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;
  const post = (url: string, payload: unknown, cookie: string) => t.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers: cookie ? { cookie } : {} });
  const session = (response: LightMyRequestResponse) => response.cookies.find((c) => c.name.endsWith('portico_session'));

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    await seedRegistered(t.deps, { employeeId: '790001', password: 'Harbor2026', email: 'code@example.com' });
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email' }).where('employee_id', '=', '790001').execute();
    await seedRegistered(t.deps, { employeeId: '790002', password: 'Harbor2026', email: 'pin@example.com' });
    await seedUnregistered(t.deps, { employeeId: '790003', pin: 'wxyz2468' });
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('the sign-in code step: the flow id and the right code from another client sign nobody in', async () => {
    const step = (await post('/api/v1/login', { identifier: '790001', password: 'Harbor2026' }, OWNER)).json<{ next: string; flowId: string }>();
    expect(step.next).toBe('code');
    const code = await outbox.latestCode('code@example.com');
    for (const stranger of STRANGERS) {
      const replay = await post('/api/v1/login/code', { flowId: step.flowId, code }, stranger);
      expect(replay.statusCode).toBe(410);
      expect(replay.json<{ error: { code: string } }>().error.code).toBe('FLOW_EXPIRED');
      expect(session(replay)).toBeUndefined();
      expect((await post('/api/v1/login/code/send', { flowId: step.flowId, channel: 'email' }, stranger)).statusCode).toBe(410);
    }
    const mine = await post('/api/v1/login/code', { flowId: step.flowId, code }, OWNER);
    expect(mine.json()).toEqual({ next: 'home' });
    expect(session(mine)).toBeDefined();
  });

  it('a help-desk PIN’s set-password step: the flow id from another client sets nothing', async () => {
    const issued = await issuePin(t.deps, { employeeId: '790002', actorId: null, reason: 'binding test', now: t.clock.now(), via: 'cli' });
    const step = (await post('/api/v1/login', { identifier: '790002', password: issued!.pin }, OWNER)).json<{ next: string; flowId: string }>();
    expect(step.next).toBe('set_password');
    for (const stranger of STRANGERS) {
      const replay = await post('/api/v1/login/password', { flowId: step.flowId, password: 'Stolen2031x', confirm: 'Stolen2031x' }, stranger);
      expect(replay.statusCode).toBe(410);
      expect(session(replay)).toBeUndefined();
    }
    expect((await post('/api/v1/login', { identifier: '790002', password: 'Stolen2031x' }, OWNER)).statusCode).toBe(401);
    expect((await post('/api/v1/login/password', { flowId: step.flowId, password: 'Seawall2031', confirm: 'Seawall2031' }, OWNER)).json()).toEqual({ next: 'home' });
  });

  it('the registration wizard: the flow cookie copied into another client opens nothing', async () => {
    const signIn = await post('/api/v1/login', { identifier: '790003', password: 'wxyz2468' }, OWNER);
    expect(signIn.json()).toMatchObject({ next: 'register' });
    const flow = signIn.cookies.find((c) => c.name === 'portico_flow')!.value;
    for (const stranger of STRANGERS) {
      const cookie = [`portico_flow=${flow}`, stranger].filter(Boolean).join('; ');
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/registration', headers: { cookie } })).statusCode).toBe(410);
      expect((await post('/api/v1/registration/language', { language: 'en' }, cookie)).statusCode).toBe(410);
    }
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/registration', headers: { cookie: `portico_flow=${flow}; ${OWNER}` } });
    expect(mine.statusCode).toBe(200);
  });
});
