// RECOV-1/2/5/9 on SQLite and PostgreSQL: the reset link is sent only to the registered e-mail and
// the answer is the same whatever matched; the token is single use, lives 30 minutes, is void once
// a newer link is sent or the password changes; the link is built from PUBLIC_URL whatever the
// Host headers say; the link page does not spend the token; 20 parallel submits → exactly one wins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, listen, type TestApp } from '../../../test/support/test-app.js';
import { login, seedRegistered, seedUnregistered } from '../../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { ENGINES } from '../../../test/support/databases.js';
import { MINUTE } from '../../security/clock.js';
import { flowClientCookie } from '../../../test/support/flow-client.js';

const PUBLIC_URL = 'https://portal.example.com';
const LINK = /https?:\/\/[^\s"<>]+\/recovery\/link\?token=[\w-]+/;

type Json = Record<string, unknown>;

function post(app: FastifyInstance, url: string, payload: Json, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url, payload, headers: { 'x-forwarded-for': '203.0.113.10', cookie: flowClientCookie(), ...headers } });
}

async function startFlow(app: FastifyInstance, identifier: string): Promise<string> {
  const response = await post(app, '/api/v1/recovery', { identifier });
  expect(response.statusCode).toBe(200);
  return response.json<{ flowId: string }>().flowId;
}

