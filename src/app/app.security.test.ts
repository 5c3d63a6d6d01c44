// Headers on every answer, health endpoints, and error pages that never leak internals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('security headers', () => {
  it.each(['/login', '/api/v1/me', '/healthz', '/nowhere'])('%s carries CSP without inline script, frame-ancestors none, nosniff, no X-Powered-By', async (url) => {
    const response = await t.app.inject({ method: 'GET', url });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.statusCode).toBeLessThan(500);
  });

  it('an unknown page is a friendly 404 page with one h1', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/no/such/page' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Page not found');
    expect(response.body.match(/<h1/g)).toHaveLength(1);
  });
});

describe('health', () => {
  it('/healthz and /readyz answer while the database is reachable', async () => {
    expect(JSON.parse((await t.app.inject({ method: 'GET', url: '/healthz' })).body)).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('/readyz answers 503 when the database is gone', async () => {
    const broken = await createTestApp();
    await broken.deps.storage.close();
    const response = await broken.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    await broken.app.close();
  });
});
