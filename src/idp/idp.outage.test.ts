// IDP-1 with PostgreSQL really stopped (a dedicated cluster, as test/operation/database-outage.test.ts
// does): the provider's endpoints answer 503 with Retry-After, never the library's server_error —
// OAuth's JSON `temporarily_unavailable` on the token and userinfo endpoints, Portico's localized
// "try again in a moment" page on the authorization endpoint and the interaction pages — and when
// the database is back the same running Portico exchanges codes again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as oidc from 'openid-client';
import { startPostgresCluster, type PostgresCluster } from '../../test/support/postgres-cluster.js';
import type { TestApp } from '../../test/support/test-app.js';
import { seedRegistered } from '../../test/support/seed.js';
import { RP_REDIRECT, authorizationRequest, discoverPortico, exchangeCode, follow, listeningPortico, portalBrowser, registerClient, returnPathOf, signIn } from '../../test/support/relying-party.js';
import { idpFor } from './idp.js';

const PASSWORD = 'Harbor2026';
const TRY_AGAIN_ES = 'Vuelva a intentarlo en un momento';
const LEAK = /ECONNREFUSED|Connection terminated|server_error|node_modules|\bat .+\.(ts|js):\d+/;

describe('the identity provider with PostgreSQL stopped and started again', () => {
  let cluster: PostgresCluster;
  let t: TestApp;
  let base: string;
  let client: { clientId: string; clientSecret: string };
  let rp: oidc.Configuration;

  beforeAll(async () => {
    cluster = await startPostgresCluster({ maxConnections: 20 });
    ({ t, base } = await listeningPortico({ databaseUrl: cluster.url }));
    const added = await registerClient(t.deps);
    client = { clientId: added.clientId, clientSecret: added.clientSecret! };
    rp = await discoverPortico(base, client.clientId, client.clientSecret);
    await seedRegistered(t.deps, { employeeId: '730001', password: PASSWORD, email: 'rita@example.com' });
  });
  afterAll(async () => {
    await t?.close();
    cluster?.destroy();
  });

  const expectTemporarilyUnavailable = async (response: Response, label: string) => {
    expect(response.status, label).toBe(503);
    expect(response.headers.get('retry-after'), label).toMatch(/^\d+$/);
    expect(response.headers.get('content-type'), label).toContain('application/json');
    expect(await response.json(), label).toMatchObject({ error: 'temporarily_unavailable' });
  };
  const expectTryAgainPage = async (response: Response, label: string) => {
    expect(response.status, label).toBe(503);
    expect(response.headers.get('retry-after'), label).toMatch(/^\d+$/);
    expect(response.headers.get('content-type'), label).toContain('text/html');
    const body = await response.text();
    expect(body, label).toMatch(new RegExp(`<h1[^>]*>${TRY_AGAIN_ES}</h1>`));
    expect(body, label).not.toMatch(LEAK);
  };
  const basic = () => `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`;
  const tokenRequest = (body: Record<string, string>) =>
    fetch(`${base}/oidc/token`, { method: 'POST', headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() });

  it('answers 503 with Retry-After on the token, userinfo and authorization endpoints and the interaction pages, and works again when it is back', async () => {
    const jar = portalBrowser(base);
    const first = await authorizationRequest(rp);
    const toLogin = await follow(jar, first.url);
    expect(await signIn(jar, '730001', PASSWORD)).toEqual({ next: 'home' });
    const callback = await follow(jar, returnPathOf(toLogin.at));
    const tokens = await exchangeCode(rp, callback.at, first);
    // A code not yet exchanged, and an interaction not yet finished (another browser, not signed in).
    const pending = await authorizationRequest(rp);
    const pendingCallback = await follow(jar, pending.url);
    expect(pendingCallback.at.startsWith(`${RP_REDIRECT}?`)).toBe(true);
    const stranger = portalBrowser(base);
    const strangerLogin = await follow(stranger, (await authorizationRequest(rp)).url);
    const interaction = returnPathOf(strangerLogin.at);
    expect(interaction).toMatch(/^\/oidc\/interaction\//);

    cluster.stop();
    try {
      const code = new URL(pendingCallback.at).searchParams.get('code')!;
      await expectTemporarilyUnavailable(await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: RP_REDIRECT, code_verifier: pending.verifier }), 'code exchange');
      await expectTemporarilyUnavailable(await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }), 'refresh');
      await expectTemporarilyUnavailable(await fetch(`${base}/oidc/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } }), 'userinfo');
      const spanish = { cookie: 'portico_lang=es-PR', accept: 'text/html' };
      await expectTryAgainPage(await fetch((await authorizationRequest(rp)).url, { headers: spanish, redirect: 'manual' }), 'authorization');
      await expectTryAgainPage(await fetch(`${base}${interaction}`, { headers: { ...spanish, cookie: `${stranger.cookieHeader}; portico_lang=es-PR` }, redirect: 'manual' }), 'interaction page');
      // The key set itself cannot be read when the provider looks at it again.
      idpFor(t.deps, t.app.log).recheckKeys();
      await expectTemporarilyUnavailable(await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }), 'refresh, key set unreadable');
      idpFor(t.deps, t.app.log).recheckKeys();
      await expectTryAgainPage(await fetch((await authorizationRequest(rp)).url, { headers: spanish, redirect: 'manual' }), 'authorization, key set unreadable');
    } finally {
      cluster.start();
    }

    const exchanged = await exchangeCode(rp, pendingCallback.at, pending);
    expect(exchanged.access_token).toBeTruthy();
  });
});
