// AUDIT-2 on SQLite and PostgreSQL: the audit search pages by cursor, newest first; pages are
// disjoint and in order (ties of equal times broken by id), on the API (200 a page, `nextCursor`)
// and on the console page (50 a page, "Older"/"Newer" links that keep the filters).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { ENGINES } from '../../../test/support/databases.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { signInConsole, type ConsoleClient } from '../../../test/support/console-session.js';

const TOTAL = 430;
const BASE = Date.UTC(2026, 2, 1, 12);
type Answer = { items: { time: string; detail: { n: number } }[]; nextCursor: string | null };

describe.each(ENGINES)('audit paging (%s)', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;
  let admin: ConsoleClient;

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    admin = await signInConsole(t, outbox, '750001', 'admin');
    // Every third row shares its time with the next: the cursor must break ties by id.
    const rows = Array.from({ length: TOTAL }, (_, n) => ({
      at: BASE + Math.floor(n / 3) * 1000,
      event: 'paging.test',
      outcome: 'info',
      actor_id: null,
      subject_id: n % 2 === 0 ? '750002' : '750003',
      ip: null,
      user_agent: null,
      request_id: null,
      detail: JSON.stringify({ n }),
    }));
    await t.deps.storage.db.insertInto('audit_events').values(rows).execute();
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('the API answers 200 a page with a nextCursor, disjoint and newest first, and refuses a forged cursor', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/admin/audit?event=paging.test${cursor ? `&cursor=${cursor}` : ''}`;
      const answer = await admin.get(url);
      expect(answer.statusCode).toBe(200);
      const body = answer.json<Answer>();
      seen.push(...body.items.map((e) => e.detail.n));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: TOTAL }, (_, i) => TOTAL - 1 - i));
    expect((await admin.get('/api/v1/admin/audit?cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
    // Without a cursor the answer is what it was: the newest 200.
    expect((await admin.get('/api/v1/admin/audit?event=paging.test')).json<Answer>().items).toHaveLength(200);
  });

  it('the page shows 50 a page with Older and Newer links that keep the filters', async () => {
    const numbers = (body: string) => [...body.matchAll(/<dt>N<\/dt><dd>(\d+)<\/dd>/g)].map((m) => Number(m[1]));
    const older = (body: string) => /<a href="([^"]+)">Older events →<\/a>/.exec(body)?.[1]?.replaceAll('&amp;', '&');
    const newer = (body: string) => /<a href="([^"]+)">← Newer events<\/a>/.exec(body)?.[1]?.replaceAll('&amp;', '&');
    const first = await admin.get('/admin/audit?event=paging.test&employeeId=750002');
    expect(first.statusCode).toBe(200);
    const evens = Array.from({ length: TOTAL / 2 }, (_, i) => TOTAL - 2 - 2 * i);
    expect(numbers(first.body)).toEqual(evens.slice(0, 50));
    expect(newer(first.body)).toBeUndefined();
    const next = older(first.body)!;
    expect(next).toMatch(/^\/admin\/audit\?employeeId=750002&event=paging\.test&cursor=/);
    const second = await admin.get(next);
    expect(numbers(second.body)).toEqual(evens.slice(50, 100));
    const back = await admin.get(newer(second.body)!);
    expect(numbers(back.body)).toEqual(evens.slice(0, 50));
    let page = second;
    const seen = [...numbers(first.body), ...numbers(second.body)];
    while (older(page.body)) {
      page = await admin.get(older(page.body)!);
      seen.push(...numbers(page.body));
    }
    expect(seen).toEqual(evens);
  });
});
