// HOME-3 through the JSON API (SPEC §14.2 `POST /admin/news|tasks|reviews|benefits`), on both
// engines: HR (with a second factor) creates each kind and the employees it targets get it; bad
// input is a 400 VALIDATION naming each field, never a 500; nobody but HR (or admin) gets in;
// every creation is audited without its text. Tasks, reviews and benefit plans may carry texts in
// the other languages, which their readers then see (else the English, marked lang="en").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { ENGINES } from '../../../test/support/databases.js';
import { api, seedPerson, signIn, type Agent } from '../../../test/support/console-employees.js';
import { listAllNews, listVisibleNews } from '../../storage/repositories/content/news.js';
import { listTasksFor } from '../../storage/repositories/content/tasks.js';
import { listReviewsFor } from '../../storage/repositories/content/reviews.js';
import { listBenefitsFor } from '../../storage/repositories/content/benefits.js';
import { fieldsOf, type ApiErrorBody } from '../../../test/support/api-errors.js';
import { mainOf } from '../../../test/support/portal.js';


describe.each(ENGINES)('content admin API on %s', (engine) => {
  let t: TestApp;
  let hr: Agent;
  let admin: Agent;
  let helpdesk: Agent;
  let employee: Agent;
  const post = (agent: Agent | null, kind: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1/admin/${kind}`, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(agent ? { cookie: agent.cookie } : {}), ...headers } });
  const fields = (response: { json: <T>() => T }) => fieldsOf(response.json<ApiErrorBody>());

  beforeAll(async () => {
    t = await createTestApp({ engine });
    await seedPerson(t.deps, '810001', ['hr']);
    await seedPerson(t.deps, '810002', ['helpdesk']);
    await seedPerson(t.deps, '810003');
    await seedPerson(t.deps, '810004', ['admin']);
    await seedPerson(t.deps, '00810005');
    await t.deps.storage.db.updateTable('employees').set({ country: 'CA', status: 'retired' }).where('employee_id', '=', '00810005').execute();
    hr = await signIn(t.app, t.deps, '810001');
    helpdesk = await signIn(t.app, t.deps, '810002');
    employee = await signIn(t.app, t.deps, '810003');
    admin = await signIn(t.app, t.deps, '810004');
  });
  afterAll(async () => t.close());

  it('creates a news article for Canada that Canadians see and others do not; the same ref replaces it', async () => {
    const body = {
      ref: 'news-2026-ca',
      countries: ['ca'],
      publishedAt: '2026-01-01T09:00:00Z',
      translations: [
        { language: 'en', title: 'Snow days', body: 'Stay **warm**.' },
        { language: 'fr-CA', title: 'Jours de neige', body: 'Restez au chaud.' },
      ],
    };
    const created = await post(hr, 'news', body);
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: number }>();
    const now = t.clock.now();
    const canada = await listVisibleNews(t.deps.storage.db, 'CA', now, { limit: 10, offset: 0 });
    expect(canada.map((n) => n.id)).toContain(id);
    expect(canada.find((n) => n.id === id)).toMatchObject({ countries: ['CA'], publishedAt: Date.parse('2026-01-01T09:00:00Z'), authorId: '810001' });
    expect((await listVisibleNews(t.deps.storage.db, 'US', now, { limit: 10, offset: 0 })).map((n) => n.id)).not.toContain(id);

    const again = await post(hr, 'news', { ...body, translations: [{ language: 'en', title: 'Snow days (updated)', body: 'Stay warm.' }] });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id, created: false });
    const all = (await listAllNews(t.deps.storage.db, 50)).filter((n) => n.ref === 'news-2026-ca');
    expect(all).toHaveLength(1);
    expect(all[0]!.translations).toEqual([{ language: 'en', title: 'Snow days (updated)', body: 'Stay warm.' }]);
  });

  it('assigns a task to one employee (normalised ID) and a group task by country and status', async () => {
    const personal = await post(hr, 'tasks', { title: 'Sign the policy', audience: 'employee', assigneeId: ' 00810005 ', dueOn: '2026-03-31' });
    expect(personal.statusCode).toBe(201);
    const group = await post(hr, 'tasks', { title: 'Retiree survey', description: 'Tell us.', audience: 'group', countries: ['CA'], statuses: ['retired'] });
    expect(group.statusCode).toBe(201);
    const other = await post(hr, 'tasks', { title: 'US only', audience: 'group', countries: ['US'] });
    expect(other.statusCode).toBe(201);
    const tasks = await listTasksFor(t.deps.storage.db, { employeeId: '00810005', country: 'CA', status: 'retired' }, { openOnly: true });
    expect(tasks.map((task) => task.title).sort()).toEqual(['Retiree survey', 'Sign the policy']);
    expect(tasks.find((task) => task.title === 'Sign the policy')).toMatchObject({ assigneeId: '00810005', dueOn: '2026-03-31', countries: null });
  });

  it('records a review and a benefit plan (admin may too)', async () => {
    const review = await post(hr, 'reviews', { employeeId: '00810005', period: '2025', reviewer: 'Dana Boss', rating: 4, strengths: 'Calm.', goals: 'Mentor.', reviewedOn: '2026-01-15' });
    expect(review.statusCode).toBe(201);
    expect(await listReviewsFor(t.deps.storage.db, '00810005')).toMatchObject([{ period: '2025', rating: 4, reviewedOn: '2026-01-15', acknowledgedAt: null }]);
    const plan = { employeeId: '00810005', plan: 'Health Plus', category: 'medical', coverage: 'Employee + family', startsOn: '2026-01-01', enrolmentOpensOn: '2026-11-01', enrolmentClosesOn: '2026-11-30' };
    expect((await post(admin, 'benefits', plan)).statusCode).toBe(201);
    expect(await listBenefitsFor(t.deps.storage.db, '00810005')).toMatchObject([{ plan: 'Health Plus', endsOn: null, enrolmentClosesOn: '2026-11-30' }]);
    const list = await api(t.app, hr, 'GET', '/api/v1/admin/benefits');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { plan: string }[] }>().items.map((b) => b.plan)).toContain('Health Plus');
  });

  it.each([
    ['news', { translations: [{ language: 'en', title: '', body: 'x' }] }, 'translations.0.title'],
    ['news', { translations: [{ language: 'de', title: 'Hallo', body: 'x' }] }, 'translations.0.language'],
    ['news', { translations: [{ language: 'en', title: 'A', body: 'x' }, { language: 'EN', title: 'B', body: 'y' }] }, 'translations.1.language'],
    ['news', { countries: ['MX'], translations: [{ language: 'en', title: 'A', body: 'x' }] }, 'countries'],
    ['news', { publishedAt: 'next week', translations: [{ language: 'en', title: 'A', body: 'x' }] }, 'publishedAt'],
    ['news', { translations: [] }, 'translations'],
    ['tasks', { title: 'A', audience: 'employee', assigneeId: '999999' }, 'assigneeId'],
    ['tasks', { title: 'A', audience: 'group', dueOn: '2026-02-30' }, 'dueOn'],
    ['tasks', { title: 'A' }, 'audience'],
    ['tasks', { title: 'A', audience: 'group', statuses: ['fired'] }, 'statuses'],
    ['tasks', { title: 'A', audience: 'employee', assigneeId: '00810005', countries: ['CA'] }, 'countries'],
    ['reviews', { employeeId: '00810005', period: 'P', reviewer: 'R', rating: 7, strengths: 'S', goals: 'G' }, 'rating'],
    ['reviews', { employeeId: '123', period: 'P', reviewer: 'R', rating: 3, strengths: 'S', goals: 'G' }, 'employeeId'],
    ['benefits', { employeeId: '00810005', plan: 'P', category: 'medical', coverage: 'C', startsOn: '2026-05-01', endsOn: '2026-04-30' }, 'endsOn'],
    ['benefits', { employeeId: '00810005', plan: 'P', category: 'medical', coverage: 'C', startsOn: '2026-05-01', enrolmentOpensOn: '2026-05-10', enrolmentClosesOn: '2026-05-01' }, 'enrolmentClosesOn'],
    ['benefits', { employeeId: '00810005', plan: 'P', category: 'spa', coverage: 'C', startsOn: '2026-05-01', extra: 1 }, 'category'],
    ['tasks', { title: 'A', audience: 'group', translations: [{ language: 'de', title: 'B' }] }, 'translations.0.language'],
    ['tasks', { title: 'A', audience: 'group', translations: [{ language: 'en', title: 'B' }] }, 'translations.0.language'],
    ['tasks', { title: 'A', audience: 'group', translations: [{ language: 'fr-CA', title: 'B' }, { language: 'FR-ca', title: 'C' }] }, 'translations.1.language'],
    ['tasks', { title: 'A', audience: 'group', translations: [{ language: 'es-PR', title: 'B', colour: 'red' }] }, 'translations.0.colour'],
    ['tasks', { title: 'A', audience: 'group', translations: 'fr-CA' }, 'translations'],
    ['reviews', { employeeId: '00810005', period: 'P', reviewer: 'R', rating: 3, strengths: 'S', goals: 'G', translations: [{ language: 'fr-CA', period: 'P', strengths: 'S' }] }, 'translations.0.goals'],
    ['benefits', { employeeId: '00810005', plan: 'P', category: 'medical', coverage: 'C', startsOn: '2026-05-01', translations: [{ language: 'es-PR', plan: 'x'.repeat(201), coverage: 'C' }] }, 'translations.0.plan'],
  ])('%s: %j is a 400 naming %s', async (kind, body, field) => {
    const response = await post(hr, kind, body);
    expect(response.statusCode).toBe(400);
    expect(response.json<ApiErrorBody>().error.code).toBe('VALIDATION');
    expect(fields(response)).toHaveProperty([field]);
  });

  it('names every problem at once, in the reader’s language; odd bodies are 400, not 500', async () => {
    const response = await post(hr, 'reviews', { employeeId: '999999', rating: '7', surprise: true }, { 'accept-language': 'fr-CA' });
    expect(response.statusCode).toBe(400);
    const problems = fields(response);
    expect(Object.keys(problems).sort()).toEqual(['employeeId', 'goals', 'period', 'rating', 'reviewer', 'strengths', 'surprise']);
    expect(problems.rating).toBe('Donnez une cote sous forme de nombre entier de 1 à 5.');
    // SPEC §14.2: a list of {field, code, message}, the code the problem's own in snake_case.
    expect(response.json<ApiErrorBody>().error.fields).toContainEqual({ field: 'rating', code: 'rating_invalid', message: problems.rating });
    expect(response.json<ApiErrorBody>().error.fields).toContainEqual(expect.objectContaining({ field: 'surprise', code: 'field_unknown' }));
    for (const body of [[], 'text', null, 42]) expect((await post(hr, 'tasks', body)).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/admin/news', payload: '{"translations": [', headers: { 'content-type': 'application/json', cookie: hr.cookie } })).statusCode).toBe(400);
  });

  it('says what is wrong with a translation in the reader’s language, with its code', async () => {
    const response = await post(hr, 'tasks', { title: 'A', audience: 'group', translations: [{ language: 'en', title: 'B' }, { language: 'xx', title: 'C' }] }, { 'accept-language': 'fr-CA' });
    expect(response.statusCode).toBe(400);
    const errors = response.json<ApiErrorBody>().error.fields;
    expect(errors).toContainEqual({ field: 'translations.0.language', code: 'translation_english', message: 'L’anglais va dans les champs principaux. Les traductions servent seulement aux autres langues.' });
    expect(errors).toContainEqual({ field: 'translations.1.language', code: 'translation_language_invalid', message: 'Utilisez l’une de ces langues\u00A0: fr-CA, es-PR. L’anglais va dans les champs principaux.' });
  });

  it('a task with a French title shows it on the French homepage and the English one elsewhere; without one, English marked lang="en"', async () => {
    const home = async (language: string) => mainOf(await t.app.inject({ method: 'GET', url: `/home?lang=${language}`, headers: { cookie: employee.cookie } }));
    const task = { ref: 'task-fr', title: 'Update your address', description: 'In Edit My Profile.', audience: 'employee', assigneeId: '810003', dueOn: '2026-01-02' };
    const created = await post(hr, 'tasks', { ...task, translations: [{ language: 'FR-ca', title: 'Mettez votre adresse à jour', description: 'Dans Modifier mon profil.' }] });
    expect(created.statusCode).toBe(201);
    expect((await post(hr, 'tasks', { title: 'English only task', audience: 'employee', assigneeId: '810003', dueOn: '2026-01-03' })).statusCode).toBe(201);

    const french = await home('fr-CA');
    expect(french).toMatch(/<h3 class="task__title" id="task-\d+">Mettez votre adresse à jour/);
    expect(french).not.toContain('Update your address');
    expect(french).toMatch(/<h3 class="task__title" id="task-\d+"><span lang="en">English only task<\/span>/);
    const english = await home('en');
    expect(english).toMatch(/<h3 class="task__title" id="task-\d+">Update your address/);
    expect(english).not.toContain('Mettez votre adresse');
    expect(english).not.toContain('lang="en">English only task');

    // The admin list keeps the English fields and adds the translations.
    const listed = (await api(t.app, hr, 'GET', '/api/v1/admin/tasks')).json<{ items: { ref: string | null; title: string; translations: unknown[] }[] }>().items;
    expect(listed.find((item) => item.ref === 'task-fr')).toMatchObject({ title: 'Update your address', translations: [{ language: 'fr-CA', title: 'Mettez votre adresse à jour', description: 'Dans Modifier mon profil.' }] });

    // Saving by the same ref replaces the translations: none now, so English (marked) on the French page.
    expect((await post(hr, 'tasks', task)).statusCode).toBe(200);
    expect(await home('fr-CA')).toMatch(/<span lang="en">Update your address<\/span>/);
  });

  it('a review and a benefit plan show their translation on their pages and in the JSON, else English marked lang="en"', async () => {
    const get = (url: string, language: string) => t.app.inject({ method: 'GET', url, headers: { cookie: employee.cookie, 'accept-language': language } });
    const review = { employeeId: '810003', period: '2025', reviewer: 'Dana Boss', rating: 4, strengths: 'Calm under pressure.', goals: 'Mentor a colleague.', reviewedOn: '2026-01-15' };
    const es = { language: 'es-PR', period: 'Año 2025', strengths: 'Mantiene la calma bajo presión.', goals: 'Ser mentora de una colega.' };
    expect((await post(hr, 'reviews', { ...review, translations: [es] })).statusCode).toBe(201);
    const plan = { employeeId: '810003', plan: 'Health Plus', category: 'medical', coverage: 'Employee + family', startsOn: '2026-01-01' };
    expect((await post(hr, 'benefits', { ...plan, translations: [{ language: 'fr-CA', plan: 'Santé Plus', coverage: 'Employé et famille' }] })).statusCode).toBe(201);

    const spanish = mainOf((await get('/reviews', 'es-PR')));
    expect(spanish).toContain('Mantiene la calma bajo presión.');
    expect(spanish).not.toContain('Calm under pressure.');
    expect(spanish).not.toContain('lang="en"');
    const french = mainOf((await get('/reviews', 'fr-CA')));
    expect(french).toContain('<p class="pre-line" lang="en">Calm under pressure.</p>');
    expect(french).toContain('<span lang="en">2025</span>');
    const reviews = (await get('/api/v1/reviews', 'es-PR')).json<{ items: Record<string, unknown>[] }>().items;
    expect(reviews[0]).toMatchObject({ period: 'Año 2025', strengths: es.strengths, goals: es.goals, language: 'es-PR', reviewer: 'Dana Boss' });
    expect((await get('/api/v1/reviews', 'en')).json<{ items: Record<string, unknown>[] }>().items[0]).toMatchObject({ strengths: review.strengths, language: 'en' });

    const benefitsFr = mainOf((await get('/benefits', 'fr-CA')));
    expect(benefitsFr).toContain('<th scope="row">Santé Plus</th>');
    expect(benefitsFr).toContain('Employé et famille');
    const benefitsEs = mainOf((await get('/benefits', 'es-PR')));
    expect(benefitsEs).toContain('<th scope="row" lang="en">Health Plus</th>');
    expect(mainOf((await get('/home', 'es-PR')))).toContain('<strong lang="en">Health Plus</strong>');
    const items = (await get('/api/v1/benefits', 'fr-CA')).json<{ items: Record<string, unknown>[] }>().items;
    expect(items.find((item) => item.plan === 'Santé Plus')).toMatchObject({ coverage: 'Employé et famille', language: 'fr-CA' });
  });

  it('refuses the help desk and plain employees (403) and visitors without a session (401), writing nothing', async () => {
    const body = { title: 'Sneaky', audience: 'group' };
    for (const agent of [helpdesk, employee]) {
      const response = await post(agent, 'tasks', body);
      expect(response.statusCode).toBe(403);
      expect(response.json<ApiErrorBody>().error.code).toBe('FORBIDDEN');
      expect((await api(t.app, agent, 'GET', '/api/v1/admin/news')).statusCode).toBe(403);
    }
    const anonymous = await post(null, 'tasks', body);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json<ApiErrorBody>().error.code).toBe('UNAUTHENTICATED');
    const titles = await t.deps.storage.db.selectFrom('tasks').select('title').execute();
    expect(titles.map((row) => row.title)).not.toContain('Sneaky');
  });

  it('audits each creation with the HR user, the request and the kind, id and ref, never the text', async () => {
    const secret = 'Quarterly numbers are confidential-7731';
    const response = await post(hr, 'news', { ref: 'audit-check', translations: [{ language: 'en', title: 'Audit check title', body: secret }] }, { 'user-agent': 'ContentTest/1.0' });
    expect(response.statusCode).toBe(201);
    const { id } = response.json<{ id: number }>();
    const rows = await t.deps.storage.db.selectFrom('audit_events').selectAll().where('event', '=', 'content.published').execute();
    const row = rows.find((r) => r.detail !== null && (JSON.parse(r.detail) as { ref?: string }).ref === 'audit-check');
    expect(row).toMatchObject({ outcome: 'success', actor_id: '810001', user_agent: 'ContentTest/1.0' });
    expect(row!.request_id).toBeTruthy();
    expect(row!.ip).toBeTruthy();
    expect(JSON.parse(row!.detail!)).toEqual({ kind: 'news', id, ref: 'audit-check', action: 'created' });
    const review = rows.find((r) => r.subject_id === '00810005' && r.detail?.includes('"reviews"'));
    expect(review).toBeDefined();
    for (const r of rows) expect(JSON.stringify(r)).not.toMatch(/confidential-7731|Audit check title|Stay warm/);
  });
});
