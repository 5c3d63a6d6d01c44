// Issue 14: answers over 1 KB are compressed when Accept-Encoding allows it, and not otherwise;
// static assets carry a content hash in their URL and are kept for a year.
import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { chooseEncoding } from './compression.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('chooseEncoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1.0, br;q=0.5', 'gzip'],
    ['*', 'br'],
    ['*;q=0', null],
    ['br;q=0, gzip;q=0', null],
    ['deflate', null],
    ['GZIP', 'gzip'],
  ])('Accept-Encoding %j → %j', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('compressed answers', () => {
  it('sends the sign-in page as brotli or gzip when accepted, the same page uncompressed otherwise', async () => {
    const plain = await get('/login');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.length).toBeGreaterThan(1024);

    const br = await get('/login', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    const brBody = brotliDecompressSync(br.rawPayload).toString('utf8');
    expect(br.rawPayload.length).toBeLessThan(brBody.length / 2);
    expect(Number(br.headers['content-length'])).toBe(br.rawPayload.length);

    const gzip = await get('/login', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const gzipBody = gunzipSync(gzip.rawPayload).toString('utf8');
    // The same page (its form token is the same for the same browser: here, none yet, so each has its own).
    for (const body of [brBody, gzipBody]) expect(body.replace(/value="[\w-]{43}"/g, '')).toBe(plain.body.replace(/value="[\w-]{43}"/g, ''));
  });

  it('compresses JSON over 1 KB and leaves small answers alone', async () => {
    const openapi = await get('/api/v1/openapi.json', { 'accept-encoding': 'gzip' });
    expect(openapi.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(openapi.rawPayload).toString('utf8'))).toHaveProperty('openapi');
    const health = await get('/healthz', { 'accept-encoding': 'gzip, br' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.json()).toEqual({ status: 'ok' });
  });

  it('does not compress for a client that refuses both encodings', async () => {
    const page = await get('/login', { 'accept-encoding': 'br;q=0, gzip;q=0, identity' });
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.body).toContain('<!doctype html>');
  });
});

describe('static assets', () => {
  const linked = async () => {
    const page = await get('/login');
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(page.body)?.[1];
    const icon = /<link rel="icon" href="([^"]+)"/.exec(page.body)?.[1];
    return { stylesheet: stylesheet!, icon: icon! };
  };

  it('are linked by a URL with a hash of their content and kept for a year', async () => {
    const { stylesheet, icon } = await linked();
    expect(stylesheet).toMatch(/^\/assets\/styles\.[0-9a-f]{10}\.css$/);
    expect(icon).toMatch(/^\/assets\/favicon\.[0-9a-f]{10}\.svg$/);
    for (const url of [stylesheet, icon]) {
      const asset = await get(url);
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const hash = createHash('sha256').update(asset.rawPayload).digest('hex').slice(0, 10);
      expect(url).toContain(`.${hash}.`);
    }
  });

  it('come compressed ahead when accepted, and answer 304 to their ETag', async () => {
    const { stylesheet } = await linked();
    const plain = await get(stylesheet);
    const br = await get(stylesheet, { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    const gzip = await get(stylesheet, { 'accept-encoding': 'gzip' });
    expect(gunzipSync(gzip.rawPayload).equals(plain.rawPayload)).toBe(true);
    const again = await get(stylesheet, { 'if-none-match': String(plain.headers.etag) });
    expect(again.statusCode).toBe(304);
  });

  it('still answer under their plain name, without the year-long promise; other names are 404', async () => {
    const plain = await get('/assets/styles.css');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=3600');
    expect((await get('/assets/styles.0000000000.css')).statusCode).toBe(404);
    expect((await get('/assets/..%2Fpackage.json')).statusCode).toBe(404);
  });
});
