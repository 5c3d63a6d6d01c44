// SPEC §1 and MFA-5: every console page and admin API call, discovered from the app's own route
// table, refuses a visitor without a session (401) and a plain employee (403).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, form, seedPerson, signIn, type Agent } from '../../../test/support/console-employees.js';

interface FoundRoute {
  method: string;
  url: string;
}

/**
 * Every `/admin…` and `/api/v1/admin…` route Fastify knows. `printRoutes()` draws a tree: a
 * node's full path is its ancestors' segments joined with its own.
 */
function adminRoutes(printed: string): FoundRoute[] {
  const found: FoundRoute[] = [];
  const stack: string[] = [];
  for (const line of printed.split('\n')) {
    const match = /^([\s│]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const [, indent = '', segment = '', methods] = match;
    const depth = indent.length / 4;
    stack[depth] = segment;
    stack.length = depth + 1;
    const url = stack.join('');
    if (!methods || !/^\/(admin|api\/v1\/admin)(\/|$)/.test(url)) continue;
    for (const method of methods.split(',').map((m) => m.trim())) if (method !== 'HEAD') found.push({ method, url });
  }
  return found;
}

const API_BODIES: [string, Record<string, unknown>][] = [
  ['/roles', { reason: 'route walk check', role: 'hr', action: 'grant' }],
  ['/close', { reason: 'route walk check', note: 'route walk' }],
  ['/verify-caller', { reason: 'route walk check', channel: 'email' }],
  ['/verify-caller/code', { code: '123456' }],
];

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
    routes = adminRoutes(t.app.printRoutes({ commonPrefix: false }));
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
      const send = (agent: Agent | null) => {
        if (route.method === 'GET') return api(t.app, agent, 'GET', url);
        if (!isApi) return form(t.app, agent, url, { reason: 'route walk check', role: 'hr', action: 'grant', note: 'route walk', id: '1' });
        // A body each route accepts, so the guard and not validation answers.
        if (url.endsWith('/roster')) {
          return t.app.inject({ method: 'POST', url, headers: { 'content-type': 'text/csv', ...(agent ? { cookie: agent.cookie } : {}) }, payload: 'employee_id\n' });
        }
        return api(t.app, agent, 'POST', url, API_BODIES.find(([suffix]) => url.endsWith(suffix))?.[1] ?? { reason: 'route walk check' });
      };
      const anonymous = await send(null);
      if (isApi) {
        expect(anonymous.statusCode, label).toBe(401);
        expect(anonymous.json<{ error: { code: string } }>().error.code, label).toBe('UNAUTHENTICATED');
      } else {
        // A signed-out page goes to sign-in (and a GET comes back after it).
        expect(anonymous.statusCode, label).toBe(303);
        expect(anonymous.headers.location, label).toMatch(/^\/login(\?return=%2Fadmin|$)/);
      }
      const plain = await send(employee);
      expect(plain.statusCode, label).toBe(403);
      if (isApi) expect(plain.json<{ error: { code: string } }>().error.code, label).toBe('FORBIDDEN');
      else expect(plain.headers['content-type'], label).toContain('text/html');
    }
  });
});
