// IDP-6: the delivery worker's `logout` channel against a real receiver on the loopback: a 2xx
// answer is sent (and audited), a connection refused or a 503 is retried with the queue's backoff,
// a 400 (the application rejected the token) or an application removed since is never retried.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { ENGINES } from '../../test/support/databases.js';
import { startLogoutReceiver, type LogoutReceiver } from '../../test/support/logout-receiver.js';
import { addClient } from '../idp/clients.js';
import { ensureSigningKey, loadSigningKeys } from '../idp/keys.js';
import { deleteOidcClient } from '../storage/repositories/oidc-clients.js';
import { startDeliveryWorker, type DeliveryWorker } from './delivery-worker.js';
import { LOGOUT_TOKEN_TEMPLATE, enqueueMessage, InvalidRecipientError } from './enqueue-message.js';

describe.each(ENGINES)('back-channel logout tokens through the delivery queue on %s', (engine) => {
  let t: TestApp;
  let receiver: LogoutReceiver;
  let worker: DeliveryWorker;
  let clientId: string;

  beforeAll(async () => {
    t = await createTestApp({ engine });
    receiver = await startLogoutReceiver();
    worker = startDeliveryWorker(t.deps, { pollMs: 3_600_000 });
    const keyDeps = { db: t.deps.storage.db, secret: t.deps.config.secret, now: t.clock.now() };
    await ensureSigningKey(keyDeps);
    ({ clientId } = await addClient(keyDeps, { name: 'Payroll', redirectUris: ['http://127.0.0.1:9/cb'], isPublic: false, firstParty: true, backchannelLogoutUri: receiver.uri, postLogoutRedirectUris: [] }));
  });
  afterAll(async () => {
    await worker.stop();
    await receiver.close();
    await t.close();
  });
  afterEach(async () => {
    receiver.status = 200;
    receiver.received.length = 0;
    await receiver.up();
    await t.deps.storage.db.deleteFrom('messages').execute();
  });

  const queue = (sid: string, to = receiver.uri, client = clientId) =>
    enqueueMessage(t.deps.storage.db, t.deps.config.secret, { channel: 'logout', to, template: LOGOUT_TOKEN_TEMPLATE, language: 'en', data: { clientId: client, sub: 'opaque-sub-1', sid } }, t.clock.now());
  const row = (id: number) => t.deps.storage.db.selectFrom('messages').select(['status', 'attempts', 'last_error', 'next_attempt_at', 'data']).where('id', '=', id).executeTakeFirstOrThrow();
  const jwks = async (): Promise<JSONWebKeySet> => {
    const { keys } = await loadSigningKeys({ db: t.deps.storage.db, secret: t.deps.config.secret, now: t.clock.now() });
    return { keys: keys.map(({ kid, alg, kty, n, e }) => ({ kid, alg, kty: kty!, n, e })) };
  };

  it('refuses a recipient that is not an http(s) URI, and queues nothing', async () => {
    for (const to of ['javascript:alert(1)', 'ftp://127.0.0.1/x', 'not a uri', `${receiver.uri}\r\nX: y`, 'http://127.0.0.1/a#frag']) {
      await expect(queue('sid-x', to)).rejects.toBeInstanceOf(InvalidRecipientError);
    }
    expect(await t.deps.storage.db.selectFrom('messages').select('id').execute()).toEqual([]);
  });

  it('sends a signed logout token as a form post; a 2xx answer is sent, its data dropped, and audited', async () => {
    const id = await queue('sid-ok');
    expect((await row(id)).data).not.toContain('sid-ok');
    await worker.drain();
    expect(receiver.received).toHaveLength(1);
    const { contentType, logoutToken } = receiver.received[0]!;
    expect(contentType).toBe('application/x-www-form-urlencoded');
    expect(decodeProtectedHeader(logoutToken)).toMatchObject({ typ: 'logout+jwt', alg: 'RS256' });
    const { payload } = await jwtVerify(logoutToken, createLocalJWKSet(await jwks()), { issuer: t.deps.config.publicUrl.origin, audience: clientId, typ: 'logout+jwt', currentDate: new Date(t.clock.now()) });
    expect(payload).toMatchObject({ sub: 'opaque-sub-1', sid: 'sid-ok', events: { 'http://schemas.openid.net/event/backchannel-logout': {} } });
    expect(payload.exp! - payload.iat!).toBe(120);
    expect(payload.iat).toBe(Math.floor(t.clock.now() / 1000));
    expect(payload.jti).toMatch(/^[\w-]{20,}$/);
    expect(payload).not.toHaveProperty('nonce');
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, data: '{}' });
    const audit = await t.deps.storage.db.selectFrom('audit_events').select(['outcome', 'detail']).where('event', '=', 'oidc.logout_propagated').execute();
    expect(audit.map((a) => ({ outcome: a.outcome, detail: JSON.parse(a.detail ?? '{}') as unknown }))).toContainEqual({ outcome: 'success', detail: { client: clientId, attempts: 1 } });
    expect(audit.map((a) => a.detail).join()).not.toContain(logoutToken.slice(0, 20));
  });

  it('leaves `sid` out of a token queued without one (every session of the sub at the application)', async () => {
    await enqueueMessage(t.deps.storage.db, t.deps.config.secret, { channel: 'logout', to: receiver.uri, template: LOGOUT_TOKEN_TEMPLATE, language: 'en', data: { clientId, sub: 'opaque-sub-2' } }, t.clock.now());
    await worker.drain();
    const { payload } = await jwtVerify(receiver.received[0]!.logoutToken, createLocalJWKSet(await jwks()), { audience: clientId, currentDate: new Date(t.clock.now()) });
    expect(payload.sub).toBe('opaque-sub-2');
    expect(payload).not.toHaveProperty('sid');
  });

  it('retries a connection refused, a 503 and a 429 with the backoff, then sends on the next pass once due', async () => {
    await receiver.down();
    const id = await queue('sid-retry');
    await worker.drain();
    const first = await row(id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    // Refused, or the kept-alive connection of the test before closed under it.
    expect(first.last_error).toMatch(/ECONNREFUSED|UND_ERR_SOCKET/);
    expect(first.next_attempt_at).toBeGreaterThan(t.clock.now());

    await receiver.up();
    for (const status of [503, 429]) {
      receiver.status = status;
      t.clock.set(Number((await row(id)).next_attempt_at));
      await worker.drain();
      expect(await row(id)).toMatchObject({ status: 'pending', last_error: `logout receiver answered HTTP ${status}` });
    }
    receiver.status = 204;
    t.clock.set(Number((await row(id)).next_attempt_at));
    await worker.drain();
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 4 });
    expect(receiver.received).toHaveLength(3);
    // Every attempt is a token of its own.
    expect(new Set(receiver.received.map((r) => r.logoutToken)).size).toBe(3);
  });

  it('never retries a token the application rejected (400), or one whose application was removed', async () => {
    receiver.status = 400;
    const rejected = await queue('sid-rejected');
    await worker.drain();
    expect(await row(rejected)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'logout receiver answered HTTP 400' });

    const other = await addClient({ db: t.deps.storage.db, secret: t.deps.config.secret, now: t.clock.now() }, { name: 'Old app', redirectUris: ['http://127.0.0.1:9/cb'], isPublic: false, firstParty: true, backchannelLogoutUri: receiver.uri, postLogoutRedirectUris: [] });
    const gone = await queue('sid-gone', receiver.uri, other.clientId);
    await deleteOidcClient(t.deps.storage.db, other.clientId);
    receiver.status = 200;
    await worker.drain();
    expect(await row(gone)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'the application no longer has this back-channel logout URI' });
    expect(receiver.received).toHaveLength(1);
    t.clock.advance(24 * 3_600_000);
    await worker.drain();
    expect(receiver.received).toHaveLength(1);
    const failures = await t.deps.storage.db.selectFrom('audit_events').select('detail').where('event', '=', 'oidc.logout_propagated').where('outcome', '=', 'failure').execute();
    expect(failures.map((f) => (JSON.parse(f.detail ?? '{}') as { client: string }).client)).toEqual([clientId, other.clientId]);
  });
});
