// SPEC §14.2 and §15 with the database away: PostgreSQL really stopped (a dedicated cluster, so
// the suite's own keeps serving the other files), and SQLite held by another writer. Every API
// request answers 503 UNAVAILABLE in the SPEC's error shape and every page a friendly, localised
// "try again in a moment" page — never a 500, never a stack trace — and when the database is back
// the same running Portico answers 200 again.
import SQLite from 'better-sqlite3';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/outbox.js';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.js';
import { concreteUrl, listRoutes } from '../support/route-list.js';
import { seedRegistered } from '../support/seed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { Visitor } from '../support/visitor.js';
import { isBrowserPath } from '../../src/idp/unavailable.js';

const PASSWORD = 'Harbor2026';
const TRY_AGAIN_ES = 'Vuelva a intentarlo en un momento';
const BUSY_ES = 'Portico está ocupado o no disponible en este momento. Inténtelo de nuevo en un momento.';
/** Words that only a leaked error would put on a page or in a body. */
const LEAK = /ECONNREFUSED|SQLITE_|Connection terminated|node_modules|\bat .+\.(ts|js):\d+/;

function expectUnavailableJson(response: LightMyRequestResponse, label: string): void {
  expect(response.statusCode, label).toBe(503);
  expect(response.headers['content-type'], label).toContain('application/json');
  expect(response.json(), label).toEqual({ error: { code: 'UNAVAILABLE', message: BUSY_ES, retryAfterSeconds: 5 } });
  expect(response.headers['retry-after'], label).toBe('5');
}

function expectTryAgainPage(response: LightMyRequestResponse, label: string): void {
  expect(response.statusCode, label).toBe(503);
  expect(response.headers['retry-after'], label).toBe('5');
  expect(response.headers['content-type'], label).toContain('text/html');
  expect(response.body, label).toMatch(new RegExp(`<h1[^>]*>${TRY_AGAIN_ES}</h1>`));
  expect(response.body, label).toContain(BUSY_ES);
  expect(response.body, label).not.toMatch(LEAK);
}

/** Issue 16: the identity provider's endpoints that a client's server calls answer OAuth's JSON (src/idp/unavailable.tsx). */
const isProviderJson = (url: string) => url === '/.well-known/openid-configuration' || (url.startsWith('/oidc/') && !isBrowserPath(url));

function expectTemporarilyUnavailable(response: LightMyRequestResponse, label: string): void {
  expect(response.statusCode, label).toBe(503);
  expect(response.headers['retry-after'], label).toMatch(/^\d+$/);
  expect(response.json(), label).toMatchObject({ error: 'temporarily_unavailable' });
}

/** A visitor signed in on the pages, reading Spanish (Puerto Rico). */
async function signedInVisitor(t: TestApp, employeeId: string): Promise<Visitor> {
  const visitor = new Visitor(t);
  await visitor.signIn(employeeId, PASSWORD);
  await visitor.get('/help?lang=es-PR');
  return visitor;
}

