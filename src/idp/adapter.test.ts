// IDP-1, IDP-7: the provider library's storage over Portico's repositories, on SQLite and
// PostgreSQL: what one instance stores another finds; a code is consumed once; a grant's rows go
// together; expired rows are not found; clients come from `oidc_clients`, never written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../test/support/databases.js';
import type { Storage } from '../storage/database.js';
import { createAdapterClass } from './adapter.js';
import { addClient } from './clients.js';
import { ensureSigningKey, loadSigningKeys, rotateSigningKey } from './keys.js';

const SECRET = Buffer.from('adapter-test-secret-0123456789-abcdefghij');

describe.each(ENGINES)('the provider storage adapter on %s', (engine) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createTestStorage(engine);
  });
  afterAll(async () => {
    await storage.close();
  });

  it('stores, finds by id, uid and user code, consumes once, and revokes a grant', async () => {
    const Adapter = createAdapterClass(storage.db);
    const codes = new Adapter('AuthorizationCode');
    const other = new Adapter('AuthorizationCode');
    await codes.upsert('code-1', { grantId: 'g1', clientId: 'c1', accountId: 's1' }, 60);
    await codes.upsert('code-2', { grantId: 'g2' }, 60);
    expect(await other.find('code-1')).toMatchObject({ grantId: 'g1', clientId: 'c1' });
    expect((await other.find('code-1'))?.consumed).toBeUndefined();
    await other.consume('code-1');
    await codes.consume('code-1');
    const consumed = await codes.find('code-1');
    expect(typeof consumed?.consumed).toBe('number');
    // Another kind with the same id is another row.
    expect(await new Adapter('AccessToken').find('code-1')).toBeUndefined();

    const interactions = new Adapter('Interaction');
    await interactions.upsert('i-1', { uid: 'u-1', jti: 'i-1' }, 60);
    expect(await interactions.findByUid('u-1')).toMatchObject({ jti: 'i-1' });
    const devices = new Adapter('DeviceCode');
    await devices.upsert('d-1', { userCode: 'ABCD-EFGH' }, 60);
    expect(await devices.findByUserCode('ABCD-EFGH')).toMatchObject({ userCode: 'ABCD-EFGH' });

    await codes.revokeByGrantId('g1');
    expect(await codes.find('code-1')).toBeUndefined();
    expect(await codes.find('code-2')).toBeDefined();
    await codes.destroy('code-2');
    expect(await codes.find('code-2')).toBeUndefined();

    // Upsert replaces; an expired row is not found.
    await codes.upsert('code-3', { grantId: 'g3', scope: 'openid' }, 60);
    await codes.upsert('code-3', { grantId: 'g3', scope: 'openid email' }, 60);
    expect(await codes.find('code-3')).toMatchObject({ scope: 'openid email' });
    await storage.db.updateTable('oidc_payloads').set({ expires_at: Date.now() - 1 }).where('id', '=', 'code-3').execute();
    expect(await codes.find('code-3')).toBeUndefined();
  });

  it('reads clients from the registered applications and refuses to write them', async () => {
    const Adapter = createAdapterClass(storage.db);
    const { clientId } = await addClient({ db: storage.db, secret: SECRET, now: Date.now() }, { name: 'Payroll', redirectUris: ['https://payroll.example.com/cb'], isPublic: false, firstParty: true, backchannelLogoutUri: null, postLogoutRedirectUris: [] });
    const clients = new Adapter('Client');
    const metadata = await clients.find(clientId);
    expect(metadata).toMatchObject({ client_id: clientId, redirect_uris: ['https://payroll.example.com/cb'], response_types: ['code'], grant_types: ['authorization_code', 'refresh_token'], token_endpoint_auth_method: 'client_secret_basic' });
    expect(await clients.find('unknown')).toBeUndefined();
    await expect(clients.upsert(clientId, {}, 0)).rejects.toThrow();
  });

  it('keys: made once, sealed, rotated with the old one still published; a key of another secret is left out', async () => {
    const deps = { db: storage.db, secret: SECRET, now: Date.now() };
    await ensureSigningKey(deps);
    await ensureSigningKey(deps);
    const first = await loadSigningKeys(deps);
    expect(first.keys).toHaveLength(1);
    const { kid, retired } = await rotateSigningKey({ ...deps, now: deps.now + 1 });
    expect(retired).toEqual([first.keys[0]!.kid]);
    const after = await loadSigningKeys({ ...deps, now: deps.now + 2 });
    expect(after.keys.map((k) => k.kid)).toEqual([kid, first.keys[0]!.kid]);
    // A day later the retired key is no longer published.
    expect((await loadSigningKeys({ ...deps, now: deps.now + 25 * 3600_000 })).keys.map((k) => k.kid)).toEqual([kid]);
    const otherSecret = await loadSigningKeys({ ...deps, secret: Buffer.from('another-secret-0123456789-abcdefghijklmn') });
    expect(otherSecret.keys).toEqual([]);
    expect(otherSecret.unreadable).toHaveLength(2);
  });
});
