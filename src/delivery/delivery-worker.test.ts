// DELIV-3: the durable queue and its worker — refusal of unsafe recipients, one send per message
// across workers, crash recovery, giving up after the last attempt, and a clean stop.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { ENGINES } from '../../test/support/databases.js';
import { findFreePort, startSmtpCapture, type SmtpCapture } from '../../test/support/smtp-capture.js';
import { HOUR } from '../security/clock.js';
import { startDeliveryWorker, type DeliveryWorker } from './delivery-worker.js';
import { enqueueMessage, InvalidRecipientError, type MessageRequest } from './enqueue-message.js';
import { CLAIM_LEASE_MS, MAX_ATTEMPTS, claimDueMessages } from './message-queue.js';
import { suiteTempDir } from '../../test/support/temp-root.js';

const codeEmail = (to: string): MessageRequest => ({ channel: 'email', to, template: 'login-code', language: 'en', data: { code: '731904' } });

describe.each(ENGINES)('delivery queue on %s', (engine) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  async function open(env: Record<string, string>, databaseUrl?: string): Promise<TestApp> {
    const t = await createTestApp({ engine, env, ...(databaseUrl ? { databaseUrl } : {}) });
    cleanups.push(() => t.close());
    return t;
  }
  function start(t: TestApp, batchSize?: number): DeliveryWorker {
    const worker = startDeliveryWorker(t.deps, { pollMs: 3_600_000, ...(batchSize ? { batchSize } : {}) });
    cleanups.push(() => worker.stop());
    return worker;
  }
  async function smtpServer(port?: number, delayMs?: number): Promise<SmtpCapture> {
    const server = await startSmtpCapture(port, { delayMs });
    cleanups.push(() => server.close());
    return server;
  }
  const outboxEnv = () => {
    const dir = suiteTempDir('portico-outbox-');
    return { PORTICO_MAIL_URL: `outbox:${dir}`, PORTICO_SMS_URL: `outbox:${dir}` };
  };
  const count = async (t: TestApp) => Number((await t.deps.storage.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses a recipient with CR/LF, control characters or several addresses, and queues nothing', async () => {
    const t = await open(outboxEnv());
    const db = t.deps.storage.db;
    const now = t.clock.now();
    for (const to of ['ana@example.com\r\nBcc: eve@example.net', 'ana@example.com\n', 'ana@exam\u0000ple.com', 'ana@example.com, eve@example.net', 'Eve <eve@example.net>']) {
      await expect(enqueueMessage(db, t.deps.config.secret, codeEmail(to), now)).rejects.toBeInstanceOf(InvalidRecipientError);
    }
    const sms = { channel: 'sms', template: 'login-code', language: 'en', data: { code: '731904' } } as const;
    await expect(enqueueMessage(db, t.deps.config.secret, { ...sms, to: '+15551234567\r\n' }, now)).rejects.toBeInstanceOf(InvalidRecipientError);
    await expect(enqueueMessage(db, t.deps.config.secret, { ...sms, to: '555-123-4567' }, now)).rejects.toBeInstanceOf(InvalidRecipientError);
    expect(await count(t)).toBe(0);

    await enqueueMessage(db, t.deps.config.secret, codeEmail('ana@example.com'), now);
    await enqueueMessage(db, t.deps.config.secret, { ...sms, to: '+15551234567' }, now);
    expect(await count(t)).toBe(2);
  });

  it('two workers on one database draining at once send every message exactly once', async () => {
    const [first, second] = [await smtpServer(0, 15), await smtpServer(0, 15)];
    const a = await open({ PORTICO_MAIL_URL: `smtp://127.0.0.1:${first.port}` });
    const b = await open({ PORTICO_MAIL_URL: `smtp://127.0.0.1:${second.port}` }, a.databaseUrl);
    const recipients = Array.from({ length: 40 }, (_, i) => `person${i}@example.com`);
    for (const to of recipients) await enqueueMessage(a.deps.storage.db, a.deps.config.secret, codeEmail(to), a.clock.now());

    await Promise.all([start(a, 5).drain(), start(b, 5).drain()]);

    const delivered = [...first.messages, ...second.messages].flatMap((mail) => mail.envelopeTo);
    expect(delivered.sort()).toEqual([...recipients].sort());
    expect(first.messages.length).toBeGreaterThan(0);
    expect(second.messages.length).toBeGreaterThan(0);
    const rows = await a.deps.storage.db.selectFrom('messages').select(['status', 'attempts']).execute();
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
  });

  it('keeps codes and links sealed at rest: the row holds no code, and data moved onto another row does not open', async () => {
    const smtp = await smtpServer();
    const t = await open({ PORTICO_MAIL_URL: `smtp://127.0.0.1:${smtp.port}` });
    const db = t.deps.storage.db;
    const ana = await enqueueMessage(db, t.deps.config.secret, codeEmail('ana@example.com'), t.clock.now());
    const eve = await enqueueMessage(db, t.deps.config.secret, { channel: 'email', to: 'eve@example.net', template: 'login-code', language: 'en', data: { code: '000000' } }, t.clock.now());
    const anaRow = await db.selectFrom('messages').select('data').where('id', '=', ana).executeTakeFirstOrThrow();
    expect(anaRow.data).not.toContain('731904');
    expect(anaRow.data.startsWith('{')).toBe(false);
    // Someone with write access to the table copies Ana's sealed code onto a message to Eve.
    await db.updateTable('messages').set({ data: anaRow.data }).where('id', '=', eve).execute();
    // A row queued as plain JSON before sealing existed still goes out.
    const legacy = await db
      .insertInto('messages')
      .values({ channel: 'email', recipient: 'ben@example.com', template: 'login-code', language: 'en', data: JSON.stringify({ code: '246810' }), status: 'pending', attempts: 0, next_attempt_at: t.clock.now(), claimed_until: null, last_error: null, created_at: t.clock.now(), sent_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();

    await start(t).drain();
    const rows = await db.selectFrom('messages').select(['id', 'status', 'attempts', 'last_error', 'data']).orderBy('id').execute();
    expect(rows.find((r) => r.id === ana)).toMatchObject({ status: 'sent', data: '{}' });
    expect(rows.find((r) => r.id === eve)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'unreadable message data' });
    expect(rows.find((r) => r.id === legacy.id)).toMatchObject({ status: 'sent' });
    expect(smtp.messages.flatMap((m) => m.envelopeTo).sort()).toEqual(['ana@example.com', 'ben@example.com']);
    expect(smtp.messages.some((m) => m.parsed.text?.includes('731904'))).toBe(true);
  });

  it('takes over a message left "sending" by a crashed worker once its lease has run out', async () => {
    const smtp = await smtpServer();
    const t = await open({ PORTICO_MAIL_URL: `smtp://127.0.0.1:${smtp.port}` });
    await enqueueMessage(t.deps.storage.db, t.deps.config.secret, codeEmail('ana@example.com'), t.clock.now());
    expect(await claimDueMessages(t.deps.storage, t.clock.now(), 10)).toHaveLength(1); // then the worker "dies"

    const worker = start(t);
    await worker.drain();
    expect(smtp.messages).toHaveLength(0); // the claim is still someone else's

    t.clock.advance(CLAIM_LEASE_MS + 1);
    await worker.drain();
    expect(smtp.messages).toHaveLength(1);
    const row = await t.deps.storage.db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives up after the last attempt with the reason recorded, and sends nothing more', async () => {
    const t = await open({ PORTICO_MAIL_URL: `smtp://127.0.0.1:${await findFreePort()}` });
    await enqueueMessage(t.deps.storage.db, t.deps.config.secret, codeEmail('ana@example.com'), t.clock.now());
    const worker = start(t);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await worker.drain();
      const row = await t.deps.storage.db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
      expect(row.attempts).toBe(attempt);
      expect(row.status).toBe(attempt < MAX_ATTEMPTS ? 'pending' : 'failed');
      if (row.status === 'pending') delays.push(row.next_attempt_at - t.clock.now());
      t.clock.advance(8 * HOUR);
    }
    // Back-off grows from seconds to hours and is capped.
    expect(delays[0]).toBeGreaterThanOrEqual(15_000);
    expect(delays[0]).toBeLessThan(60_000);
    expect(delays.at(-1)).toBeGreaterThanOrEqual(HOUR);
    expect(delays.every((delay, i) => i === 0 || delay >= delays[i - 1]! * 0.8)).toBe(true);

    await worker.drain();
    const final = await t.deps.storage.db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
    expect(final).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(final.last_error).toBeTruthy();
    expect(final.last_error).not.toContain('731904');
  });

  it('polls by itself, and stop() waits for the batch in flight and polls no more', async () => {
    const smtp = await smtpServer(0, 200);
    const t = await open({ PORTICO_MAIL_URL: `smtp://127.0.0.1:${smtp.port}` });
    const status = async (id: number) => (await t.deps.storage.db.selectFrom('messages').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    const first = await enqueueMessage(t.deps.storage.db, t.deps.config.secret, codeEmail('ana@example.com'), t.clock.now());
    const worker = startDeliveryWorker(t.deps, { pollMs: 10 });
    await expect.poll(() => status(first), { timeout: 5_000, interval: 5 }).toBe('sending');

    await worker.stop(); // the SMTP server is still holding its answer back
    expect(smtp.messages).toHaveLength(1);
    expect(await status(first)).toBe('sent');

    const second = await enqueueMessage(t.deps.storage.db, t.deps.config.secret, codeEmail('ben@example.com'), t.clock.now());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await status(second)).toBe('pending');
  });
});
