// DELIV-2: the outbox transports write real RFC 5322 messages and one JSON line per SMS.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { ENGINES } from '../../test/support/databases.js';
import { startDeliveryWorker, type DeliveryWorker } from './delivery-worker.js';
import { enqueueMessage } from './enqueue-message.js';
import { suiteTempDir } from '../../test/support/temp-root.js';

describe.each(ENGINES)('outbox transports on %s', (engine) => {
  let t: TestApp | undefined;
  let worker: DeliveryWorker | undefined;
  afterEach(async () => {
    await worker?.stop();
    await t?.close();
    worker = t = undefined;
  });

  async function setUp() {
    const dir = suiteTempDir('portico-outbox-');
    t = await createTestApp({
      engine,
      env: { PORTICO_MAIL_URL: `outbox:${dir}`, PORTICO_SMS_URL: `outbox:${dir}`, PORTICO_MAIL_FROM: 'Portico <no-reply@portal.example.com>' },
    });
    worker = startDeliveryWorker(t.deps, { pollMs: 3_600_000 });
    return { t, worker, dir };
  }

  it('writes each e-mail as a parseable .eml with headers and both parts, file names sorted by time', async () => {
    const { t, worker, dir } = await setUp();
    const link = 'http://localhost:3000/recovery/link?token=Zm9vYmFy&x=1';
    await enqueueMessage(t.deps.storage.db, t.deps.config.secret, { channel: 'email', to: 'ana@example.com', template: 'password-reset-link', language: 'en', data: { givenName: 'Ana', link } }, t.clock.now());
    await worker.drain();
    t.clock.advance(1000);
    await enqueueMessage(t.deps.storage.db, t.deps.config.secret, { channel: 'email', to: 'ben@example.com', template: 'login-code', language: 'fr-CA', data: { code: '105836' } }, t.clock.now());
    await worker.drain();

    const files = readdirSync(path.join(dir, 'mail'));
    expect(files).toHaveLength(2);
    expect(files.every((name) => /^\d{8}T\d{9}Z-\d{6}-[0-9a-f]{8}\.eml$/.test(name))).toBe(true);
    const [older, newer] = [...files].sort();
    const mail = await simpleParser(readFileSync(path.join(dir, 'mail', older!)));
    expect(mail.subject).toBe('Reset your Portico password');
    expect(mail.from?.value[0]).toMatchObject({ name: 'Portico', address: 'no-reply@portal.example.com' });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : null).toEqual(['ana@example.com']);
    expect(mail.date?.toISOString()).toBe(new Date(t.clock.now() - 1000).toISOString());
    expect(mail.messageId).toMatch(/^<.+@portal\.example\.com>$/);
    expect(mail.headers.get('content-language')).toBe('en');
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(mail.text).toContain(link);
    expect(mail.text).toContain('Hello Ana,');
    expect(mail.html).toContain('href="http://localhost:3000/recovery/link?token=Zm9vYmFy&amp;x=1"');
    expect(mail.html).toContain('<html lang="en">');

    const french = await simpleParser(readFileSync(path.join(dir, 'mail', newer!)));
    expect(french.subject).toBe('Votre code de sécurité Portico');
    expect(french.text).toContain('105836');
    expect(french.text).toContain('expire dans 10 minutes');
  });

  it('appends one {"to","body","sentAt"} line per text message', async () => {
    const { t, worker, dir } = await setUp();
    const db = t.deps.storage.db;
    await enqueueMessage(db, t.deps.config.secret, { channel: 'sms', to: '+15551234567', template: 'sms-verification-code', language: 'es-PR', data: { code: '660412' } }, t.clock.now());
    await enqueueMessage(db, t.deps.config.secret, { channel: 'sms', to: '+15557654321', template: 'login-code', language: 'en', data: { code: '118200' } }, t.clock.now());
    await worker.drain();

    const lines = readFileSync(path.join(dir, 'sms.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const entry of parsed) expect(Object.keys(entry).sort()).toEqual(['body', 'sentAt', 'to']);
    expect(parsed[0]).toEqual({ to: '+15551234567', body: expect.stringContaining('660412'), sentAt: new Date(t.clock.now()).toISOString() });
    expect(parsed[0]!.body).toContain('Vence en 10 minutos');
    expect(parsed[1]).toMatchObject({ to: '+15557654321', body: expect.stringContaining('118200') });
  });
});
