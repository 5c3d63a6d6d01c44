// A console user's browser: a registered employee with the given role (or none), e-mail codes as
// second factor, signed in through the code step (MFA-5), with a cookie jar for inject().
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestApp } from './test-app.js';
import type { OutboxReader } from './outbox.js';
import { seedRegistered } from './seed.js';
import { pageFormToken } from './portal.js';
import { grantRole, type Role } from '../../src/storage/repositories/roles.js';

export interface ConsoleClient {
  jar: Map<string, string>;
  request(options: { method: 'GET' | 'POST' | 'PUT'; url: string; payload?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload: unknown): Promise<LightMyRequestResponse>;
  /** The `_csrf` a form of the last page carried (or the signed-out double-submit cookie). */
  formToken(): string;
}

export function cookieClient(app: FastifyInstance): ConsoleClient {
  const jar = new Map<string, string>();
  let pageToken = '';
  const request: ConsoleClient['request'] = async ({ method, url, payload, headers }) => {
    const response = await app.inject({
      method,
      url,
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...headers },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    pageToken = pageFormToken(response) ?? pageToken;
    return response;
  };
  return {
    jar,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, payload }),
    formToken: () => [...jar].find(([name]) => name.endsWith('portico_csrf'))?.[1] ?? pageToken,
  };
}

/** Seeds `employeeId` with `role` (null: a plain employee) and signs in with an e-mailed code. */
export async function signInConsole(t: TestApp, outbox: OutboxReader, employeeId: string, role: Role | null): Promise<ConsoleClient> {
  const email = `${employeeId}@example.com`;
  await seedRegistered(t.deps, { employeeId, password: 'Harbor2026', email });
  await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: t.clock.now() }).where('employee_id', '=', employeeId).execute();
  if (role) await grantRole(t.deps.storage.db, employeeId, role, t.clock.now());
  const browser = cookieClient(t.app);
  const step = (await browser.post('/api/v1/login', { identifier: employeeId, password: 'Harbor2026' })).json<{ next: string; flowId: string }>();
  if (step.next !== 'code') throw new Error(`expected the code step, got ${step.next}`);
  const done = await browser.post('/api/v1/login/code', { flowId: step.flowId, code: await outbox.latestCode(email) });
  if (done.statusCode !== 200) throw new Error(`code step failed: ${done.body}`);
  return browser;
}
