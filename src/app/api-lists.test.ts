// SPEC §14.2: every list answers `{"items": [...]}`, with any extra keys beside it. The walk takes
// every GET route of the JSON API from the app's own route table, so a list added later is checked
// too; only the answers named below are not lists. The OpenAPI document says the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../test/support/outbox.js';
import { signInConsole, type ConsoleClient } from '../../test/support/console-session.js';
import { concreteUrl, listRoutes } from '../../test/support/route-list.js';
import { publishNews } from '../../test/support/portal.js';

/** The GET routes of the API that answer one thing, not a list. */
const NOT_LISTS = ['/api/v1/openapi.json', '/api/v1/me', '/api/v1/news/:id', '/api/v1/admin/whoami', '/api/v1/admin/employees/:employeeId', '/api/v1/registration'];

/** The query a list needs to answer at all (a search term). */
const QUERIES: Record<string, string> = { '/api/v1/admin/employees': '?q=7600' };

/** Extra keys a list answers beside `items`. */
const EXTRA_KEYS: Record<string, string[]> = {
  '/api/v1/news': ['page', 'pages', 'total'],
  '/api/v1/benefits': ['upcoming', 'ended', 'nextEnrolment'],
  '/api/v1/admin/audit': ['nextCursor'],
};

type OpenApi = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { required?: string[]; properties?: Record<string, { type?: unknown }> } }> }> }>> };

describe('the JSON API’s lists', () => {
  let t: TestApp;
  let outbox: OutboxReader;
  let admin: ConsoleClient;
  let lists: string[];

  beforeAll(async () => {
    t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    admin = await signInConsole(t, outbox, '7600001', 'admin');
    await publishNews(t, { title: 'Walk the lists' });
    lists = listRoutes(t.app)
      .filter((route) => route.method === 'GET' && route.url.startsWith('/api/v1/') && !NOT_LISTS.includes(route.url))
      .map((route) => route.url);
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('knows every GET route of the API as a list or as one of the named single answers', () => {
    const gets = listRoutes(t.app).filter((route) => route.method === 'GET' && route.url.startsWith('/api/v1/')).map((route) => route.url);
    for (const single of NOT_LISTS) expect(gets, single).toContain(single);
    // The SPEC's lists, at least: a route that stopped being a GET would leave the walk silently.
    expect(lists).toEqual(
      expect.arrayContaining([
        '/api/v1/challenge-questions', '/api/v1/recovery/:flowId/questions', '/api/v1/me/sessions', '/api/v1/me/activity', '/api/v1/news', '/api/v1/tasks',
        '/api/v1/reviews', '/api/v1/benefits', '/api/v1/admin/employees', '/api/v1/admin/audit', '/api/v1/admin/help-requests', '/api/v1/admin/messages',
        '/api/v1/admin/news', '/api/v1/admin/tasks', '/api/v1/admin/reviews', '/api/v1/admin/benefits',
      ]),
    );
  });

  it('answers {items: [...]} on every list, with only its own extra keys beside it', async () => {
    const started = await admin.post('/api/v1/recovery', { identifier: '7600999' });
    const { flowId } = started.json<{ flowId: string }>();
    for (const url of lists) {
      const response = await admin.get(`${concreteUrl(url, { flowId })}${QUERIES[url] ?? ''}`);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      const body = response.json<Record<string, unknown>>();
      expect(Array.isArray(body.items), url).toBe(true);
      expect(Object.keys(body).sort(), url).toEqual(['items', ...(EXTRA_KEYS[url] ?? [])].sort());
    }
    const news = await admin.get('/api/v1/news');
    expect(news.json<{ items: { title: string }[] }>().items.map((item) => item.title)).toContain('Walk the lists');
    const questions = (await admin.get('/api/v1/challenge-questions')).json<{ items: { id: string; text: string }[] }>().items;
    expect(questions.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(questions[0]!).sort()).toEqual(['id', 'text']);
  });

  it('documents each list’s answer as `items` in the OpenAPI document, and no single answer as a list', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<OpenApi>();
    const answerOf = (url: string) => doc.paths[url.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')]?.get?.responses['200']?.content?.['application/json']?.schema;
    for (const url of lists) {
      const schema = answerOf(url);
      expect(schema?.required, url).toEqual(['items']);
      expect(schema?.properties?.items?.type, url).toBe('array');
      for (const key of EXTRA_KEYS[url] ?? []) expect(schema?.properties, `${url} ${key}`).toHaveProperty(key);
    }
    for (const url of NOT_LISTS.filter((u) => u !== '/api/v1/openapi.json')) expect(answerOf(url), url).toBeUndefined();
  });
});
