// Issue 16: an authorization without a Portico session leaves an Interaction row for as long as the
// person may take to sign in (half an hour), not the library's hour; housekeeping purges it after
// (storage/purge-expired.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { tempDataDir } from '../../test/support/outbox.js';
import { FakeClock } from '../../test/support/fake-clock.js';
import { RP_REDIRECT } from '../../test/support/relying-party.js';
import { addClient } from './clients.js';

describe('the interaction of an authorization without a session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock(Date.now()), env: { PORTICO_DATA_DIR: tempDataDir() } });
  });
  afterAll(() => t.close());

  it('lives half an hour', async () => {
    const { clientId } = await addClient(
      { db: t.deps.storage.db, secret: t.deps.config.secret, now: t.clock.now() },
      { name: 'Payroll', redirectUris: [RP_REDIRECT], isPublic: true, firstParty: true, backchannelLogoutUri: null, postLogoutRedirectUris: [] },
    );
    const query = new URLSearchParams({ client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: RP_REDIRECT, code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' });
    const before = Date.now();
    const answer = await t.app.inject({ method: 'GET', url: `/oidc/auth?${query.toString()}` });
    expect(answer.statusCode).toBe(303);
    const rows = await t.deps.storage.db.selectFrom('oidc_payloads').select('expires_at').where('kind', '=', 'Interaction').execute();
    expect(rows).toHaveLength(1);
    const lifetime = Number(rows[0]!.expires_at) - before;
    expect(lifetime).toBeGreaterThan(29 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(30 * 60_000 + 5_000);
  });
});
