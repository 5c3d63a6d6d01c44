// DELIV-3 seen from the wizard: with the mail server down the contact step still answers "code
// sent"; the message waits in the queue and is delivered once, when SMTP comes back.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/test-app.js';
import { seedUnregistered } from '../../../test/support/seed.js';
import { findFreePort, startSmtpCapture } from '../../../test/support/smtp-capture.js';
import { startDeliveryWorker } from '../../delivery/delivery-worker.js';
import { MINUTE } from '../../security/clock.js';
import { flowClientCookie } from '../../../test/support/flow-client.js';

describe('provider outage during registration', () => {
  it('reaches "code sent" with SMTP down, then delivers exactly once when it returns', async () => {
    const port = await findFreePort();
    const t = await createTestApp({ env: { PORTICO_MAIL_URL: `smtp://127.0.0.1:${port}` } });
    const worker = startDeliveryWorker(t.deps, { pollMs: 60_000, logger: { warn: () => undefined } });
    try {
      await seedUnregistered(t.deps, { employeeId: '0099001', pin: 'abcd2345', givenName: 'Ines' });
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/login', payload: { identifier: '0099001', password: 'abcd2345' }, headers: { cookie: flowClientCookie() } });
      const cookie = `portico_flow=${login.cookies.find((c) => c.name === 'portico_flow')!.value}; ${flowClientCookie()}`;
      const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
      await post('/api/v1/registration/language', { language: 'es-PR' });
      const state = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/v1/registration', headers: { cookie } })).body) as { terms: { version: number } };
      await post('/api/v1/registration/terms', { accept: true, version: state.terms.version });

      const sent = await post('/api/v1/registration/contact', { email: 'ines@example.com' });
      expect(sent.statusCode).toBe(200);
      expect(JSON.parse(sent.body)).toEqual({ next: 'register', step: 'verify', sent: ['email'] });

      await worker.drain();
      const queued = await t.deps.storage.db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
      expect(queued).toMatchObject({ status: 'pending', attempts: 1 });
      expect(queued.next_attempt_at).toBeGreaterThan(t.clock.now());

      const smtp = await startSmtpCapture(port);
      try {
        t.clock.advance(2 * MINUTE);
        await worker.drain();
        await worker.drain();
        expect(smtp.messages).toHaveLength(1);
        expect(smtp.messages[0]!.envelopeTo).toEqual(['ines@example.com']);
        expect(smtp.messages[0]!.parsed.text).toMatch(/código/i);
        const code = /(?<!\d)(\d{6})(?!\d)/.exec(smtp.messages[0]!.parsed.text ?? '')![1]!;
        const verified = await post('/api/v1/registration/contact/verify', { emailCode: code });
        expect(JSON.parse(verified.body)).toEqual({ next: 'register', step: 'questions' });
      } finally {
        await smtp.close();
      }
    } finally {
      await worker.stop();
      await t.close();
    }
  });
});
