// LOGIN-6 over the challenge questions, on SQLite and PostgreSQL: one client answering in many
// recovery flows at once gets at most the client limit of wrong sets evaluated, because the place
// is claimed before the answers are checked (a read-then-write let a burst through).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listen, type TestApp } from '../../../test/support/test-app.js';
import { tempDataDir } from '../../../test/support/outbox.js';
import { ENGINES } from '../../../test/support/databases.js';
import { flowClientCookie } from '../../../test/support/flow-client.js';

const LIMIT = 4;
const FLOWS = 12;
const headers = { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.23', cookie: flowClientCookie() };

describe.each(ENGINES)('the client limit over challenge answers on %s', (engine) => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir(), PORTICO_TRUSTED_PROXIES: '127.0.0.1', PORTICO_CLIENT_FAILURE_LIMIT: String(LIMIT) } });
    base = await listen(t.app);
  });
  afterAll(() => t.close());

  async function wrongSetFor(identifier: string): Promise<{ flowId: string; body: string }> {
    const started = await fetch(`${base}/api/v1/recovery`, { method: 'POST', headers, body: JSON.stringify({ identifier }) });
    expect(started.status).toBe(200);
    const { flowId } = (await started.json()) as { flowId: string };
    const asked = await fetch(`${base}/api/v1/recovery/${flowId}/questions`, { headers });
    const questions = ((await asked.json()) as { items: { id: string }[] }).items;
    return { flowId, body: JSON.stringify({ answers: questions.map((q) => ({ questionId: q.id, answer: 'a wrong guess' })) }) };
  }

  it(`evaluates ${LIMIT} of ${FLOWS} parallel wrong sets from one client; the rest are told to wait`, async () => {
    const sets = [];
    for (let n = 1; n <= FLOWS; n++) sets.push(await wrongSetFor(`stranger${n}@example.com`));
    const statuses = await Promise.all(
      sets.map(({ flowId, body }) => fetch(`${base}/api/v1/recovery/${flowId}/questions`, { method: 'POST', headers, body }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(FLOWS - LIMIT);
    const evaluated = await t.deps.storage.db.selectFrom('audit_events').select('detail').where('event', '=', 'recovery.failed').execute();
    expect(evaluated.filter((e) => e.detail?.includes('wrong_answers'))).toHaveLength(LIMIT);
  });
});
