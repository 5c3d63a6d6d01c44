// An employee named `<script>alert(1)</script>`, imported by the roster, is shown as text on every
// console page that shows people: search, account page, help-request queue and audit log.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../test/support/outbox.js';
import { signInConsole, type ConsoleClient } from '../../test/support/console-session.js';
import { importRoster } from './roster/import-roster.js';

const SCRIPT = '<script>alert(1)</script>';
const ESCAPED = '&lt;script>alert(1)&lt;/script>';

let t: TestApp;
let outbox: OutboxReader;
let agent: ConsoleClient;

beforeAll(async () => {
  t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
  outbox = createOutboxReader(t.deps);
  const csv = [
    'employee_id,given_name,family_name,country,status,separation_date,email,mobile,language',
    `7100001,"${SCRIPT}",Mallory,US,active,,,,en`,
  ].join('\n');
  const report = await importRoster(t.deps, Readable.from([csv]));
  expect(report.created).toBe(1);
  agent = await signInConsole(t, outbox, '7100900', 'helpdesk');
  const form = await t.app.inject({
    method: 'POST',
    url: '/api/v1/help-requests',
    payload: { employeeId: '7100001', name: SCRIPT, contact: 'mallory@example.com', category: 'unlock', description: SCRIPT },
  });
  expect(form.statusCode).toBe(201);
  expect((await agent.post('/api/v1/admin/employees/7100001/unlock', { reason: `checked ${SCRIPT}` })).statusCode).toBe(204);
});
afterAll(async () => {
  await outbox.stop();
  await t.close();
});

describe('escaping in the console', () => {
  it.each(['/admin/employees?q=7100001', '/admin/employees/7100001', '/admin/help-requests', '/admin/audit?employeeId=7100001'])(
    '%s shows the name as text',
    async (url) => {
      const page = await agent.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(SCRIPT);
      expect(page.body).toContain(ESCAPED);
    },
  );
});
