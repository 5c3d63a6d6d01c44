// IDP-7: two Portico instances on one PostgreSQL database (the same PORTICO_SECRET and public URL,
// each on its own loopback port, as behind a load balancer) serve the same discovery document and
// keys, sessions and grants: a browser signs in on A and is known on B, a code from A is exchanged
// on B, B's access token works on B's userinfo, a refresh on A rotates the token B then refuses,
// and a key rotation is published by B at once, not after B's next periodic look at the key set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { freePort } from '../../test/support/server-process.js';
import { seedRegistered } from '../../test/support/seed.js';
import { tempDataDir } from '../../test/support/outbox.js';
import { FakeClock } from '../../test/support/fake-clock.js';
import { RP_REDIRECT, authorizationRequest, clientConfiguration, discoverPortico, exchangeCode, follow, portalBrowser, registerClient, returnPathOf, signIn, verifiedIdToken } from '../../test/support/relying-party.js';
import { rotateSigningKey } from './keys.js';

const PASSWORD = 'Harbor2026';

describe('two instances on one PostgreSQL database', () => {
  let a: TestApp;
  let b: TestApp;
  let publicUrl: string;
  let baseB: string;
  let client: { clientId: string; clientSecret: string };
  /** The relying party as it talks to A (the public URL) and to B. */
  let rpA: oidc.Configuration;
  let rpB: oidc.Configuration;

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    publicUrl = `http://127.0.0.1:${portA}`;
    baseB = `http://127.0.0.1:${portB}`;
    const env = { PORTICO_PUBLIC_URL: publicUrl, PORTICO_DATA_DIR: tempDataDir() };
    a = await createTestApp({ engine: 'postgres', clock: new FakeClock(Date.now()), env });
    b = await createTestApp({ databaseUrl: a.databaseUrl, clock: new FakeClock(Date.now()), env });
    await a.app.listen({ host: '127.0.0.1', port: portA });
    await b.app.listen({ host: '127.0.0.1', port: portB });
    const added = await registerClient(a.deps);
    client = { clientId: added.clientId, clientSecret: added.clientSecret! };
    await seedRegistered(a.deps, { employeeId: '740001', password: PASSWORD, email: 'oda@example.com', givenName: 'Oda' });
    rpA = await discoverPortico(publicUrl, client.clientId, client.clientSecret);
    // The same metadata (the issuer is the public URL), with B's endpoints.
    const metadata = JSON.parse(JSON.stringify(rpA.serverMetadata())) as oidc.ServerMetadata;
    const onB = (url: string | undefined) => (url ? url.replace(publicUrl, baseB) : url);
    rpB = clientConfiguration(
      { ...metadata, token_endpoint: onB(metadata.token_endpoint), userinfo_endpoint: onB(metadata.userinfo_endpoint), jwks_uri: onB(metadata.jwks_uri) },
      client.clientId,
      client.clientSecret,
    );
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const jwksOf = async (base: string) => (await (await fetch(`${base}/oidc/jwks`)).json()) as { keys: { kid: string }[] };

  it('serve the same discovery document and JWKS', async () => {
    const discovery = async (base: string) => (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(await discovery(baseB)).toEqual(await discovery(publicUrl));
    expect(await jwksOf(baseB)).toEqual(await jwksOf(publicUrl));
  });

  it('share sessions, codes, tokens and the rotation of refresh tokens', async () => {
    const onA = portalBrowser(publicUrl);
    const request = await authorizationRequest(rpA);
    const toLogin = await follow(onA, request.url);
    expect(await signIn(onA, '740001', PASSWORD)).toEqual({ next: 'home' });
    const callback = await follow(onA, returnPathOf(toLogin.at));
    expect(callback.at.startsWith(`${RP_REDIRECT}?`)).toBe(true);

    // The code A gave is exchanged on B; the ID token verifies with B's JWKS; B's userinfo answers.
    const tokens = await exchangeCode(rpB, callback.at, request);
    const claims = await verifiedIdToken(baseB, client.clientId, tokens.id_token, publicUrl);
    expect((await oidc.fetchUserInfo(rpB, tokens.access_token, claims.sub!)).given_name).toBe('Oda');

    // Refreshed on A; the rotated-out token is refused on B.
    const refreshed = await oidc.refreshTokenGrant(rpA, tokens.refresh_token!);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    await expect(oidc.refreshTokenGrant(rpB, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });

    // The same browser on B: its Portico session and provider session are known there, so B does not ask again.
    const onB = portalBrowser(baseB, publicUrl);
    for (const [name, value] of onA.cookies) onB.cookies.set(name, value);
    expect((await onB.get('/api/v1/me')).json()).toMatchObject({ employeeId: '740001' });
    const again = await authorizationRequest(rpA);
    const direct = await follow(onB, again.url, { publicUrl });
    expect(direct.at.startsWith(`${RP_REDIRECT}?`), `${direct.status} ${direct.at}`).toBe(true);
    expect((await exchangeCode(rpA, direct.at, again)).claims()!.sub).toBe(claims.sub);
  });

  it('a key rotated on A is published by B at once', async () => {
    // Both have looked at the key set just now.
    const before = await jwksOf(baseB);
    expect((await jwksOf(publicUrl)).keys.map((key) => key.kid)).toEqual(before.keys.map((key) => key.kid));
    const { kid, retired } = await rotateSigningKey({ db: a.deps.storage.db, secret: a.deps.config.secret, now: a.clock.now() });
    const after = (await jwksOf(baseB)).keys.map((key) => key.kid);
    expect(after[0]).toBe(kid);
    // The retired key is still published: the tokens it signed still verify.
    expect(after).toEqual(expect.arrayContaining(retired));
    expect((await jwksOf(publicUrl)).keys.map((key) => key.kid)).toEqual(after);
  });
});
