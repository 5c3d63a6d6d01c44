// IDP-6, IDP-8 end to end, on SQLite and PostgreSQL: a real relying party (openid-client) signs an
// employee in through Portico listening on the loopback; ending their sessions (the help desk's
// "end sessions", a Portico sign-out, an RP-initiated logout) queues a back-channel logout token
// that the delivery worker POSTs to the application's registered URI (a real node:http receiver),
// verifiable with the published JWKS and naming the `sid` and `sub` of the ID token it got; with
// the receiver down it arrives after it comes back, exactly once; the refresh tokens end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import type { TestApp } from '../../test/support/test-app.js';
import { ENGINES } from '../../test/support/databases.js';
import { seedRegistered } from '../../test/support/seed.js';
import { createOutboxReader, type OutboxReader } from '../../test/support/outbox.js';
import { signInConsole, type ConsoleClient } from '../../test/support/console-session.js';
import { startLogoutReceiver, type LogoutReceiver } from '../../test/support/logout-receiver.js';
import { auditRows } from '../../test/support/audit-rows.js';
import { authorizeSignedIn, discoverPortico, listeningPortico, portalBrowser, registerClient, signIn } from '../../test/support/relying-party.js';

const PASSWORD = 'Harbor2026';
const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

describe.each(ENGINES)('back-channel logout to a real relying party on %s', (engine) => {
  let t: TestApp;
  let base: string;
  let outbox: OutboxReader;
  let receiver: LogoutReceiver;
  let client: { clientId: string; clientSecret: string };
  let rp: oidc.Configuration;
  let agent: ConsoleClient;
  let jwks: ReturnType<typeof createRemoteJWKSet>;

  beforeAll(async () => {
    ({ t, base } = await listeningPortico({ engine }));
    outbox = createOutboxReader(t.deps);
    receiver = await startLogoutReceiver();
    const added = await registerClient(t.deps, { backchannelLogoutUri: receiver.uri });
    client = { clientId: added.clientId, clientSecret: added.clientSecret! };
    rp = await discoverPortico(base, client.clientId, client.clientSecret);
    jwks = createRemoteJWKSet(new URL(rp.serverMetadata().jwks_uri!));
    agent = await signInConsole(t, outbox, '740900', 'helpdesk');
  });
  afterAll(async () => {
    await outbox.stop();
    await receiver.close();
    await t.close();
  });

  /** A browser signed in to Portico, then to the application: its tokens and ID token claims. */
  async function signInToApp(employeeId: string, jar = portalBrowser(base)) {
    expect((await signIn(jar, employeeId, PASSWORD)).next).toBe('home');
    const { tokens } = await authorizeSignedIn(rp, jar, { scope: 'openid offline_access' });
    const claims = tokens.claims()!;
    expect(claims.sid).toEqual(expect.any(String));
    return { jar, tokens, claims };
  }

  async function verifyLogoutToken(token: string): Promise<JWTPayload> {
    expect(decodeProtectedHeader(token).typ).toBe('logout+jwt');
    const { payload } = await jwtVerify(token, jwks, { issuer: base, audience: client.clientId, typ: 'logout+jwt' });
    return payload;
  }

  const endSessions = (employeeId: string) => agent.request({ method: 'POST', url: `/api/v1/admin/employees/${employeeId}/end-sessions`, payload: { reason: 'Lost laptop' } });
  const logoutRows = () => t.deps.storage.db.selectFrom('messages').select(['id', 'status', 'attempts', 'last_error', 'next_attempt_at']).where('channel', '=', 'logout').orderBy('id').execute();

  it('discovery says back-channel logout, with sessions, is supported', () => {
    expect(rp.serverMetadata()).toMatchObject({ backchannel_logout_supported: true, backchannel_logout_session_supported: true });
  });

  it("the help desk's end sessions delivers a valid logout token for the ID token's sid and sub, audited, and the refresh token is refused", async () => {
    await seedRegistered(t.deps, { employeeId: '740001', password: PASSWORD, email: 'ana@example.com' });
    const { tokens, claims } = await signInToApp('740001');
    const before = receiver.received.length;

    const ended = await endSessions('740001');
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json<{ ended: number }>().ended).toBe(1);
    // Queued in the same change as the session end; nothing is sent inline.
    expect(receiver.received.length).toBe(before);
    expect((await logoutRows()).filter((row) => row.status === 'pending')).toHaveLength(1);

    await outbox.worker.drain();
    const delivered = receiver.received.slice(before);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.contentType).toBe('application/x-www-form-urlencoded');
    const payload = await verifyLogoutToken(delivered[0]!.logoutToken);
    expect(payload).toMatchObject({ iss: base, aud: client.clientId, sub: claims.sub, sid: claims.sid, events: { [LOGOUT_EVENT]: {} } });
    expect(payload.iat).toEqual(expect.any(Number));
    expect(payload.jti).toEqual(expect.any(String));
    expect(payload).not.toHaveProperty('nonce');

    await expect(oidc.refreshTokenGrant(rp, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    const audit = await auditRows(t.deps.storage.db, 'oidc.logout_propagated', '740001');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.outcome).toBe('success');
    expect(JSON.parse(audit[0]!.detail ?? '{}')).toEqual({ client: client.clientId, attempts: 1 });
    // A second end of sessions has nobody left to tell.
    await endSessions('740001');
    await outbox.worker.drain();
    expect(receiver.received.length).toBe(before + 1);
  });

  it('an application whose grant outlived its provider session (refresh tokens) gets a token with the sub and no sid', async () => {
    await seedRegistered(t.deps, { employeeId: '740005', password: PASSWORD, email: 'ed@example.com' });
    const { tokens, claims } = await signInToApp('740005');
    // The provider session expired and was purged; the application goes on with its refresh token.
    await t.deps.storage.db.deleteFrom('oidc_payloads').where('kind', '=', 'Session').where('account_id', '=', claims.sub).execute();
    const before = receiver.received.length;
    expect((await endSessions('740005')).statusCode).toBe(200);
    await outbox.worker.drain();
    const delivered = receiver.received.slice(before);
    expect(delivered).toHaveLength(1);
    const payload = await verifyLogoutToken(delivered[0]!.logoutToken);
    expect(payload).toMatchObject({ sub: claims.sub, aud: client.clientId, events: { [LOGOUT_EVENT]: {} } });
    expect(payload).not.toHaveProperty('sid');
    await expect(oidc.refreshTokenGrant(rp, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('with the receiver down, the token arrives after it comes back, exactly once', async () => {
    await seedRegistered(t.deps, { employeeId: '740002', password: PASSWORD, email: 'bo@example.com' });
    const { claims } = await signInToApp('740002');
    await receiver.down();
    const before = receiver.received.length;
    expect((await endSessions('740002')).statusCode).toBe(200);

    await outbox.worker.drain();
    const [failed] = (await logoutRows()).filter((row) => row.status === 'pending');
    expect(failed).toMatchObject({ attempts: 1 });
    expect(failed!.last_error).toMatch(/ECONNREFUSED|UND_ERR_SOCKET/);
    expect(Number(failed!.next_attempt_at)).toBeGreaterThan(t.clock.now());

    await receiver.up();
    // Not due yet: the worker's pass sends nothing.
    await outbox.worker.drain();
    expect(receiver.received.length).toBe(before);
    t.clock.set(Number(failed!.next_attempt_at));
    await outbox.worker.drain();
    expect(receiver.received.length).toBe(before + 1);
    expect(await verifyLogoutToken(receiver.received[before]!.logoutToken)).toMatchObject({ sub: claims.sub, sid: claims.sid });
    expect((await logoutRows()).find((row) => row.id === failed!.id)).toMatchObject({ status: 'sent', attempts: 2 });

    t.clock.advance(24 * 3_600_000);
    await outbox.worker.drain();
    expect(receiver.received.length).toBe(before + 1);
  });

  it("a Portico sign-out tells the application of that browser's session only; another browser's stays", async () => {
    await seedRegistered(t.deps, { employeeId: '740003', password: PASSWORD, email: 'cy@example.com' });
    const phone = await signInToApp('740003');
    const laptop = await signInToApp('740003');
    expect(laptop.claims.sid).not.toBe(phone.claims.sid);
    const before = receiver.received.length;

    expect((await phone.jar.request('POST', '/api/v1/logout', { json: {} })).status).toBeLessThan(300);
    await outbox.worker.drain();
    const delivered = receiver.received.slice(before);
    expect(delivered).toHaveLength(1);
    expect(await verifyLogoutToken(delivered[0]!.logoutToken)).toMatchObject({ sub: phone.claims.sub, sid: phone.claims.sid });
    await expect(oidc.refreshTokenGrant(rp, phone.tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await oidc.refreshTokenGrant(rp, laptop.tokens.refresh_token!)).access_token).toBeTruthy();
  });

  it('a new PIN from the help desk, a password change and becoming ineligible each tell the application, and its refresh token ends', async () => {
    const told = async (act: () => Promise<void>) => {
      const before = receiver.received.length;
      await act();
      await outbox.worker.drain();
      return Promise.all(receiver.received.slice(before).map(({ logoutToken }) => verifyLogoutToken(logoutToken)));
    };
    // HELP-4: a new PIN ends every session of the account (SESS-5).
    await seedRegistered(t.deps, { employeeId: '740006', password: PASSWORD, email: 'flo@example.com' });
    const pinned = await signInToApp('740006');
    // Its own agent: an earlier test moved the clock a day on, past the shared agent's session.
    const desk = await signInConsole(t, outbox, '740902', 'helpdesk');
    const pin = await told(async () => {
      const answer = await desk.request({ method: 'POST', url: '/api/v1/admin/employees/740006/pin', payload: { reason: 'Forgot everything', identityCheck: 'badge' } });
      expect(answer.statusCode, answer.body).toBe(200);
    });
    expect(pin).toEqual([expect.objectContaining({ sub: pinned.claims.sub, sid: pinned.claims.sid })]);
    await expect(oidc.refreshTokenGrant(rp, pinned.tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });

    // SESS-3: a password change ends the other sessions; the other browser's application is told.
    await seedRegistered(t.deps, { employeeId: '740007', password: PASSWORD, email: 'gus@example.com' });
    const other = await signInToApp('740007');
    const changer = portalBrowser(base);
    expect((await signIn(changer, '740007', PASSWORD)).next).toBe('home');
    const change = await told(async () => {
      const answer = await changer.request('POST', '/api/v1/me/password', { json: { current: PASSWORD, password: 'Tidewater42', confirm: 'Tidewater42' } });
      expect(answer.status, answer.body).toBe(204);
    });
    expect(change).toEqual([expect.objectContaining({ sub: other.claims.sub, sid: other.claims.sid })]);
    await expect(oidc.refreshTokenGrant(rp, other.tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });

    // ELIG-3, SESS-5: separated two years ago by HR's roster upload; the next request of their session ends it.
    await seedRegistered(t.deps, { employeeId: '740008', password: PASSWORD, email: 'hal@example.com' });
    const leaving = await signInToApp('740008');
    const hr = await signInConsole(t, outbox, '740901', 'hr');
    const twoYearsAgo = new Date(t.clock.now() - 2 * 366 * 24 * 3_600_000).toISOString().slice(0, 10);
    const roster = ['employee_id,given_name,family_name,country,status,separation_date,email,mobile,language', `740008,Test,Person,US,separated,${twoYearsAgo},,,en`].join('\n');
    expect((await hr.request({ method: 'POST', url: '/api/v1/admin/roster', payload: roster, headers: { 'content-type': 'text/csv' } })).json()).toMatchObject({ updated: 1 });
    const ineligible = await told(async () => {
      expect((await leaving.jar.get('/api/v1/me')).status).toBeGreaterThanOrEqual(400);
    });
    expect(ineligible).toEqual([expect.objectContaining({ sub: leaving.claims.sub, sid: leaving.claims.sid })]);
  });

  it('an RP-initiated logout, confirmed, tells the applications of that session by back channel', async () => {
    await seedRegistered(t.deps, { employeeId: '740004', password: PASSWORD, email: 'di@example.com' });
    const { jar, tokens, claims } = await signInToApp('740004');
    const cookie = jar.cookieHeader;
    const page = await fetch(oidc.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token! }), { headers: { cookie }, redirect: 'manual' });
    const html = await page.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)![1]!;
    const before = receiver.received.length;
    const confirmed = await fetch(action, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `xsrf=${encodeURIComponent(xsrf)}&logout=yes`, redirect: 'manual' });
    expect(confirmed.status).toBe(303);

    await outbox.worker.drain();
    const delivered = receiver.received.slice(before);
    expect(delivered).toHaveLength(1);
    expect(await verifyLogoutToken(delivered[0]!.logoutToken)).toMatchObject({ sub: claims.sub, sid: claims.sid });
    await expect(oidc.refreshTokenGrant(rp, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
