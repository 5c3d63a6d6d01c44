// HOME-1/2 black-box: content reaches exactly the employees it targets (country, status,
// publication time), and one employee can never read or change another's tasks, reviews or
// benefits — through the JSON API or the pages. A foreign id answers exactly like a missing one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { MINUTE } from '../security/clock.js';
import { saveBenefit } from '../storage/repositories/content/benefits.js';
import { saveReview } from '../storage/repositories/content/reviews.js';
import { saveTask } from '../storage/repositories/content/tasks.js';
import { mainOf, publishNews, signedInEmployee, type Employee } from '../../test/support/portal.js';

type NewsList = { items: { id: number; title: string }[]; total: number };
type TaskList = { items: { id: number; title: string }[] };

describe.each(ENGINES)('homepage modules: targeting and isolation on %s', (engine) => {
  let t: TestApp;
  let us: Employee;
  let ca: Employee;
  let prActive: Employee;
  let prInactive: Employee;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    us = await signedInEmployee(t, { employeeId: '610001', givenName: 'Ursula', country: 'US' });
    ca = await signedInEmployee(t, { employeeId: '610002', givenName: 'Camille', country: 'CA' });
    prActive = await signedInEmployee(t, { employeeId: '610003', givenName: 'Pedro', country: 'PR', status: 'active' });
    prInactive = await signedInEmployee(t, { employeeId: '610004', givenName: 'Paula', country: 'PR', status: 'inactive' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows news for Canada to Canadian employees only, and answers 404 for it elsewhere', async () => {
    const canadaOnly = await publishNews(t, { countries: ['CA'], title: 'Canada Day schedule' });
    const everyone = await publishNews(t, { title: 'Welcome to Portico news' });

    const usList = (await us.api('GET', '/api/v1/news')).json<NewsList>();
    expect(usList.items.map((i) => i.id)).toContain(everyone);
    expect(usList.items.map((i) => i.id)).not.toContain(canadaOnly);
    expect(mainOf(await us.get('/news'))).not.toContain('Canada Day schedule');
    const usHome = await us.get('/home');
    expect(mainOf(usHome)).not.toContain('Canada Day schedule');
    expect(usHome.body).not.toContain('href="/admin"');

    const missing = await us.api('GET', '/api/v1/news/999999');
    const hidden = await us.api('GET', `/api/v1/news/${canadaOnly}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual(missing.json());
    expect(hidden.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const hiddenPage = await us.get(`/news/${canadaOnly}`);
    expect(hiddenPage.statusCode).toBe(404);
    expect(hiddenPage.body).not.toContain('Canada Day schedule');
    expect(mainOf(hiddenPage)).toBe(mainOf(await us.get('/news/999999')));

    expect((await ca.api('GET', '/api/v1/news')).json<NewsList>().items.map((i) => i.id)).toEqual(expect.arrayContaining([canadaOnly, everyone]));
    expect((await ca.api('GET', `/api/v1/news/${canadaOnly}`)).json()).toMatchObject({ id: canadaOnly, title: 'Canada Day schedule' });
    const page = await ca.get(`/news/${canadaOnly}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<h1[^>]*>Canada Day schedule<\/h1>/);
    expect(mainOf(await ca.get('/news'))).toContain('Canada Day schedule');
    expect(mainOf(await ca.get('/home'))).toContain('Canada Day schedule');
  });

  it('keeps scheduled news hidden until its publication time', async () => {
    const scheduled = await publishNews(t, { publishedAt: t.clock.now() + 5 * MINUTE, title: 'Scheduled announcement' });
    expect((await us.api('GET', `/api/v1/news/${scheduled}`)).statusCode).toBe(404);
    expect((await us.get(`/news/${scheduled}`)).statusCode).toBe(404);
    expect((await us.api('GET', '/api/v1/news')).json<NewsList>().items.map((i) => i.id)).not.toContain(scheduled);
    expect(mainOf(await us.get('/home'))).not.toContain('Scheduled announcement');

    t.clock.advance(6 * MINUTE);
    expect((await us.api('GET', `/api/v1/news/${scheduled}`)).statusCode).toBe(200);
    expect((await us.api('GET', '/api/v1/news')).json<NewsList>().items[0]?.id).toBe(scheduled);
    expect(mainOf(await us.get('/home'))).toContain('Scheduled announcement');
  });

  it('gives a task for all active employees in Puerto Rico to exactly them', async () => {
    const id = await saveTask(t.deps.storage.db, { title: 'Update your PR tax form', description: 'Form 499R-4.1', countries: ['PR'], statuses: ['active'] }, t.clock.now());
    const ids = async (e: Employee) => (await e.api('GET', '/api/v1/tasks')).json<TaskList>().items.map((task) => task.id);
    expect(await ids(prActive)).toContain(id);
    expect(await ids(prInactive)).not.toContain(id);
    expect(await ids(us)).not.toContain(id);
    expect(mainOf(await prActive.get('/tasks'))).toContain('Update your PR tax form');
    expect(mainOf(await prActive.get('/home'))).toContain('Update your PR tax form');
    expect(mainOf(await prInactive.get('/tasks'))).not.toContain('Update your PR tax form');
    expect(mainOf(await us.get('/home'))).not.toContain('Update your PR tax form');
    // Not theirs: marking it done is the same 404 as for a missing task.
    expect((await us.api('POST', `/api/v1/tasks/${id}/done`)).statusCode).toBe(404);
    expect((await prInactive.form(`/tasks/${id}/done`)).statusCode).toBe(404);
    expect((await prActive.api('POST', `/api/v1/tasks/${id}/done`)).json()).toMatchObject({ id, done: true });
  });

  describe('isolation between two employees', () => {
    let taskOfB: number;
    let reviewOfB: number;
    beforeAll(async () => {
      const db = t.deps.storage.db;
      const now = t.clock.now();
      taskOfB = await saveTask(db, { title: 'Camille only: sign the NDA', description: 'Private', assigneeId: ca.employeeId }, now);
      await saveTask(db, { title: 'Ursula only: badge photo', description: 'Private', assigneeId: us.employeeId }, now);
      reviewOfB = await saveReview(db, { employeeId: ca.employeeId, period: 'Camille 2025', reviewer: 'R. Reviewer', rating: 4, strengths: 'Secret strengths', goals: 'Secret goals', reviewedOn: '2026-01-15' }, now);
      await saveReview(db, { employeeId: us.employeeId, period: 'Ursula 2025', reviewer: 'R. Reviewer', rating: 3, strengths: 'Own strengths', goals: 'Own goals', reviewedOn: '2026-01-16' }, now);
      await saveBenefit(db, { employeeId: ca.employeeId, plan: 'Camille Dental Plus', category: 'dental', coverage: 'Family', startsOn: '2026-01-01' }, now);
      await saveBenefit(db, { employeeId: us.employeeId, plan: 'Ursula Medical Basic', category: 'medical', coverage: 'Employee only', startsOn: '2026-01-01' }, now);
    });

    it("cannot mark B's task done or undo it, through the API or the pages", async () => {
      for (const response of [
        await us.api('POST', `/api/v1/tasks/${taskOfB}/done`),
        await us.api('DELETE', `/api/v1/tasks/${taskOfB}/done`),
        await us.form(`/tasks/${taskOfB}/done`),
        await us.form(`/tasks/${taskOfB}/undo`),
      ]) {
        expect(response.statusCode).toBe(404);
      }
      expect((await us.api('POST', '/api/v1/tasks/999999/done')).json()).toEqual((await us.api('POST', `/api/v1/tasks/${taskOfB}/done`)).json());
      const done = await t.deps.storage.db.selectFrom('task_completions').select('employee_id').where('task_id', '=', taskOfB).execute();
      expect(done).toEqual([]);
    });

    it("cannot acknowledge B's review, and B's review stays unacknowledged", async () => {
      const api = await us.api('POST', `/api/v1/reviews/${reviewOfB}/acknowledge`, { comment: 'not mine' });
      expect(api.statusCode).toBe(404);
      expect(api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
      expect((await us.form(`/reviews/${reviewOfB}/acknowledge`, { comment: 'not mine' })).statusCode).toBe(404);
      // Even a too-long comment (which would re-show the form) gets the 404 for someone else's review.
      expect((await us.form(`/reviews/${reviewOfB}/acknowledge`, { comment: 'x'.repeat(1001) })).statusCode).toBe(404);
      const row = await t.deps.storage.db.selectFrom('reviews').select(['acknowledged_at', 'acknowledgement']).where('id', '=', reviewOfB).executeTakeFirstOrThrow();
      expect(row).toEqual({ acknowledged_at: null, acknowledgement: null });
    });

    it("never lists B's tasks, reviews or benefits to A", async () => {
      const api = [await us.api('GET', '/api/v1/tasks'), await us.api('GET', '/api/v1/reviews'), await us.api('GET', '/api/v1/benefits')];
      const pages = [await us.get('/home'), await us.get('/tasks'), await us.get('/reviews'), await us.get('/benefits')];
      for (const text of [...api.map((r) => r.body), ...pages.map(mainOf)]) {
        expect(text).not.toMatch(/Camille|Secret/);
      }
      // …while A's own items are there (so the lists are not simply empty).
      expect(api[0]!.body).toContain('Ursula only: badge photo');
      expect(api[1]!.body).toContain('Ursula 2025');
      expect(api[2]!.body).toContain('Ursula Medical Basic');
      expect(mainOf(pages[0]!)).toContain('Ursula only: badge photo');
      expect(mainOf(pages[2]!)).toContain('Own strengths');
      expect(mainOf(pages[3]!)).toContain('Ursula Medical Basic');
      // B sees their own.
      expect((await ca.api('GET', '/api/v1/reviews')).body).toContain('Camille 2025');
    });
  });

  it('answers 401 UNAUTHENTICATED on every module API route without a session, and sends pages to sign-in', async () => {
    const routes: [('GET' | 'POST' | 'DELETE'), string][] = [
      ['GET', '/api/v1/news'],
      ['GET', '/api/v1/news/1'],
      ['GET', '/api/v1/tasks'],
      ['POST', '/api/v1/tasks/1/done'],
      ['DELETE', '/api/v1/tasks/1/done'],
      ['GET', '/api/v1/reviews'],
      ['POST', '/api/v1/reviews/1/acknowledge'],
      ['GET', '/api/v1/benefits'],
    ];
    for (const [method, url] of routes) {
      const response = await t.app.inject({ method, url });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    }
    for (const url of ['/news', '/news/1', '/tasks', '/reviews', '/benefits']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toBe('/login');
    }
  });

  it('validates ids and page numbers: 400 VALIDATION on the API, 404 or page 1 on pages', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/news/abc'],
      ['GET', '/api/v1/news/1e3'],
      ['GET', '/api/v1/news?page=0'],
      ['GET', '/api/v1/news?page=two'],
      ['POST', '/api/v1/tasks/-1/done'],
      ['DELETE', '/api/v1/tasks/x/done'],
      ['POST', '/api/v1/reviews/9999999999999/acknowledge'],
    ] as const) {
      const response = await us.api(method, url);
      expect(response.statusCode, `${method} ${url}`).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    }
    expect((await us.get('/news/abc')).statusCode).toBe(404);
    expect((await us.form('/tasks/abc/done')).statusCode).toBe(404);
    expect((await us.form('/reviews/abc/acknowledge')).statusCode).toBe(404);
    const badPage = await us.get('/news?page=-4');
    expect(badPage.statusCode).toBe(200);
    expect(mainOf(badPage)).toContain('Welcome to Portico news');
  });
});