describe.each(ENGINES)('reset link on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir(), PORTICO_PUBLIC_URL: PUBLIC_URL, PORTICO_TRUSTED_PROXIES: '127.0.0.1' } });
    outbox = createOutboxReader(t.deps);
    for (const [employeeId, givenName] of [
      ['410001', 'Alma'],
      ['410002', 'Bruno'],
      ['410003', 'Chloe'],
      ['410004', 'Dario'],
      ['410005', 'Elena'],
      ['410006', 'Farid'],
      ['410007', 'Greta'],
      ['410008', 'Hugo'],
    ] as const) {
      await seedRegistered(t.deps, { employeeId, givenName, password: 'Harbor2026', email: `${givenName.toLowerCase()}@example.com` });
    }
    await seedUnregistered(t.deps, { employeeId: '410090', pin: 'abcd2345' });
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  async function linkFor(address: string): Promise<string> {
    const mail = (await outbox.emailsTo(address))[0];
    const link = LINK.exec(mail?.text ?? '')?.[0];
    if (!link) throw new Error(`no reset link in the newest e-mail to ${address}`);
    return link;
  }

  async function requestLink(identifier: string, email: string, headers: Record<string, string> = {}) {
    const flowId = await startFlow(t.app, identifier);
    const response = await post(t.app, `/api/v1/recovery/${flowId}/link`, { email }, headers);
    expect(response.statusCode).toBe(202);
    return response;
  }

  const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';
  const redeem = (token: string) => post(t.app, '/api/v1/recovery/link', { token });

  it('offers the same methods to everyone and answers a link request the same way whatever matched', async () => {
    const starts = await Promise.all(['410001', 'alma@example.com', '999999', '410090', 'not an id'].map((identifier) => post(t.app, '/api/v1/recovery', { identifier })));
    for (const response of starts) {
      expect(response.statusCode).toBe(200);
      expect(Object.keys(response.json())).toEqual(['flowId', 'methods']);
      expect(response.json<Json>().methods).toEqual(['email_link', 'email_code', 'sms_code', 'questions']);
    }
    const before = (await outbox.emailsTo('alma@example.com')).length;
    const match = await requestLink('410001', ' Alma@EXAMPLE.com ');
    const mismatch = await requestLink('410001', 'someone-else@example.com');
    const unknown = await requestLink('999999', 'alma@example.com');
    const unregistered = await requestLink('410090', 'alma@example.com');
    for (const other of [mismatch, unknown, unregistered]) {
      expect(other.payload).toBe(match.payload);
      expect(other.headers['content-type']).toBe(match.headers['content-type']);
      expect(other.headers['set-cookie']).toBeUndefined();
    }
    expect(match.json<Json>().message).toMatch(/^If these details match our records, we have sent/);
    expect(await outbox.emailsTo('alma@example.com')).toHaveLength(before + 1);
    expect(await outbox.emailsTo('someone-else@example.com')).toHaveLength(0);
    const mail = (await outbox.emailsTo('alma@example.com'))[0]!;
    expect(mail.subject).toBe('Reset your Portico password');
    expect(await linkFor('alma@example.com')).toMatch(new RegExp(`^${PUBLIC_URL}/recovery/link\\?token=[\\w-]{43}$`));
  });

  it('leads from the e-mailed link to a new password and a session; the link works once', async () => {
    await requestLink('bruno@example.com', 'bruno@example.com');
    const token = tokenOf(await linkFor('bruno@example.com'));
    const redeemed = await redeem(token);
    expect(redeemed.statusCode).toBe(200);
    const { next, flowId } = redeemed.json<{ next: string; flowId: string }>();
    expect(next).toBe('set_password');
    expect((await redeem(token)).statusCode).toBe(410);

    const done = await post(t.app, `/api/v1/recovery/${flowId}/password`, { password: 'Seaside2027', confirm: 'Seaside2027' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ next: 'home' });
    // https public URL: the session cookie carries the __Host- prefix (SESS-1).
    const session = done.cookies.find((c) => c.name === '__Host-portico_session');
    expect(session?.value).toBeTruthy();
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `__Host-portico_session=${session!.value}` } });
    expect(me.json()).toMatchObject({ employeeId: '410002' });
    expect((await login(t.app, '410002', 'Harbor2026')).statusCode).toBe(401);
    expect((await login(t.app, '410002', 'Seaside2027')).json()).toEqual({ next: 'home' });
    // The flow is spent with the password.
    expect((await post(t.app, `/api/v1/recovery/${flowId}/password`, { password: 'Seaside2028', confirm: 'Seaside2028' })).statusCode).toBe(410);
  });

  it('refuses a link after 30 minutes', async () => {
    await requestLink('410003', 'chloe@example.com');
    const token = tokenOf(await linkFor('chloe@example.com'));
    t.clock.advance(30 * MINUTE);
    expect((await redeem(token)).statusCode).toBe(410);
  });

  it('voids the older link when a newer one is sent', async () => {
    await requestLink('410004', 'dario@example.com');
    const first = tokenOf(await linkFor('dario@example.com'));
    await requestLink('410004', 'dario@example.com');
    const second = tokenOf(await linkFor('dario@example.com'));
    expect(second).not.toBe(first);
    expect((await redeem(first)).statusCode).toBe(410);
    expect((await redeem(second)).statusCode).toBe(200);
  });

  it('voids every link when the password changes in Edit My Profile', async () => {
    await requestLink('410005', 'elena@example.com');
    const token = tokenOf(await linkFor('elena@example.com'));
    const signedIn = await login(t.app, '410005', 'Harbor2026');
    const cookie = signedIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const changed = await post(t.app, '/api/v1/me/password', { current: 'Harbor2026', password: 'Meadow2027', confirm: 'Meadow2027' }, { cookie });
    expect(changed.statusCode).toBe(204);
    expect((await redeem(token)).statusCode).toBe(410);
  });

  it('builds the link from PUBLIC_URL, whatever Host and X-Forwarded-Host say', async () => {
    await requestLink('410006', 'farid@example.com', { host: 'evil.example' });
    expect(await linkFor('farid@example.com')).toMatch(new RegExp(`^${PUBLIC_URL}/recovery/link\\?`));
    await requestLink('410006', 'farid@example.com', { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' });
    const link = await linkFor('farid@example.com');
    expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/recovery/link\\?`));
    expect(link).not.toContain('evil.example');
  });

  it('lets exactly one of 20 parallel submits of one token set the password, and keeps that password', async () => {
    await requestLink('410007', 'greta@example.com');
    const token = tokenOf(await linkFor('greta@example.com'));
    const base = await listen(t.app);
    const attemptWith = async (password: string) => {
      const send = (path: string, body: Json) =>
        fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: flowClientCookie() }, body: JSON.stringify(body) });
      const redeemed = await send('/api/v1/recovery/link', { token });
      if (redeemed.status !== 200) return { password, ok: false, status: redeemed.status };
      const { flowId } = (await redeemed.json()) as { flowId: string };
      const set = await send(`/api/v1/recovery/${flowId}/password`, { password, confirm: password });
      return { password, ok: set.status === 200, status: set.status };
    };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attemptWith(`Parallel${1000 + i}`)));
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => r.status === 410)).toBe(true);
    expect((await login(t.app, '410007', winners[0]!.password)).json()).toEqual({ next: 'home' });
    for (const loser of results.filter((r) => !r.ok).slice(0, 3)) expect((await login(t.app, '410007', loser.password)).statusCode).toBe(401);
  });

  it('never puts the token, or a code, in the audit log', async () => {
    await requestLink('410008', 'hugo@example.com');
    const token = tokenOf(await linkFor('hugo@example.com'));
    const rows = await t.deps.storage.db.selectFrom('audit_events').select(['event', 'detail']).where('subject_id', '=', '410008').execute();
    expect(rows.map((r) => r.event)).toEqual(expect.arrayContaining(['recovery.requested', 'recovery.link_sent']));
    expect(JSON.stringify(rows)).not.toContain(token);
    const stored = await t.deps.storage.db.selectFrom('reset_tokens').selectAll().where('employee_id', '=', '410008').execute();
    expect(JSON.stringify(stored)).not.toContain(token);
  });
});
