// DELIV-2: /dev/outbox lists what the outbox kept, newest first, in demo mode only.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { startDeliveryWorker } from './delivery-worker.js';
import { enqueueMessage } from './enqueue-message.js';
import { suiteTempDir } from '../../test/support/temp-root.js';

describe('/dev/outbox', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const outboxEnv = () => {
    const dir = suiteTempDir('portico-outbox-');
    return { PORTICO_MAIL_URL: `outbox:${dir}`, PORTICO_SMS_URL: `outbox:${dir}` };
  };

  it('lists queued-and-sent e-mails (newest first, text readable, links followable) and SMS in demo mode', async () => {
    t = await createTestApp({ demo: true, env: outboxEnv() });
    const db = t.deps.storage.db;
    const link = 'http://localhost:3000/recovery/link?token=dG9rZW4tZm9yLWFuYQ';
    await enqueueMessage(db, t.deps.config.secret, { channel: 'email', to: 'ana@example.com', template: 'password-reset-link', language: 'en', data: { givenName: 'Ana', link } }, t.clock.now());
    const worker = startDeliveryWorker(t.deps, { pollMs: 3_600_000 });
    await worker.drain();
    t.clock.advance(60_000);
    await enqueueMessage(db, t.deps.config.secret, { channel: 'email', to: 'luis@example.com', template: 'email-verification-code', language: 'es-PR', data: { givenName: 'Luis', code: '552301' } }, t.clock.now());
    await enqueueMessage(db, t.deps.config.secret, { channel: 'sms', to: '+15551234567', template: 'sms-verification-code', language: 'en', data: { code: '771204' } }, t.clock.now());
    await worker.drain();
    await worker.stop();

    const response = await t.app.inject({ method: 'GET', url: '/dev/outbox' });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toContain('Reset your Portico password');
    expect(html).toContain('ana@example.com');
    expect(html).toContain(`<a href="${link}">${link}</a>`);
    // The subject was an RFC 2047 encoded word in the file.
    expect(html).toContain('Su código de verificación de Portico');
    expect(html).toContain('552301');
    expect(html.indexOf('Su código de verificación')).toBeLessThan(html.indexOf('Reset your Portico password'));
    expect(html).toMatch(/Hello Ana,<\/p>/);
    expect(html).toContain('+15551234567');
    expect(html).toContain('771204');
  });

  it('speaks the visitor’s language', async () => {
    t = await createTestApp({ demo: true, env: outboxEnv() });
    const response = await t.app.inject({ method: 'GET', url: '/dev/outbox?lang=fr-CA' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Boîte d’envoi (démo)');
    expect(response.body).toContain('Aucun courriel pour l’instant.');
  });

  it('does not exist outside demo mode', async () => {
    t = await createTestApp({ env: outboxEnv() });
    const response = await t.app.inject({ method: 'GET', url: '/dev/outbox' });
    expect(response.statusCode).toBe(404);
  });

  it('is 404 in demo mode when neither e-mail nor SMS goes to the outbox', async () => {
    t = await createTestApp({ demo: true, env: { PORTICO_MAIL_URL: 'smtp://127.0.0.1:2525', PORTICO_SMS_URL: 'webhook+https://sms.example.com/hook' } });
    const response = await t.app.inject({ method: 'GET', url: '/dev/outbox' });
    expect(response.statusCode).toBe(404);
  });
});
