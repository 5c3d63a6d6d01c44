// Test helpers for the console's employee tests: people with roles and a session that passed a
// second factor (MFA-5), and requests carrying the session cookie and a CSRF token.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { AppDeps } from '../../src/core/deps.js';
import { cookieName } from '../../src/app/cookies.js';
import { login, seedRegistered } from './seed.js';
import { grantRole, type Role } from '../../src/storage/repositories/roles.js';

export const PASSWORD = 'Harbor2026';
export const CSRF = 'c'.repeat(43);

export interface Agent {
  employeeId: string;
  cookie: string;
}

/** Signs in (password only), then marks the session as having passed a second factor. */
export async function signIn(app: FastifyInstance, deps: AppDeps, employeeId: string, options: { secondFactor?: boolean } = {}): Promise<Agent> {
  const response = await login(app, employeeId, PASSWORD);
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const session = (response.cookies as { name: string; value: string }[]).find((c) => c.name === cookieName(deps.config, 'portico_session'));
  if (!session) throw new Error('no session cookie');
  if (options.secondFactor ?? true) {
    await deps.storage.db.updateTable('accounts').set({ mfa: 'email' }).where('employee_id', '=', employeeId).execute();
    await deps.storage.db.updateTable('sessions').set({ second_factor_at: deps.clock.now() }).where('employee_id', '=', employeeId).execute();
  }
  return { employeeId, cookie: `${session.name}=${session.value}; ${cookieName(deps.config, 'portico_csrf')}=${CSRF}` };
}

export async function seedPerson(deps: AppDeps, employeeId: string, roles: Role[] = [], names: { givenName?: string; familyName?: string } = {}): Promise<void> {
  await seedRegistered(deps, { employeeId, password: PASSWORD, email: `${employeeId}@example.com`, ...names });
  for (const role of roles) await grantRole(deps.storage.db, employeeId, role, deps.clock.now());
}

export function api(app: FastifyInstance, agent: Agent | null, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>): Promise<LightMyRequestResponse> {
  const options: InjectOptions = { method, url, headers: agent ? { cookie: agent.cookie } : {} };
  if (payload) options.payload = payload;
  return app.inject(options);
}

/** A form post as a browser sends it, with the CSRF token. */
export function form(app: FastifyInstance, agent: Agent | null, url: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: agent ? agent.cookie : `${'portico_csrf'}=${CSRF}` },
    payload: new URLSearchParams({ _csrf: CSRF, ...fields }).toString(),
  });
}
