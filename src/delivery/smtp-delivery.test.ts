// DELIV-1, DELIV-3: e-mail through a real SMTP exchange, and a provider outage that delays a
// message without losing or duplicating it.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { ENGINES } from '../../test/support/databases.js';
import { findFreePort, startSmtpCapture, type SmtpCapture } from '../../test/support/smtp-capture.js';
import { startDeliveryWorker, type DeliveryWorker } from './delivery-worker.js';
import { enqueueMessage } from './enqueue-message.js';

const FROM = 'Portico Test <portal@example.com>';

describe.each(ENGINES)('e-mail over SMTP on %s', (engine) => {
  let t: TestApp | undefined;
  let smtp: SmtpCapture | undefined;
  let worker: DeliveryWorker | undefined;
  afterEach(async () => {
    await worker?.stop();
    await t?.close();
    await smtp?.close();
    worker = t = smtp = undefined;
  });

  async function setUp(port: number) {
    t = await createTestApp({ engine, env: { PORTICO_MAIL_URL: `smtp://127.0.0.1:${port}`, PORTICO_MAIL_FROM: FROM } });
    // A long poll interval: the test decides when the worker runs, through drain().
    worker = startDeliveryWorker(t.deps, { pollMs: 3_600_000 });
    return { t, worker };
  }

  const queueCode = (app: TestApp) =>
    enqueueMessage(
      app.deps.storage.db,
      app.deps.config.secret,
      { channel: 'email', to: 'ana.rivera@example.com', template: 'email-verification-code', language: 'es-PR', data: { givenName: 'Ana', code: '482913' } },
      app.clock.now(),
    );

  it('sends a localised multipart message with text and HTML from PORTICO_MAIL_FROM', async () => {
    smtp = await startSmtpCapture();
    const { t, worker } = await setUp(smtp.port);
    await queueCode(t);
    await worker.drain();

    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail!.envelopeTo).toEqual(['ana.rivera@example.com']);
    expect(mail!.envelopeFrom).toBe('portal@example.com');
    const parsed = mail!.parsed;
    expect(parsed.from?.value[0]).toMatchObject({ name: 'Portico Test', address: 'portal@example.com' });
    expect(parsed.subject).toBe('Su código de verificación de Portico');
    expect(parsed.headers.get('content-language')).toBe('es-PR');
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(parsed.messageId).toMatch(/^<.+@.+>$/);
    expect(parsed.date?.getTime()).toBe(t.clock.now());
    expect(parsed.text).toContain('482913');
    expect(parsed.text).toContain('Hola, Ana:');
    expect(parsed.text).toContain('vence en 10 minutos');
    expect(parsed.html).toContain('482913');
    expect(parsed.html).toContain('lang="es-PR"');

    const row = await t.deps.storage.db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, sent_at: t.clock.now(), last_error: null });
    expect(row.data).not.toContain('482913');
  });

  it('keeps the message through an outage and delivers it exactly once afterwards', async () => {
    const port = await findFreePort();
    const { t, worker } = await setUp(port);
    const id = await queueCode(t);
    const queuedAt = t.clock.now();

    await worker.drain(); // nothing listens on the port
    const afterFailure = await t.deps.storage.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(afterFailure).toMatchObject({ status: 'pending', attempts: 1, sent_at: null });
    expect(afterFailure.next_attempt_at).toBeGreaterThan(queuedAt);
    expect(afterFailure.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(afterFailure.last_error).not.toContain('482913');

    smtp = await startSmtpCapture(port);
    await worker.drain(); // the back-off has not passed yet
    expect(smtp.messages).toHaveLength(0);

    t.clock.advance(afterFailure.next_attempt_at - queuedAt);
    await worker.drain();
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.parsed.text).toContain('482913');
    const sent = await t.deps.storage.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, sent_at: t.clock.now() });

    t.clock.advance(24 * 3_600_000);
    await worker.drain();
    expect(smtp.messages).toHaveLength(1);
  });
});
