// HOME-3 in the console: HR creates news, tasks, reviews and benefit plans with forms carrying the
// page's CSRF token; a save redirects back saying so; problems re-show the form with what was typed,
// each error tied to its field; what HR typed is shown as text, never as markup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { cookieClient, signInConsole, type ConsoleClient } from '../../../test/support/console-session.js';
import { seedRegistered } from '../../../test/support/seed.js';

const SCRIPT = '<script>alert(1)</script>';

/** Submits a form as a browser does: the token read from the page just shown. */
async function submit(client: ConsoleClient, path: string, fields: [string, string][]) {
  const page = await client.get(path);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`no form token on ${path}`);
  const payload = new URLSearchParams([['_csrf', token], ...fields]).toString();
  return client.request({ method: 'POST', url: path, payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

describe('content pages (sqlite)', () => {
  let t: TestApp;
  let outbox: OutboxReader;
  let hr: ConsoleClient;
  let helpdesk: ConsoleClient;

  beforeAll(async () => {
    t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    hr = await signInConsole(t, outbox, '830001', 'hr');
    helpdesk = await signInConsole(t, outbox, '830002', 'helpdesk');
    await seedRegistered(t.deps, { employeeId: '830010', password: 'Harbor2026' });
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it.each(['/admin/news', '/admin/tasks', '/admin/reviews', '/admin/benefits'])('%s has one h1, a label for every control and HR’s navigation', async (path) => {
    const page = await hr.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<h1[ >]/g)).toHaveLength(1);
    const ids = [...page.body.matchAll(/<(?:input|textarea|select)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) expect(page.body, id).toContain(`for="${id}"`);
    expect(page.body).toContain('href="/admin/roster"');
    expect(page.body).toContain(`href="${path}" aria-current="page"`);
    expect(page.body).not.toContain('href="/admin/employees"');
  });

  it('/admin opens on a summary with the content links for HR staff and on the queue for the help desk', async () => {
    const summary = await hr.get('/admin');
    expect(summary.statusCode).toBe(200);
    for (const link of ['/admin/news', '/admin/tasks', '/admin/reviews', '/admin/benefits', '/admin/roster']) expect(summary.body).toContain(`href="${link}"`);
    expect((await helpdesk.get('/admin')).headers.location).toBe('/admin/help-requests');
    // Role holders find the console from the portal's header; others are not shown the link.
    expect((await hr.get('/home')).body).toContain('<a href="/admin">Console</a>');
    expect((await helpdesk.get('/profile')).body).toContain('<a href="/admin">Console</a>');
  });

  it('refuses the help desk, whose navigation does not offer the content pages', async () => {
    expect((await helpdesk.get('/admin/news')).statusCode).toBe(403);
    expect((await helpdesk.request({ method: 'POST', url: '/admin/tasks', payload: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(403);
    const search = await helpdesk.get('/admin/employees');
    expect(search.body).toContain('href="/admin/help-requests"');
    expect(search.body).not.toContain('href="/admin/news"');
    const signedOut = await cookieClient(t.app).get('/admin/news');
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe('/login?return=%2Fadmin%2Fnews');
  });

  it('publishes an article in two languages, redirects with a notice and previews it safely', async () => {
    const saved = await submit(hr, '/admin/news', [
      ['title-en', `Picnic ${SCRIPT}`],
      ['body-en', `Join us **Friday**. ${SCRIPT} [x](javascript:alert(1))`],
      ['title-fr-CA', 'Pique-nique'],
      ['body-fr-CA', 'Vendredi.'],
      ['title-es-PR', ''],
      ['body-es-PR', ''],
      ['countries', 'US'],
      ['countries', 'PR'],
      ['publishedAt', ''],
      ['ref', 'picnic-2026'],
    ]);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/news?saved=created');
    const page = await hr.get('/admin/news?saved=created');
    expect(page.body).toContain('The article was published.');
    expect(page.body).toContain('Picnic &lt;script>alert(1)&lt;/script>');
    expect(page.body).not.toContain(SCRIPT);
    expect(page.body).toContain('<strong>Friday</strong>');
    expect(page.body).not.toContain('href="javascript:');
    expect(page.body).toContain('United States, Puerto Rico');
    const stored = await t.deps.storage.db.selectFrom('news_translations').select(['language', 'title']).orderBy('language').execute();
    expect(stored).toEqual([
      { language: 'en', title: `Picnic ${SCRIPT}` },
      { language: 'fr-CA', title: 'Pique-nique' },
    ]);
  });

  it('re-shows the task form with what was typed and each error tied to its field (400)', async () => {
    const response = await submit(hr, '/admin/tasks', [
      ['title', ''],
      ['description', `Bring ${SCRIPT}`],
      ['dueOn', 'tomorrow'],
      ['audience', 'employee'],
      ['assigneeId', '999999'],
    ]);
    expect(response.statusCode).toBe(400);
    const body = response.body;
    expect(body).toMatch(/<title>Error: /);
    expect(body).toContain('value="tomorrow"');
    expect(body).toContain('value="999999"');
    expect(body).toContain('Bring &lt;script>');
    for (const field of ['title', 'dueOn', 'assigneeId']) {
      expect(body).toContain(`id="${field}-error"`);
      expect(body).toContain(`href="#${field}"`);
      expect(body).toMatch(new RegExp(`id="${field}"[^>]*aria-describedby="[^"]*${field}-error`));
    }
    expect(body).toContain('No employee on the roster has this Employee ID.');
    expect(await t.deps.storage.db.selectFrom('tasks').selectAll().execute()).toEqual([]);
  });

  it('assigns a group task, records a review and a benefit plan', async () => {
    const task = await submit(hr, '/admin/tasks', [
      ['title', 'Open enrolment'],
      ['audience', 'group'],
      ['countries', 'US'],
      ['statuses', 'active'],
    ]);
    expect(task.headers.location).toBe('/admin/tasks?saved=created');
    const review = await submit(hr, '/admin/reviews', [
      ['employeeId', '830010'],
      ['period', '2025'],
      ['reviewer', 'Dana Boss'],
      ['rating', '5'],
      ['strengths', 'Everything'],
      ['goals', 'More'],
      ['reviewedOn', ''],
    ]);
    expect(review.headers.location).toBe('/admin/reviews?saved=created');
    const plan = await submit(hr, '/admin/benefits', [
      ['employeeId', '830010'],
      ['plan', 'Dental Basic'],
      ['category', 'dental'],
      ['coverage', 'Employee'],
      ['startsOn', '2026-01-01'],
      ['enrolmentOpensOn', '2026-11-01'],
      ['enrolmentClosesOn', ''],
    ]);
    expect(plan.statusCode).toBe(400);
    expect(plan.body).toContain('Give both enrolment dates, or neither.');
    expect(plan.body).toContain('value="Dental Basic"');
    const fixed = await submit(hr, '/admin/benefits', [
      ['employeeId', '830010'],
      ['plan', 'Dental Basic'],
      ['category', 'dental'],
      ['coverage', 'Employee'],
      ['startsOn', '2026-01-01'],
    ]);
    expect(fixed.headers.location).toBe('/admin/benefits?saved=created');
    expect((await hr.get('/admin/tasks')).body).toContain('United States · Active');
    expect((await hr.get('/admin/reviews')).body).toContain('5 – Outstanding');
    expect((await hr.get('/admin/benefits?lang=fr-CA')).body).toContain('Soins dentaires');
  });

  it('refuses a form without the page’s token', async () => {
    const response = await hr.request({ method: 'POST', url: '/admin/news', payload: 'title-en=x&body-en=y', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.statusCode).toBe(403);
  });
  it('takes a task’s French title in its own fieldset, lists the languages, and ties a translation’s error to its control', async () => {
    const form = (await hr.get('/admin/tasks?lang=en')).body;
    expect(form).toMatch(/<fieldset class="field" aria-describedby="lang-fr-CA-hint"><legend>Français \(Canada\)<\/legend><p class="hint" id="lang-fr-CA-hint">Optional/);
    expect(form).toContain('id="title-es-PR"');
    const saved = await submit(hr, '/admin/tasks', [
      ['title', 'Read the handbook'],
      ['title-fr-CA', 'Lisez le guide'],
      ['description-fr-CA', ''],
      ['title-es-PR', ''],
      ['description-es-PR', ''],
      ['audience', 'group'],
      ['ref', 'handbook-2026'],
    ]);
    expect(saved.statusCode).toBe(303);
    const stored = await t.deps.storage.db.selectFrom('task_translations').select(['language', 'title']).execute();
    expect(stored).toEqual([{ language: 'fr-CA', title: 'Lisez le guide' }]);
    expect((await hr.get('/admin/tasks')).body).toMatch(/<td data-label="[^"]+">Read the handbook<\/td><td data-label="[^"]+">en, fr-CA<\/td>/);

    const refused = await submit(hr, '/admin/tasks', [
      ['title', 'Read the handbook'],
      ['title-es-PR', 'x'.repeat(201)],
      ['audience', 'group'],
    ]);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#title-es-PR"');
    expect(refused.body).toMatch(/<p class="field-error notice notice--error" id="title-es-PR-error"/);
  });
});
