// HOME-2: the news list (newest first, 10 a page) and articles in the reader's language (else
// English, else the first written), with HR's Markdown served harmless. Both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { MINUTE } from '../../security/clock.js';
import { mainOf, publishNews, signedInEmployee, type Employee } from '../../../test/support/portal.js';

type NewsList = { items: { id: number; title: string; excerpt: string; publishedAt: string; language: string }[]; page: number; pages: number; total: number };

const PAYLOADS = [
  '<script>alert("s")</script>',
  '<img src=x onerror=alert("i")>',
  '<a href="javascript:alert(1)">raw</a>',
  '[mixed](JaVaScRiPt:alert(2))',
  '[entity](&#106;avascript:alert(3))',
  '[data](data:text/html;base64,PHNjcmlwdD4=)',
  '[proto](//evil.example/x)',
].join('\n\n');

describe.each(ENGINES)('news on %s', (engine) => {
  let t: TestApp;
  let me: Employee;
  const ids: number[] = [];
  let multilingual: number;
  let frenchOnly: number;
  let hostile: number;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    me = await signedInEmployee(t, { employeeId: '650001', givenName: 'Noor', country: 'CA' });
    const start = t.clock.now() - 1000 * MINUTE;
    for (let i = 1; i <= 22; i++) ids.push(await publishNews(t, { title: `Bulletin ${i}`, body: `Body of bulletin ${i}.`, publishedAt: start + i * MINUTE }));
    multilingual = await publishNews(t, {
      publishedAt: start + 30 * MINUTE,
      translations: [
        { language: 'en', title: 'Holiday schedule', body: 'The office **closes** early.' },
        { language: 'fr-CA', title: 'Horaire des fêtes', body: 'Le bureau ferme plus tôt.' },
      ],
    });
    frenchOnly = await publishNews(t, { publishedAt: start + 31 * MINUTE, translations: [{ language: 'fr-CA', title: 'Seulement en français', body: 'Texte.' }] });
    hostile = await publishNews(t, { publishedAt: start + 32 * MINUTE, title: 'Careful <em>title</em>', body: PAYLOADS });
  });
  afterAll(async () => {
    await t.close();
  });

  it('pages the list 10 at a time, newest first', async () => {
    const first = (await me.api('GET', '/api/v1/news')).json<NewsList>();
    expect(first).toMatchObject({ page: 1, pages: 3, total: 25 });
    expect(first.items).toHaveLength(10);
    expect(first.items.map((i) => i.id)).toEqual([hostile, frenchOnly, multilingual, ...ids.slice(-7).reverse()]);
    const third = (await me.api('GET', '/api/v1/news?page=3')).json<NewsList>();
    expect(third.items.map((i) => i.title)).toEqual(['Bulletin 5', 'Bulletin 4', 'Bulletin 3', 'Bulletin 2', 'Bulletin 1']);
    expect((await me.api('GET', '/api/v1/news?page=9')).json<NewsList>()).toMatchObject({ items: [], page: 9, pages: 3 });

    const page2 = mainOf(await me.get('/news?page=2'));
    expect(page2).toContain('Bulletin 15');
    expect(page2).not.toContain('Bulletin 16');
    expect(page2).toContain('Page 2 of 3');
    expect(page2).toContain('href="/news?page=1"');
    expect(page2).toContain('href="/news?page=3"');
    // Not a page number, or past the last page: page 1.
    for (const url of ['/news?page=abc', '/news?page=0', '/news?page=99']) expect(mainOf(await me.get(url))).toContain('Page 1 of 3');
  });

  it('picks the reader’s language, else English, else the first translation', async () => {
    const en = (await me.api('GET', `/api/v1/news/${multilingual}`)).json();
    expect(en).toMatchObject({ title: 'Holiday schedule', language: 'en', bodyHtml: expect.stringContaining('<strong>closes</strong>') });
    const fr = (await me.request({ method: 'GET', url: `/api/v1/news/${multilingual}?lang=fr-CA` })).json();
    expect(fr).toMatchObject({ title: 'Horaire des fêtes', language: 'fr-CA', bodyMarkdown: 'Le bureau ferme plus tôt.' });
    const es = (await me.request({ method: 'GET', url: `/api/v1/news/${multilingual}?lang=es-PR` })).json();
    expect(es).toMatchObject({ title: 'Holiday schedule', language: 'en' });
    await me.get('/news?lang=en');
    expect((await me.api('GET', `/api/v1/news/${frenchOnly}`)).json()).toMatchObject({ title: 'Seulement en français', language: 'fr-CA' });

    const frPage = await me.get(`/news/${multilingual}?lang=fr-CA`);
    expect(frPage.body).toMatch(/<h1[^>]*>Horaire des fêtes<\/h1>/);
    await me.get('/news?lang=en');
    const enList = mainOf(await me.get('/news'));
    expect(enList).toContain('Holiday schedule');
    expect(enList).toMatch(/<h2 lang="fr-CA"><a href="\/news\/\d+">Seulement en français<\/a><\/h2>/);
  });

  it('serves an article with script, image and javascript:/data:/protocol-relative links made harmless', async () => {
    const api = (await me.api('GET', `/api/v1/news/${hostile}`)).json<{ bodyHtml: string; bodyMarkdown: string; title: string }>();
    expect(api.bodyMarkdown).toBe(PAYLOADS);
    const page = await me.get(`/news/${hostile}`);
    expect(page.statusCode).toBe(200);
    const article = page.body.slice(page.body.indexOf('<article'), page.body.indexOf('</article>'));
    for (const html of [api.bodyHtml, article]) {
      expect(html).not.toMatch(/<(script|img)\b/i);
      expect(html).not.toMatch(/<[a-z][^>]*\son\w+=/i);
      expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
      expect(html).not.toMatch(/href="\s*\/\//);
      expect(html).toContain('&lt;script&gt;');
    }
    // The title is text, and the page's only h1.
    expect(page.body.match(/<h1\b/g)).toHaveLength(1);
    expect(article).toContain('Careful &lt;em>title&lt;/em>');
    // The list and the homepage show plain excerpts, escaped.
    for (const url of ['/news', '/home']) expect(mainOf(await me.get(url))).not.toMatch(/<(script|img)\b/i);
  });
});
