// HOME-1 and DESIGN §4: the homepage runs a fixed number of database queries whatever the amount
// of content — the session lookup and one query per panel — so it stays fast as HR publishes more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { Db } from '../../storage/database.js';
import { saveBenefit } from '../../storage/repositories/content/benefits.js';
import { saveReview } from '../../storage/repositories/content/reviews.js';
import { saveTask } from '../../storage/repositories/content/tasks.js';
import { mainOf, publishNews, signedInEmployee, type Employee } from '../../../test/support/portal.js';

/** Session lookup + news + tasks + latest review + benefits. */
const HOME_QUERIES = 5;

describe.each(ENGINES)('GET /home query count on %s', (engine) => {
  let t: TestApp;
  let me: Employee;
  let original: Db;
  let count = 0;
  let serial = 0;

  async function addContent(news: number, tasks: number, reviews: number, benefits: number): Promise<void> {
    const db = original;
    const now = t.clock.now();
    for (let i = 0; i < news; i++, serial++) await publishNews(t, { title: `News item ${serial}`, body: `Excerpt of item ${serial}.`, publishedAt: now - 1000 + serial });
    for (let i = 0; i < tasks; i++, serial++) await saveTask(db, { title: `Task item ${serial}`, description: 'Do it', assigneeId: me.employeeId, dueOn: '2026-12-01' }, now);
    for (let i = 0; i < reviews; i++, serial++) {
      await saveReview(db, { employeeId: me.employeeId, period: `Period ${serial}`, reviewer: 'Rev', rating: 3, strengths: 's', goals: 'g', reviewedOn: `2026-01-${String(1 + (serial % 28)).padStart(2, '0')}` }, now);
    }
    for (let i = 0; i < benefits; i++, serial++) await saveBenefit(db, { employeeId: me.employeeId, plan: `Plan item ${serial}`, category: 'medical', coverage: 'Full', startsOn: '2026-01-01' }, now);
  }

  async function countHome(): Promise<{ queries: number; html: string }> {
    count = 0;
    const response = await me.get('/home');
    expect(response.statusCode).toBe(200);
    return { queries: count, html: mainOf(response) };
  }

  beforeAll(async () => {
    // Every statement the app runs, prepared ones included, is heard by the storage's onQuery.
    t = await createTestApp({ engine, storage: { onQuery: () => count++ } });
    me = await signedInEmployee(t, { employeeId: '660001', givenName: 'Quentin', country: 'US' });
    original = t.deps.storage.db;
  });
  afterAll(() => t.close());

  it(`runs ${HOME_QUERIES} queries with one item of each kind`, async () => {
    await addContent(1, 1, 1, 1);
    const { queries, html } = await countHome();
    expect(html).toContain('News item 0');
    expect(html).toContain('Task item 1');
    expect(html).toContain('Period 2');
    expect(html).toContain('Plan item 3');
    expect(queries).toBe(HOME_QUERIES);
  });

  it(`still runs ${HOME_QUERIES} queries with 40 news, 40 tasks, 10 reviews and 10 benefits`, async () => {
    await addContent(39, 39, 9, 9);
    const { queries, html } = await countHome();
    // The panels really hold the content: the latest 3 news, 5 open tasks, the latest review, every plan.
    expect(html.match(/href="\/news\/\d+"/g)).toHaveLength(3);
    expect(html).toContain('News item 42');
    expect(html.match(/action="\/tasks\/\d+\/done"/g)).toHaveLength(5);
    expect(html).toContain('You have more open tasks.');
    expect(html.match(/action="\/reviews\/\d+\/acknowledge"/g)).toHaveLength(1);
    expect(html.match(/<strong>Plan item \d+<\/strong>/g)).toHaveLength(10);
    expect(queries).toBe(HOME_QUERIES);
  });
});

describe.each(ENGINES)('GET /home statements on %s', (engine) => {
  it('write their limits into the statement (SQLite plans a bound limit again on every run)', async () => {
    const statements: string[] = [];
    const t = await createTestApp({ engine, storage: { onQuery: (query) => statements.push(query.sql) } });
    try {
      const me = await signedInEmployee(t, { employeeId: '660002', givenName: 'Rosa', country: 'US' });
      statements.length = 0;
      expect((await me.get('/home')).statusCode).toBe(200);
      expect(statements).toHaveLength(HOME_QUERIES);
      for (const statement of statements) expect(statement).not.toMatch(/limit (\?|\$\d+)/i);
      expect(statements.filter((statement) => /limit \d+/i.test(statement))).toHaveLength(3);
    } finally {
      await t.close();
    }
  });
});
