// HOME-1/2: tasks through the pages and the API — open ones first with overdue ones marked in
// words, "Mark done" and "Undo" (303 back with a notice, to /home when asked), in the reader's
// language, both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { saveTask } from '../../storage/repositories/content/tasks.js';
import { mainOf, signedInEmployee, type Employee } from '../../../test/support/portal.js';

type TaskJson = { id: number; title: string; dueOn: string | null; overdue: boolean; done: boolean; doneAt: string | null };

describe.each(ENGINES)('tasks on %s', (engine) => {
  let t: TestApp;
  let me: Employee;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    // The fake clock starts on 2026-11-02 (company time zone).
    t = await createTestApp({ engine });
    me = await signedInEmployee(t, { employeeId: '620001', givenName: 'Tomas', country: 'US' });
    const add = async (title: string, dueOn: string | null) => {
      ids[title] = await saveTask(t.deps.storage.db, { title, description: `About ${title}`, dueOn, assigneeId: me.employeeId }, t.clock.now());
    };
    await add('No due date', null);
    await add('Due next month', '2026-12-15');
    await add('Overdue since October', '2026-10-20');
    await add('Due today', '2026-11-02');
    await add('Overdue since September', '2026-09-30');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists open tasks overdue first, then the others by due date, and marks overdue ones', async () => {
    const tasks = (await me.api('GET', '/api/v1/tasks')).json<{ items: TaskJson[] }>().items;
    expect(tasks.map((task) => task.title)).toEqual(['Overdue since September', 'Overdue since October', 'Due today', 'Due next month', 'No due date']);
    expect(tasks.map((task) => task.overdue)).toEqual([true, true, false, false, false]);
    expect(tasks.every((task) => !task.done && task.doneAt === null)).toBe(true);

    const page = mainOf(await me.get('/tasks'));
    const order = ['Overdue since September', 'Overdue since October', 'Due today', 'Due next month', 'No due date'].map((title) => page.indexOf(title));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThan(0);
    // "Overdue" in words, twice (not only a colour).
    expect(page.match(/>Overdue</g)).toHaveLength(2);
    expect(page).toContain('Mark done');

    const home = mainOf(await me.get('/home'));
    expect(home.indexOf('Overdue since September')).toBeLessThan(home.indexOf('Due next month'));
    expect(home.match(/>Overdue</g)).toHaveLength(2);
  });

  it('marks a task done and undoes it through the API', async () => {
    const id = ids['Due today']!;
    const done = await me.api('POST', `/api/v1/tasks/${id}/done`);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ id, done: true, overdue: false, doneAt: new Date(t.clock.now()).toISOString() });
    // Again is harmless.
    expect((await me.api('POST', `/api/v1/tasks/${id}/done`)).json()).toMatchObject({ id, done: true });
    const listed = (await me.api('GET', '/api/v1/tasks')).json<{ items: TaskJson[] }>().items;
    expect(listed.at(-1)).toMatchObject({ id, done: true });

    const undone = await me.api('DELETE', `/api/v1/tasks/${id}/done`);
    expect(undone.statusCode).toBe(200);
    expect(undone.json()).toMatchObject({ id, done: false, doneAt: null });
  });

  it('marks a task done and undoes it with the page buttons, with a confirmation', async () => {
    const id = ids['Due next month']!;
    const done = await me.form(`/tasks/${id}/done`);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/tasks?done=taskDone');
    const page = mainOf(await me.get(done.headers.location!));
    expect(page).toContain('The task is marked as done.');
    // Done tasks come after the open ones, with an Undo button.
    const doneSection = page.slice(page.indexOf('id="tasks-done"'));
    expect(doneSection).toContain('Due next month');
    expect(doneSection).toContain(`action="/tasks/${id}/undo"`);
    expect(doneSection).toContain('>Undo<');

    const undo = await me.form(`/tasks/${id}/undo`);
    expect(undo.headers.location).toBe('/tasks?done=taskReopened');
    expect(mainOf(await me.get(undo.headers.location!))).toContain('The task is back on your list of tasks to do.');
    expect((await me.api('GET', '/api/v1/tasks')).json<{ items: TaskJson[] }>().items.find((task) => task.id === id)).toMatchObject({ done: false });
  });

  it('goes back to the homepage from its panel, and nowhere else', async () => {
    const id = ids['No due date']!;
    const fromHome = await me.form(`/tasks/${id}/done`, { returnTo: '/home' });
    expect(fromHome.headers.location).toBe('/home?done=taskDone');
    const home = mainOf(await me.get('/home?done=taskDone'));
    expect(home).toContain('The task is marked as done.');
    expect(home).not.toContain('No due date');
    for (const returnTo of ['https://evil.example/', '//evil.example', '/home/../admin']) {
      expect((await me.form(`/tasks/${id}/undo`, { returnTo })).headers.location).toBe('/tasks?done=taskReopened');
    }
  });

  it('refuses a form without the CSRF token', async () => {
    const response = await me.request({
      method: 'POST',
      url: `/tasks/${ids['Due today']}/done`,
      payload: 'returnTo=/home',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('shows each task in the reader’s language, else in English marked lang="en", and says so in the JSON', async () => {
    const db = t.deps.storage.db;
    const reader = await signedInEmployee(t, { employeeId: '620002', givenName: 'Rosa', country: 'PR' });
    await saveTask(db, { title: 'Fill in the survey', description: 'Ten questions.', assigneeId: reader.employeeId, translations: [{ language: 'es-PR', title: 'Complete la encuesta', description: 'Diez preguntas.' }] }, t.clock.now());
    const spanish = mainOf(await reader.get('/tasks?lang=es-PR'));
    expect(spanish).toMatch(/<h3 class="task__title" id="task-\d+">Complete la encuesta<\/h3>/);
    expect(spanish).toContain('<p class="pre-line">Diez preguntas.</p>');
    // The language chosen with ?lang= is remembered (a cookie), so the API answers in it too.
    const items = (await reader.api('GET', '/api/v1/tasks')).json<{ items: (TaskJson & { language: string; description: string })[] }>().items;
    expect(items).toEqual([expect.objectContaining({ title: 'Complete la encuesta', description: 'Diez preguntas.', language: 'es-PR' })]);
    const french = mainOf(await reader.get('/tasks?lang=fr-CA'));
    expect(french).toMatch(/<h3 class="task__title" id="task-\d+"><span lang="en">Fill in the survey<\/span><\/h3>/);
    expect(french).toContain('<p class="pre-line" lang="en">Ten questions.</p>');
    await reader.get('/tasks?lang=en');
    expect((await reader.api('GET', '/api/v1/tasks')).json<{ items: TaskJson[] }>().items).toEqual([expect.objectContaining({ title: 'Fill in the survey', language: 'en' })]);
  });
});
