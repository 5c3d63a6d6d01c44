// IDP-6 with SESS-4, on SQLite and PostgreSQL over real HTTP: an employee signed in to an
// application (openid-client) in browser A ends A's session from Edit My Profile in browser B
// (the API and the pages): the application's back-channel URI (a real node:http receiver) gets
// exactly one logout token, for A's `sid`, once the delivery worker drains the queue; A's refresh
// token is refused, B's keeps working. The link between a Portico session and its browser's
// provider session never crosses employees: another employee signing in there takes it over; it
// is written once, not at every provider request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { ENGINES } from '../../test/support/databases.js';
import { freePort } from '../../test/support/server-process.js';
import type { HttpClient } from '../../test/support/http-client.js';
import { seedRegistered } from '../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../test/support/outbox.js';
import { FakeClock } from '../../test/support/fake-clock.js';
import { startLogoutReceiver, type LogoutReceiver } from '../../test/support/logout-receiver.js';
import { RP_REDIRECT, authorizationRequest, discoverPortico, exchangeCode, follow, portalBrowser } from '../../test/support/relying-party.js';
import { addClient } from './clients.js';

const PASSWORD = 'Harbor2026';

describe.each(ENGINES)('ending one session from Edit My Profile signs its browser out of its applications on %s', (engine) => {
  let t: TestApp;
  let base: string;
  let outbox: OutboxReader;
  let receiver: LogoutReceiver;
  let clientId: string;
  let rp: oidc.Configuration;
  let jwks: ReturnType<typeof createRemoteJWKSet>;
  const heard: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ engine, clock: new FakeClock(Date.now()), env: { PORTICO_PUBLIC_URL: base, PORTICO_DATA_DIR: tempDataDir() }, storage: { onQuery: (statement) => heard.push(statement.sql) } });
    await t.app.listen({ host: '127.0.0.1', port });
    outbox = createOutboxReader(t.deps);
    receiver = await startLogoutReceiver();
    const added = await addClient(
      { db: t.deps.storage.db, secret: t.deps.config.secret, now: t.clock.now() },
      { name: 'Payroll', redirectUris: [RP_REDIRECT], isPublic: false, firstParty: true, backchannelLogoutUri: receiver.uri, postLogoutRedirectUris: [] },
    );
    clientId = added.clientId;
    rp = await discoverPortico(base, clientId, added.clientSecret!);
    jwks = createRemoteJWKSet(new URL(rp.serverMetadata().jwks_uri!));
  });
  afterAll(async () => {
    await outbox.stop();
    await receiver.close();
    await t.close();
  });

  const signInToPortico = async (employeeId: string, jar = portalBrowser(base)) => {
    const signedIn = await jar.request('POST', '/api/v1/login', { json: { identifier: employeeId, password: PASSWORD } });
    expect(signedIn.json<{ next: string }>().next).toBe('home');
    return jar;
  };

  /** The browser, signed in to Portico, signs in to the application: its tokens and ID token claims. */
  async function signInToApp(jar: HttpClient) {
    const request = await authorizationRequest(rp, { scope: 'openid offline_access' });
    const callback = await follow(jar, request.url);
    expect(callback.at.startsWith(RP_REDIRECT), `stopped at ${callback.at}: ${callback.status}`).toBe(true);
    const tokens = await exchangeCode(rp, callback.at, request);
    const claims = tokens.claims()!;
    expect(claims.sid).toEqual(expect.any(String));
    return { jar, tokens, claims };
  }

  /** The handles of the account's other sessions, as browser `jar`'s Edit My Profile lists them. */
  async function otherSessions(jar: HttpClient): Promise<string[]> {
    const listed = await jar.get('/api/v1/me/sessions');
    expect(listed.status).toBe(200);
    return listed.json<{ items: { id: string; current: boolean }[] }>().items.flatMap((item) => (item.current ? [] : [item.id]));
  }

  /** POST /profile/sessions/end as the page's form does (its CSRF token included). */
  async function endSessionOnPage(jar: HttpClient, handle: string): Promise<{ status: number; location: string | null }> {
    const page = await jar.get('/profile/sessions');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`name="session" value="${handle}"`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const answer = await fetch(`${base}/profile/sessions/end`, {
      method: 'POST',
      headers: { origin: base, cookie: [...jar.cookies].map(([name, value]) => `${name}=${value}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, session: handle }).toString(),
      redirect: 'manual',
    });
    return { status: answer.status, location: answer.headers.get('location') };
  }

  /** The logout tokens the receiver got while `act` ran and the worker drained the queue, verified. */
  async function deliveredDuring(act: () => Promise<void>): Promise<JWTPayload[]> {
    const before = receiver.received.length;
    await act();
    await outbox.worker.drain();
    return Promise.all(
      receiver.received.slice(before).map(async ({ logoutToken }) => (await jwtVerify(logoutToken, jwks, { issuer: base, audience: clientId, typ: 'logout+jwt' })).payload),
    );
  }

  const refreshes = async (refreshToken: string | undefined) => Boolean((await oidc.refreshTokenGrant(rp, refreshToken!)).access_token);

  it("Edit My Profile's API ends browser A's session: one logout token for A's sid, A's refresh token refused, B's grant kept", async () => {
    await seedRegistered(t.deps, { employeeId: '750001', password: PASSWORD, email: 'ines@example.com' });
    const a = await signInToApp(await signInToPortico('750001'));
    const b = await signInToApp(await signInToPortico('750001'));
    expect(b.claims.sid).not.toBe(a.claims.sid);
    const [handleOfA, ...more] = await otherSessions(b.jar);
    expect(more).toEqual([]);

    const delivered = await deliveredDuring(async () => {
      expect((await b.jar.request('DELETE', `/api/v1/me/sessions/${handleOfA}`)).status).toBe(204);
    });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ sub: a.claims.sub, sid: a.claims.sid, aud: clientId });

    await expect(oidc.refreshTokenGrant(rp, a.tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await refreshes(b.tokens.refresh_token)).toBe(true);
    expect((await a.jar.get('/api/v1/me')).status).toBe(401);
    expect((await b.jar.get('/api/v1/me')).status).toBe(200);
  });

  it("Edit My Profile's page does the same, and ending the page's own session there signs its browser out of the application too", async () => {
    await seedRegistered(t.deps, { employeeId: '750002', password: PASSWORD, email: 'jon@example.com' });
    const a = await signInToApp(await signInToPortico('750002'));
    const b = await signInToApp(await signInToPortico('750002'));
    const [handleOfA] = await otherSessions(b.jar);

    const first = await deliveredDuring(async () => {
      expect(await endSessionOnPage(b.jar, handleOfA!)).toEqual({ status: 303, location: '/profile/sessions?done=sessionEnded' });
    });
    expect(first.map((token) => token.sid)).toEqual([a.claims.sid]);
    await expect(oidc.refreshTokenGrant(rp, a.tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await refreshes(b.tokens.refresh_token)).toBe(true);

    const listed = (await b.jar.get('/api/v1/me/sessions')).json<{ items: { id: string }[] }>().items;
    const own = await deliveredDuring(async () => {
      expect(await endSessionOnPage(b.jar, listed[0]!.id)).toEqual({ status: 303, location: '/login?signedOut' });
    });
    expect(own.map((token) => token.sid)).toEqual([b.claims.sid]);
    await expect(oidc.refreshTokenGrant(rp, b.tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('the link never crosses employees: another employee signing in through the same browser tells the first one’s applications, then takes it over', async () => {
    await seedRegistered(t.deps, { employeeId: '750003', password: PASSWORD, email: 'kai@example.com' });
    await seedRegistered(t.deps, { employeeId: '750004', password: PASSWORD, email: 'lou@example.com' });
    // Lou has used the application on her own computer; Kai uses it on the shared one.
    const lousOwn = await signInToApp(await signInToPortico('750004'));
    const shared = portalBrowser(base);
    const kai = await signInToApp(await signInToPortico('750003', shared));

    // Lou signs in to Portico on the shared computer: Kai's session there ends (LOGIN-9), and his
    // application hears of it, as if he had signed out there.
    const toldKai = await deliveredDuring(async () => {
      await signInToPortico('750004', shared);
    });
    expect(toldKai).toHaveLength(1);
    expect(toldKai[0]).toMatchObject({ sub: kai.claims.sub, sid: kai.claims.sid });
    await expect(oidc.refreshTokenGrant(rp, kai.tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    const silent = await authorizationRequest(rp, { scope: 'openid', prompt: 'none' });
    const refused = await follow(shared, silent.url);
    expect(new URL(refused.at).searchParams.get('error')).toBe('login_required');
    // Ending Lou's session there from her own computer tells no application: none was signed in there as her.
    const [sharedHandle] = await otherSessions(lousOwn.jar);
    expect(await deliveredDuring(async () => expect((await lousOwn.jar.request('DELETE', `/api/v1/me/sessions/${sharedHandle}`)).status).toBe(204))).toEqual([]);

    // Lou signs in again there, and to the application: the shared browser's provider session is now hers.
    const lou = await signInToApp(await signInToPortico('750004', shared));
    expect(lou.claims.sub).not.toBe(kai.claims.sub);
    const [again] = await otherSessions(lousOwn.jar);
    const delivered = await deliveredDuring(async () => expect((await lousOwn.jar.request('DELETE', `/api/v1/me/sessions/${again}`)).status).toBe(204));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ sub: lou.claims.sub, sid: lou.claims.sid });
    await expect(oidc.refreshTokenGrant(rp, lou.tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await refreshes(lousOwn.tokens.refresh_token)).toBe(true);
  });

  it('the same employee signing in again in that browser (prompt=login, a new tab) keeps their applications', async () => {
    await seedRegistered(t.deps, { employeeId: '750006', password: PASSWORD, email: 'ana@example.com' });
    const jar = await signInToPortico('750006');
    const app = await signInToApp(jar);
    expect(
      await deliveredDuring(async () => {
        await signInToPortico('750006', jar);
      }),
    ).toEqual([]);
    expect(await refreshes(app.tokens.refresh_token)).toBe(true);
  });

  it('the link is written once: the same browser signing in to the application again writes nothing more', async () => {
    await seedRegistered(t.deps, { employeeId: '750005', password: PASSWORD, email: 'mo@example.com' });
    const jar = await signInToPortico('750005');
    const linkWrites = async (step: () => Promise<unknown>) => {
      heard.length = 0;
      await step();
      return heard.filter((statement) => /^\s*update\b/i.test(statement) && statement.includes('provider_session_uid')).length;
    };
    expect(await linkWrites(() => signInToApp(jar))).toBe(1);
    expect(await linkWrites(() => signInToApp(jar))).toBe(0);
  });
});