describe('PostgreSQL stopped and started again', () => {
  let cluster: PostgresCluster;
  let t: TestApp;
  let visitor: Visitor;

  beforeAll(async () => {
    cluster = await startPostgresCluster({ maxConnections: 20 });
    t = await createTestApp({ databaseUrl: cluster.url, env: { PORTICO_DATA_DIR: tempDataDir() } });
    await seedRegistered(t.deps, { employeeId: '0571001', givenName: 'Noelia', password: PASSWORD, email: 'noelia@example.com' });
    visitor = await signedInVisitor(t, '0571001');
  });
  afterAll(async () => {
    await t?.close();
    cluster?.destroy();
  });

  it('answers 503 UNAVAILABLE on the API and the try-again page on pages while it is down, and 200 when it is back', async () => {
    expect((await visitor.api('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await visitor.get('/home')).statusCode).toBe(200);

    cluster.stop();

    expect((await visitor.get('/readyz')).statusCode).toBe(503);
    expectUnavailableJson(await visitor.api('GET', '/api/v1/me'), 'GET /api/v1/me');
    expectUnavailableJson(await visitor.api('GET', '/api/v1/news'), 'GET /api/v1/news');
    expectUnavailableJson(await visitor.api('POST', '/api/v1/login', { identifier: '0571001', password: PASSWORD }), 'POST /api/v1/login');
    expectUnavailableJson(await visitor.api('POST', '/api/v1/recovery', { identifier: '0571001' }), 'POST /api/v1/recovery');
    expectUnavailableJson(
      await visitor.api('POST', '/api/v1/help-requests', { name: 'Noelia', contact: 'noelia@example.com', category: 'other', description: 'Down?' }),
      'POST /api/v1/help-requests',
    );
    expectTryAgainPage(await visitor.get('/home'), 'GET /home');
    expectTryAgainPage(await visitor.get('/profile'), 'GET /profile');
    // Help stays readable for a signed-in visitor: only the header's signed-in navigation is missing.
    const help = await visitor.get('/help');
    expect(help.statusCode).toBe(200);
    expect(help.body).not.toContain('class="user-menu"');
    const signedOut = new Visitor(t);
    await signedOut.get('/login?lang=es-PR');
    expectTryAgainPage(await signedOut.post('/login', { identifier: '0571001', password: PASSWORD }), 'POST /login');
    expectTryAgainPage(await signedOut.post('/recovery', { identifier: '0571001' }), 'POST /recovery');
    // Not "this step has expired": the flow may be fine, only the database is away.
    expectTryAgainPage(await signedOut.get(`/recovery/${'f'.repeat(43)}/totp`), 'GET /recovery/:flowId/totp');

    cluster.start();

    expect((await visitor.get('/readyz')).statusCode).toBe(200);
    const me = await visitor.api('GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ employeeId: '0571001' });
    expect((await visitor.get('/home')).statusCode).toBe(200);
    const again = await new Visitor(t).api('POST', '/api/v1/login', { identifier: '0571001', password: PASSWORD });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ next: 'home' });
  });

  it('never answers a 500 on any route while it is down: a 5xx is always 503 UNAVAILABLE or the try-again page', async () => {
    const routes = listRoutes(t.app);
    expect(routes.length).toBeGreaterThan(80);
    cluster.stop();
    try {
      const unavailable: string[] = [];
      for (const route of routes) {
        const url = concreteUrl(route.url);
        const label = `${route.method} ${route.url}`;
        const isApi = url.startsWith('/api/');
        const method = route.method as 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
        const response =
          method === 'GET' || !isApi
            ? method === 'GET'
              ? await visitor.get(url)
              : await visitor.post(url, {})
            : await t.app.inject({ method, url, headers: { cookie: visitor.header, 'content-type': 'application/json' }, payload: '{}' });
        expect(response.statusCode, label).not.toBe(500);
        expect(response.body, label).not.toMatch(LEAK);
        if (response.statusCode < 500) continue;
        unavailable.push(label);
        if (isApi) expectUnavailableJson(response, label);
        else if (isProviderJson(url)) expectTemporarilyUnavailable(response, label);
        else if (url !== '/readyz') expectTryAgainPage(response, label);
      }
      // Most routes need the session, so most of them met the stopped database.
      expect(unavailable.length).toBeGreaterThan(routes.length / 2);
    } finally {
      cluster.start();
    }
    expect((await visitor.api('GET', '/api/v1/me')).statusCode).toBe(200);
  });
});

describe('SQLite held by another writer (SQLITE_BUSY)', () => {
  let t: TestApp;
  let visitor: Visitor;

  beforeAll(async () => {
    t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
    await seedRegistered(t.deps, { employeeId: '0571002', givenName: 'Ulises', password: PASSWORD, email: 'ulises@example.com' });
    visitor = await signedInVisitor(t, '0571002');
  });
  afterAll(async () => t?.close());

  it('answers 503 while a write waits past the busy timeout, and signs in once the other writer is done', async () => {
    // Another process (a roster import, `portico unlock`) holding the write lock longer than Portico waits.
    const other = new SQLite(t.databaseUrl.slice('sqlite:'.length));
    try {
      other.exec('BEGIN IMMEDIATE');
      expectUnavailableJson(await visitor.api('POST', '/api/v1/login', { identifier: '0571002', password: PASSWORD }), 'POST /api/v1/login');
      const signedOut = new Visitor(t);
      await signedOut.get('/login?lang=es-PR');
      expectTryAgainPage(await signedOut.post('/login', { identifier: '0571002', password: PASSWORD }), 'POST /login');
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    const signedIn = await new Visitor(t).api('POST', '/api/v1/login', { identifier: '0571002', password: PASSWORD });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ next: 'home' });
  });
});
