// LOGIN-10 (as amended for HELP-6): the e-mail fallback links an account only with
// `email_verified: true`, never an account that holds a console role, and the provider's `amr`
// counts as the portal's second factor only with PORTICO_SSO_TRUST_MFA=true. Against the real
// provider on the loopback (test/support/oidc-provider.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { ENGINES } from '../../../test/support/databases.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { startOidcProvider, type OidcTestProvider } from '../../../test/support/oidc-provider.js';
import { Visitor } from '../../../test/support/visitor.js';
import { signInWithSso, ssoEnv } from '../../../test/support/sso-sign-in.js';
import { grantRole } from '../../storage/repositories/roles.js';

let provider: OidcTestProvider;
beforeAll(async () => {
  provider = await startOidcProvider();
});
afterAll(() => provider.close());
beforeEach(() => provider.reset());

const ADMIN = '0460001';
const EMPLOYEE = '0460002';

async function seedPeople(t: TestApp): Promise<void> {
  await seedRegistered(t.deps, { employeeId: ADMIN, password: 'Sso2026ok', givenName: 'Ada', email: 'ada.admin@example.com' });
  await grantRole(t.deps.storage.db, ADMIN, 'admin', t.clock.now());
  await seedRegistered(t.deps, { employeeId: EMPLOYEE, password: 'Sso2026ok', givenName: 'Pat', email: 'pat@example.com' });
}

async function whoAmI(visitor: Visitor): Promise<string | null> {
  const me = await visitor.get('/api/v1/me');
  return me.statusCode === 200 ? me.json<{ employeeId: string }>().employeeId : null;
}

describe.each(ENGINES)('SSO linking on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: ssoEnv(provider) });
    await seedPeople(t);
  });
  afterAll(() => t.close());

  it("refuses an admin's e-mail without email_verified (absent counts as false): no session, nothing linked", async () => {
    const visitor = new Visitor(t);
    const { callback } = await signInWithSso(provider, visitor, { sub: 'attacker-1', claims: { email: 'ada.admin@example.com' } });
    expect(callback.statusCode).toBe(401);
    expect(visitor.cookies.has('portico_session')).toBe(false);
    expect(await whoAmI(visitor)).toBeNull();
    expect(await t.deps.storage.db.selectFrom('sso_identities').select('employee_id').where('subject', '=', 'attacker-1').execute()).toEqual([]);
  });

  it("does not link a verified e-mail to an account that holds a console role", async () => {
    const visitor = new Visitor(t);
    const { callback } = await signInWithSso(provider, visitor, { sub: 'attacker-2', claims: { email: 'Ada.Admin@example.com', email_verified: true } });
    expect(callback.statusCode).toBe(401);
    expect(visitor.cookies.has('portico_session')).toBe(false);
    expect(await whoAmI(visitor)).toBeNull();
    expect(await t.deps.storage.db.selectFrom('sso_identities').select('employee_id').where('subject', '=', 'attacker-2').execute()).toEqual([]);
  });

  it('signs in a plain employee by a verified e-mail', async () => {
    const visitor = new Visitor(t);
    const { callback } = await signInWithSso(provider, visitor, { sub: 'pat-sub', claims: { email: 'pat@example.com', email_verified: true } });
    expect(callback.headers.location).toBe('/home');
    expect(await whoAmI(visitor)).toBe(EMPLOYEE);
  });

  it("links a console account by the employee_id claim, and the provider's amr does not open the console while the setting is off", async () => {
    const visitor = new Visitor(t);
    const { callback } = await signInWithSso(provider, visitor, { sub: 'ada-sub', claims: { employee_id: ADMIN, amr: ['pwd', 'mfa'] } });
    expect(callback.headers.location).toBe('/home');
    expect(await whoAmI(visitor)).toBe(ADMIN);
    const console = await visitor.get('/api/v1/admin/whoami');
    expect(console.statusCode).toBe(403);
    expect(console.json<{ error: { code: string } }>().error.code).toBe('MFA_REQUIRED');
  });
});

describe('SSO with PORTICO_SSO_TRUST_MFA=true', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine: 'sqlite', env: ssoEnv(provider, { PORTICO_SSO_TRUST_MFA: 'true' }) });
    await seedPeople(t);
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: t.clock.now() }).where('employee_id', '=', ADMIN).execute();
  });
  afterAll(() => t.close());

  it("counts the provider's amr as the second factor: the console answers without the portal's code step", async () => {
    const visitor = new Visitor(t);
    const { callback } = await signInWithSso(provider, visitor, { sub: 'ada-sub', claims: { employee_id: ADMIN, amr: ['pwd', 'mfa'] } });
    expect(callback.headers.location).toBe('/home');
    expect((await visitor.get('/api/v1/admin/whoami')).statusCode).toBe(200);
  });

  it('still asks for the code when the provider reports one factor', async () => {
    const visitor = new Visitor(t);
    const { callback } = await signInWithSso(provider, visitor, { sub: 'ada-sub', claims: { employee_id: ADMIN, amr: ['pwd'] } });
    expect(callback.headers.location).toBe('/login/code');
    expect(await whoAmI(visitor)).toBeNull();
  });
});
