// Issue 16: an authorization without a Portico session leaves an Interaction row for as long as the
// person may take to sign in (half an hour), not the library's hour; housekeeping purges it after
// (storage/purge-expired.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { tempDataDir } from '../../test/support/outbox.js';
import { FakeClock } from '../../test/support/fake-clock.js';
import { authorizationPath, registerClient } from '../../test/support/relying-party.js';

describe('the interaction of an authorization without a session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock(Date.now()), env: { PORTICO_DATA_DIR: tempDataDir() } });
  });
  afterAll(() => t.close());

  it('lives half an hour', async () => {
    const { clientId } = await registerClient(t.deps, { isPublic: true });
    const before = Date.now();
    const answer = await t.app.inject({ method: 'GET', url: authorizationPath(clientId) });
    expect(answer.statusCode).toBe(303);
    const rows = await t.deps.storage.db.selectFrom('oidc_payloads').select('expires_at').where('kind', '=', 'Interaction').execute();
    expect(rows).toHaveLength(1);
    const lifetime = Number(rows[0]!.expires_at) - before;
    expect(lifetime).toBeGreaterThan(29 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(30 * 60_000 + 5_000);
  });
});
