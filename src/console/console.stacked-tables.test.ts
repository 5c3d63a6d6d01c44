// The console's tables stack into rows on a phone with their header row hidden (styles.css,
// `.stack-table`), so every cell must name its column: employee search, the account page's sessions
// and activity, the audit log, the message queue and HR's content lists, each cell's data-label its
// column's header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../test/support/outbox.js';
import { signInConsole, type ConsoleClient } from '../../test/support/console-session.js';
import { login, seedRegistered } from '../../test/support/seed.js';
import { enqueueMessage } from '../delivery/enqueue-message.js';
import { publishNews } from '../../test/support/portal.js';
import { saveTask } from '../storage/repositories/content/tasks.js';

interface Table {
  headers: string[];
  rows: string[][];
}

/** Each table's column headers and, per body row, the data-label of each cell (`?` when missing). */
function tablesOf(html: string): Table[] {
  return [...html.matchAll(/<table class="[^"]*\bstack-table\b[^"]*">([\s\S]*?)<\/table>/g)].map(([, table = '']) => {
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(table)?.[1] ?? '';
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
    const headers = [...head.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map(([, text = '']) => text.replace(/<[^>]+>/g, '').trim());
    const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(([, row = '']) =>
      [...row.matchAll(/<td(\s[^>]*)?>/g)].map(([, attributes = '']) => /data-label="([^"]*)"/.exec(attributes)?.[1] ?? '?'),
    );
    return { headers, rows };
  });
}

let t: TestApp;
let outbox: OutboxReader;
let admin: ConsoleClient;

beforeAll(async () => {
  t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
  outbox = createOutboxReader(t.deps);
  admin = await signInConsole(t, outbox, '7400900', 'admin');
  // An employee with a session and sign-in activity, and a message that failed to go out.
  await seedRegistered(t.deps, { employeeId: '7400001', givenName: 'Rhea', familyName: 'Stone', password: 'Harbor2026' });
  expect((await login(t.app, '7400001', 'Harbor2026')).statusCode).toBe(200);
  const { db } = t.deps.storage;
  await enqueueMessage(db, t.deps.config.secret, { channel: 'sms', to: '+17875550123', template: 'login-code', language: 'en', data: { code: '551234' } }, t.clock.now());
  await db.updateTable('messages').set({ status: 'failed', attempts: 10, last_error: 'smtp 550 mailbox unavailable' }).where('recipient', '=', '+17875550123').execute();
  // HR's lists: an article and a task.
  await publishNews(t, { title: 'Open enrolment' });
  await saveTask(db, { title: 'Read the handbook', description: '' }, t.clock.now());
});

afterAll(async () => {
  await outbox.stop();
  await t.close();
});

describe('console tables on a phone', () => {
  it.each([
    ['/admin/employees?q=7400001', 1],
    ['/admin/employees/7400001', 2],
    ['/admin/audit?employeeId=7400001', 1],
    ['/admin/outbox?status=failed', 1],
    ['/admin/outbox?status=failed&lang=fr-CA', 1],
    ['/admin/news', 1],
    ['/admin/tasks?lang=en', 1],
  ])('%s: every cell names its column', async (url, count) => {
    const page = await admin.get(url);
    expect(page.statusCode).toBe(200);
    const tables = tablesOf(page.body);
    expect(tables).toHaveLength(count);
    for (const { headers, rows } of tables) {
      expect(headers.length).toBeGreaterThan(1);
      expect(rows.length, url).toBeGreaterThan(0);
      for (const labels of rows) expect(labels, url).toEqual(headers);
    }
  });

  it('the message queue names its columns and its times carry the company time zone', async () => {
    // ?lang= is remembered, so each page says which language it wants.
    const english = (await admin.get('/admin/outbox?status=failed&lang=en')).body;
    expect(english).toContain('<td data-label="Recipient">***-***-0123</td>');
    expect(english).toMatch(/<td data-label="Queued"><time datetime="[^"]+">[^<]+\s(AM|PM)\s(EST|EDT)<\/time><\/td>/);
    const french = (await admin.get('/admin/outbox?status=failed&lang=fr-CA')).body;
    expect(french).toContain('<td data-label="Destinataire">***-***-0123</td>');
    expect(french).toMatch(/<td data-label="Mis en file"><time datetime="[^"]+">[^<]+ h \d\d\s(HNE|HAE)<\/time><\/td>/);
  });
});
