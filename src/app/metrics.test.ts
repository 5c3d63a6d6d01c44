// SPEC §14.1: /metrics answers in the Prometheus text format, labelled by route template only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('counts answers by route template and status, never by raw URL, and reports the queue and database', async () => {
    await t.app.inject({ method: 'GET', url: '/healthz' });
    await t.app.inject({ method: 'GET', url: '/healthz' });
    const flowId = 'a'.repeat(43);
    await t.app.inject({ method: 'GET', url: `/recovery/${flowId}` });
    await t.app.inject({ method: 'GET', url: '/no-such-page' });

    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    expect(text).toContain('portico_http_requests_total{method="GET",route="/healthz",status="200"} 2');
    expect(text).toMatch(/portico_http_requests_total\{method="GET",route="\/recovery\/:flowId",status="\d+"\} 1/);
    expect(text).toContain('portico_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).not.toContain(flowId);
    expect(text).toContain('portico_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/healthz"}');
    expect(text).toContain('portico_messages_pending 0');
    expect(text).toContain('portico_database_up 1');
    expect(text).toContain('portico_process_resident_memory_bytes');
  });
});
