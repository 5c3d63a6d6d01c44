// RECOV-3 as MFA-2, on SQLite and PostgreSQL: the 30-second wait guards a code that is still live.
// A new recovery flow right after a used code, or after a code killed by 5 wrong tries, gets a
// fresh code at once (the answer is the same "If these details match…" either way, so the test
// reads what was queued).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { queuedMessageData } from '../../../test/support/queued-messages.js';
import { ENGINES } from '../../../test/support/databases.js';
import { flowClientCookie } from '../../../test/support/flow-client.js';

const IP = '198.51.100.77';

function post(app: FastifyInstance, url: string, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url, payload, headers: { 'x-forwarded-for': IP, cookie: flowClientCookie() } });
}

describe.each(ENGINES)('fresh recovery codes on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_TRUSTED_PROXIES: '127.0.0.1' } });
    await seedRegistered(t.deps, { employeeId: '735001', password: 'Harbor2026', email: 'rf1@example.com' });
    await seedRegistered(t.deps, { employeeId: '735002', password: 'Harbor2026', email: 'rf2@example.com' });
  });
  afterAll(() => t.close());

  async function flowWithCode(employeeId: string, email: string): Promise<string> {
    const flowId = (await post(t.app, '/api/v1/recovery', { identifier: employeeId })).json<{ flowId: string }>().flowId;
    expect((await post(t.app, `/api/v1/recovery/${flowId}/code/send`, { channel: 'email', to: email })).statusCode).toBe(202);
    return flowId;
  }
  const codesTo = async (email: string) => (await queuedMessageData(t.deps, email)).map((d) => d.code!);
  const enter = (flowId: string, code: string) => post(t.app, `/api/v1/recovery/${flowId}/code`, { code });

  it('a new flow right after a used code sends a fresh one at once', async () => {
    const first = await flowWithCode('735001', 'rf1@example.com');
    expect((await enter(first, (await codesTo('rf1@example.com'))[0]!)).json()).toMatchObject({ next: 'set_password' });
    t.clock.advance(5_000);
    const second = await flowWithCode('735001', 'rf1@example.com');
    const codes = await codesTo('rf1@example.com');
    expect(codes).toHaveLength(2);
    expect((await enter(second, codes[0]!)).json()).toMatchObject({ next: 'set_password' });
  });

  it('a new flow right after a code killed by 5 wrong tries sends a fresh one at once', async () => {
    const first = await flowWithCode('735002', 'rf2@example.com');
    const [killed] = await codesTo('rf2@example.com');
    for (let i = 0; i < 5; i++) await enter(first, killed === '000000' ? '111111' : '000000');
    const second = await flowWithCode('735002', 'rf2@example.com');
    const codes = await codesTo('rf2@example.com');
    expect(codes).toHaveLength(2);
    expect((await enter(second, codes[0]!)).json()).toMatchObject({ next: 'set_password' });
  });
});
