// NORM-7 and SPEC §14.2: bad input is refused with the SPEC's codes, never a 5xx, before any hashing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { login, seedRegistered } from '../../../test/support/seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedRegistered(t.deps, { employeeId: '700700', password: 'Input2026' });
});
afterAll(() => t.close());

const json = { 'content-type': 'application/json' };

function errorCode(body: string): string {
  return (JSON.parse(body) as { error: { code: string } }).error.code;
}

describe('bad input on POST /api/v1/login', () => {
  it('a 1 MiB password is refused fast with 413, before any hashing', async () => {
    const start = performance.now();
    const response = await login(t.app, '700700', 'x'.repeat(1024 * 1024));
    expect(performance.now() - start).toBeLessThan(500);
    expect(response.statusCode).toBe(413);
    expect(errorCode(response.body)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a password over 256 bytes (but under the body limit) is a 400 without hashing, and counts no failure', async () => {
    const response = await login(t.app, '700700', 'é'.repeat(200));
    expect(response.statusCode).toBe(400);
    expect(errorCode(response.body)).toBe('VALIDATION');
    const attempts = await t.deps.storage.db.selectFrom('login_attempts').selectAll().execute();
    expect(attempts).toEqual([]);
  });

  it.each([
    ['malformed JSON', '{"identifier": "700700", "password": '],
    ['an array where a string belongs', JSON.stringify({ identifier: ['700700'], password: 'Input2026' })],
    ['a number where a string belongs', JSON.stringify({ identifier: 700700, password: 'Input2026' })],
    ['a __proto__ key', '{"identifier": "700700", "password": "x", "__proto__": {"admin": true}}'],
    ['a constructor.prototype key', '{"identifier": "700700", "password": "x", "constructor": {"prototype": {"admin": true}}}'],
    ['an unknown field', JSON.stringify({ identifier: '700700', password: 'x', admin: true })],
    ['a missing field', JSON.stringify({ identifier: '700700' })],
    ['a JSON array body', JSON.stringify(['700700', 'Input2026'])],
    ['an empty identifier', JSON.stringify({ identifier: '  ', password: 'x' })],
  ])('%s → 400 VALIDATION', async (_name, payload) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/login', headers: json, payload });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response.body)).toBe('VALIDATION');
    expect(response.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it.each([
    ['an empty identifier', { identifier: '  ', password: 'x' }, { field: 'identifier', code: 'identifier_required', message: 'Enter your Employee ID or e-mail.' }],
    ['an empty password', { identifier: '700700', password: '' }, { field: 'password', code: 'password_required', message: 'Enter your password or PIN.' }],
    ['a number where a string belongs', { identifier: 700700, password: 'x' }, { field: 'identifier', code: 'type', message: 'This value is the wrong kind (for example text where a number is expected).' }],
    ['an unknown field', { identifier: '700700', password: 'x', admin: true }, { field: 'admin', code: 'unknown', message: 'This field is not expected here. Leave it out.' }],
  ])('%s names the field in `fields` (SPEC §14.2)', async (_name, payload, problem) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/login', headers: json, payload: JSON.stringify(payload) });
    expect(response.statusCode).toBe(400);
    expect((JSON.parse(response.body) as { error: { fields?: unknown } }).error.fields).toEqual([problem]);
  });

  it('text/plain → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ identifier: '700700', password: 'Input2026' }),
    });
    expect(response.statusCode).toBe(415);
    expect(errorCode(response.body)).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('a form-encoded body on the JSON API → 415', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'identifier=700700&password=Input2026',
    });
    expect(response.statusCode).toBe(415);
  });

  it('a cross-site Origin → 403 FORBIDDEN, and nothing is evaluated', async () => {
    const response = await login(t.app, '700700', 'Input2026', { origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
    expect(errorCode(response.body)).toBe('FORBIDDEN');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('Sec-Fetch-Site: cross-site → 403', async () => {
    const response = await login(t.app, '700700', 'Input2026', { 'sec-fetch-site': 'cross-site' });
    expect(response.statusCode).toBe(403);
  });

  it('the same-origin browser request is accepted', async () => {
    const response = await login(t.app, '700700', 'Input2026', { origin: 'http://localhost:3000' });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ next: 'home' });
  });

  it('errors are in the request language', async () => {
    const response = await login(t.app, '700700', 'wrong', { 'accept-language': 'fr-CA,fr;q=0.9' });
    expect(response.statusCode).toBe(401);
    expect((JSON.parse(response.body) as { error: { message: string } }).error.message).toMatch(/ne correspondent pas/);
  });

  it('unknown API routes answer 404 NOT_FOUND as JSON', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(errorCode(response.body)).toBe('NOT_FOUND');
  });
});
