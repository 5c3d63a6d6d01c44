// SPEC §1, MFA-5 and HELP-6: every console page and admin API call, discovered from the app's own
// route table, refuses a visitor without a session and a plain employee; every route that takes an
// employee refuses a console account as target for the help desk, and one's own account for everyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, form, seedPerson, signIn, type Agent } from '../../../test/support/console-employees.js';
import { listRoutes, type FoundRoute } from '../../../test/support/route-list.js';

/** Every `/admin…` and `/api/v1/admin…` route Fastify knows. */
function adminRoutes(app: TestApp['app']): FoundRoute[] {
  return listRoutes(app).filter((route) => /^\/(admin|api\/v1\/admin)(\/|$)/.test(route.url));
}

const API_BODIES: [string, Record<string, unknown>][] = [
  ['/roles', { reason: 'route walk check', role: 'hr', action: 'grant' }],
  ['/close', { reason: 'route walk check', note: 'route walk' }],
  ['/verify-caller', { reason: 'route walk check', channel: 'email' }],
  ['/verify-caller/code', { code: '123456' }],
  ['/pin', { reason: 'route walk check', identityCheck: 'badge' }],
  ['/reset-mfa', { reason: 'route walk check', identityCheck: 'badge' }],
];

/** Form fields that would let every console form go through (confirmed, with an in-person check), so only a guard can stop it. */
const FORM_FIELDS = { reason: 'route walk check', role: 'hr', action: 'grant', note: 'route walk', id: '1', confirm: 'yes', identityCheck: 'badge', channel: 'email', code: '123456' };

function send(t: TestApp, route: FoundRoute, url: string, agent: Agent | null) {
  if (route.method === 'GET') return api(t.app, agent, 'GET', url);
  if (!url.startsWith('/api/')) return form(t.app, agent, url, FORM_FIELDS);
  // A body each route accepts, so the guard and not validation answers.
  if (url.endsWith('/roster')) {
    return t.app.inject({ method: 'POST', url, headers: { 'content-type': 'text/csv', ...(agent ? { cookie: agent.cookie } : {}) }, payload: 'employee_id\n' });
  }
  return api(t.app, agent, 'POST', url, API_BODIES.find(([suffix]) => url.endsWith(suffix))?.[1] ?? { reason: 'route walk check' });
}

const concrete = (url: string) => url.replace(/:employeeId/g, '10000099').replace(/:[A-Za-z]+/g, '1');

describe('console route walk', () => {
  let t: TestApp;
  let employee: Agent;
  let routes: FoundRoute[];

  beforeAll(async () => {
    t = await createTestApp();
    await seedPerson(t.deps, '10000001');
    await seedPerson(t.deps, '10000099');
    employee = await signIn(t.app, t.deps, '10000001');
    routes = adminRoutes(t.app);
  });
  afterAll(async () => t.close());

  it('finds the console routes from the app', () => {
    const keys = routes.map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      'GET /admin',
      'GET /admin/employees',
      'GET /admin/employees/:employeeId',
      'POST /admin/employees/:employeeId/roles',
      'GET /api/v1/admin/whoami',
      'GET /api/v1/admin/employees',
      'POST /api/v1/admin/employees/:employeeId/pin',
      'POST /api/v1/admin/employees/:employeeId/roles',
    ]) {
      expect(keys).toContain(expected);
    }
  });

  it('answers 401 without a session and 403 for a plain employee on every route', async () => {
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const url = concrete(route.url);
      const label = `${route.method} ${route.url}`;
      const isApi = url.startsWith('/api/');
      const anonymous = await send(t, route, url, null);
      if (isApi) {
        expect(anonymous.statusCode, label).toBe(401);
        expect(anonymous.json<{ error: { code: string } }>().error.code, label).toBe('UNAUTHENTICATED');
      } else {
        // A signed-out page goes to sign-in (and a GET comes back after it).
        expect(anonymous.statusCode, label).toBe(303);
        expect(anonymous.headers.location, label).toMatch(/^\/login(\?return=%2Fadmin|$)/);
      }
      const plain = await send(t, route, url, employee);
      expect(plain.statusCode, label).toBe(403);
      if (isApi) expect(plain.json<{ error: { code: string } }>().error.code, label).toBe('FORBIDDEN');
      else expect(plain.headers['content-type'], label).toContain('text/html');
    }
  });
});

describe('HELP-6 route walk: the target of every console route that takes an employee', () => {
  let t: TestApp;
  let agent: Agent;
  let admin: Agent;
  let routes: FoundRoute[];
  const AGENT = '11000001';
  const ADMIN = '11000002';
  const TARGETS = { helpdesk: '11000011', hr: '11000012', admin: '11000013' } as const;

  const accountState = async (employeeId: string) => ({
    account: await t.deps.storage.db.selectFrom('accounts').select(['pin_hash', 'mfa', 'helpdesk_locked_at']).where('employee_id', '=', employeeId).executeTakeFirstOrThrow(),
    sessions: (await t.deps.storage.db.selectFrom('sessions').select('id_hash').where('employee_id', '=', employeeId).execute()).length,
    roles: (await t.deps.storage.db.selectFrom('account_roles').select('role').where('employee_id', '=', employeeId).execute()).map((r) => r.role).sort(),
  });

  beforeAll(async () => {
    t = await createTestApp();
    await seedPerson(t.deps, AGENT, ['helpdesk']);
    await seedPerson(t.deps, ADMIN, ['admin']);
    for (const [role, employeeId] of Object.entries(TARGETS)) {
      await seedPerson(t.deps, employeeId, [role as keyof typeof TARGETS]);
      await signIn(t.app, t.deps, employeeId);
    }
    agent = await signIn(t.app, t.deps, AGENT);
    admin = await signIn(t.app, t.deps, ADMIN);
    routes = adminRoutes(t.app).filter((route) => route.url.includes(':employeeId'));
  });
  afterAll(async () => t.close());

  const refused = (response: Awaited<ReturnType<typeof send>>, label: string) => {
    expect(response.statusCode, label).toBe(403);
    if (response.headers['content-type']?.toString().includes('json')) expect(response.json<{ error: { code: string } }>().error.code, label).toBe('FORBIDDEN');
    else expect(response.body, label).not.toMatch(/<output class="pin">/);
  };

  it('refuses a console-role target for the help desk, and nothing changes', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(14);
    const before = await Promise.all(Object.values(TARGETS).map(accountState));
    for (const route of routes) {
      for (const target of Object.values(TARGETS)) {
        const url = route.url.replace(':employeeId', target);
        refused(await send(t, route, url, agent), `helpdesk → ${target}: ${route.method} ${route.url}`);
      }
    }
    expect(await Promise.all(Object.values(TARGETS).map(accountState))).toEqual(before);
  });

  it("refuses everyone's own Employee ID, and lets an admin reach another console account", async () => {
    for (const route of routes) {
      refused(await send(t, route, route.url.replace(':employeeId', AGENT), agent), `helpdesk → self: ${route.method} ${route.url}`);
      refused(await send(t, route, route.url.replace(':employeeId', ADMIN), admin), `admin → self: ${route.method} ${route.url}`);
    }
    for (const route of routes.filter((r) => r.method === 'GET')) {
      expect((await send(t, route, route.url.replace(':employeeId', TARGETS.admin), admin)).statusCode, route.url).toBe(200);
    }
  });
});
