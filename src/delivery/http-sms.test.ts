// DELIV-1: SMS through a Twilio-compatible REST API and a generic webhook, against a local server;
// a provider error leaves the message queued for a retry.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { ENGINES } from '../../test/support/databases.js';
import { startDeliveryWorker, type DeliveryWorker } from './delivery-worker.js';
import { enqueueMessage } from './enqueue-message.js';
import { signWebhook } from './http-sms.js';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function startProvider(status: () => number): Promise<{ port: number; requests: Received[]; close(): Promise<void> }> {
  const requests: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      response.writeHead(status(), { 'content-type': 'application/json' }).end('{"sid":"SM1"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(ENGINES)('SMS over HTTP on %s', (engine) => {
  let t: TestApp | undefined;
  let worker: DeliveryWorker | undefined;
  let provider: Awaited<ReturnType<typeof startProvider>> | undefined;
  afterEach(async () => {
    await worker?.stop();
    await t?.close();
    await provider?.close();
    worker = t = provider = undefined;
  });

  async function setUp(smsUrl: (port: number) => string, status = () => 201, env: Record<string, string> = {}) {
    provider = await startProvider(status);
    t = await createTestApp({ engine, env: { PORTICO_SMS_URL: smsUrl(provider.port), ...env } });
    worker = startDeliveryWorker(t.deps, { pollMs: 3_600_000 });
    await enqueueMessage(t.deps.storage.db, t.deps.config.secret, { channel: 'sms', to: '+15551234567', template: 'login-code', language: 'en', data: { code: '904417' } }, t.clock.now());
    return { t, worker, provider };
  }

  it('posts a form to the Twilio Messages endpoint with basic auth', async () => {
    const { worker, provider } = await setUp((port) => `twilio://AC0123456789:tok%2Fen@127.0.0.1:${port}?from=+15550001111`);
    await worker.drain();
    expect(provider.requests).toHaveLength(1);
    const [request] = provider.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/2010-04-01/Accounts/AC0123456789/Messages.json');
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from('AC0123456789:tok/en').toString('base64')}`);
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(request!.body);
    expect(form.get('To')).toBe('+15551234567');
    expect(form.get('From')).toBe('+15550001111');
    expect(form.get('Body')).toContain('904417');
    const row = await t!.deps.storage.db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
  });

  it('posts {to, body} as JSON to a webhook', async () => {
    const { worker, provider } = await setUp((port) => `webhook+http://127.0.0.1:${port}/hooks/sms?key=abc`);
    await worker.drain();
    expect(provider.requests).toHaveLength(1);
    const [request] = provider.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/hooks/sms?key=abc');
    expect(request!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request!.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['body', 'to']);
    expect(body.to).toBe('+15551234567');
    expect(body.body).toContain('904417');
  });

  it('signs webhook requests (Standard Webhooks) when PORTICO_SMS_WEBHOOK_SECRET is set; unsigned without', async () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef01234567').toString('base64')}`;
    const { t, worker, provider } = await setUp((port) => `webhook+http://127.0.0.1:${port}/sms`, () => 200, { PORTICO_SMS_WEBHOOK_SECRET: secret });
    await worker.drain();
    const [request] = provider.requests;
    const id = request!.headers['webhook-id'] as string;
    const timestamp = Number(request!.headers['webhook-timestamp']);
    expect(id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(timestamp).toBe(Math.floor(t.clock.now() / 1000));
    // What a receiver computes from the raw body, with the key it was given.
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', Buffer.from('0123456789abcdef01234567')).update(`${id}.${timestamp}.${request!.body}`).digest('base64');
    expect(request!.headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(signWebhook('plain-secret-of-24-bytes!', 'msg_1', 1, '{}')).toBe(`v1,${createHmac('sha256', 'plain-secret-of-24-bytes!').update('msg_1.1.{}').digest('base64')}`);
  });

  it('sends no signature headers without a webhook secret', async () => {
    const { worker, provider } = await setUp((port) => `webhook+http://127.0.0.1:${port}/sms`);
    await worker.drain();
    expect(provider.requests[0]!.headers['webhook-signature']).toBeUndefined();
  });

  it('keeps the message pending after a 500 and sends it on the retry', async () => {
    let answer = 500;
    const { t, worker, provider } = await setUp((port) => `webhook+http://127.0.0.1:${port}/sms`, () => answer);
    await worker.drain();
    const failed = await t.deps.storage.db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, last_error: 'SMS provider answered HTTP 500' });
    expect(failed.next_attempt_at).toBeGreaterThan(t.clock.now());

    answer = 200;
    t.clock.advance(failed.next_attempt_at - t.clock.now());
    await worker.drain();
    expect(provider.requests).toHaveLength(2);
    const sent = await t.deps.storage.db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
