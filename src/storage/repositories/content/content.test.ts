// DESIGN rule 9: the content repositories (HOME-1..3) on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../../../test/support/databases.js';
import type { Storage } from '../../database.js';
import { countVisibleNews, findVisibleNews, listAllNews, listVisibleNews, saveNews } from './news.js';
import { findTaskFor, listRecentTasks, listTasksFor, markTaskDone, reopenTask, saveTask } from './tasks.js';
import { acknowledgeReview, listReviewsFor, saveReview } from './reviews.js';
import { currentBenefits, listBenefitsFor, nextEnrolmentWindow, saveBenefit, type Benefit } from './benefits.js';
import type { Audience } from './audience.js';

const NOW = Date.UTC(2026, 10, 20, 15);
const HOUR = 3_600_000;
const maria: Audience = { employeeId: '100001', country: 'US', status: 'active' };
const carmen: Audience = { employeeId: '100003', country: 'PR', status: 'active' };
const luis: Audience = { employeeId: '200003', country: 'PR', status: 'inactive' };
const jean: Audience = { employeeId: '100002', country: 'CA', status: 'retired' };

describe.each(ENGINES)('content repositories on %s', (engine) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createTestStorage(engine);
  });
  afterAll(() => storage.close());

  it('lists the news a country may read, newest first, paged, and hides scheduled articles', async () => {
    const db = storage.db;
    const en = (title: string) => [{ language: 'en', title, body: `${title} body` }];
    await saveNews(db, { ref: 'all-old', publishedAt: NOW - 48 * HOUR, translations: en('For everyone, older') }, NOW);
    await saveNews(db, { ref: 'ca', countries: ['CA'], publishedAt: NOW - 2 * HOUR, translations: en('Canada only') }, NOW);
    await saveNews(db, { ref: 'us-pr', countries: ['US', 'PR'], publishedAt: NOW - HOUR, translations: en('US and PR') }, NOW);
    await saveNews(db, { ref: 'later', publishedAt: NOW + HOUR, translations: en('Scheduled') }, NOW);

    const titles = (items: { translations: { title: string }[] }[]) => items.map((i) => i.translations[0]!.title);
    expect(titles(await listVisibleNews(db, 'US', NOW, { limit: 10, offset: 0 }))).toEqual(['US and PR', 'For everyone, older']);
    expect(titles(await listVisibleNews(db, 'CA', NOW, { limit: 10, offset: 0 }))).toEqual(['Canada only', 'For everyone, older']);
    expect(titles(await listVisibleNews(db, 'PR', NOW, { limit: 1, offset: 1 }))).toEqual(['For everyone, older']);
    expect(await countVisibleNews(db, 'US', NOW)).toBe(2);
    expect(await countVisibleNews(db, 'US', NOW + HOUR)).toBe(3);
    expect((await listAllNews(db, 10)).length).toBe(4);

    const [canadaOnly] = (await listAllNews(db, 10)).filter((n) => n.ref === 'ca');
    expect(await findVisibleNews(db, canadaOnly!.id, 'US', NOW)).toBeUndefined();
    expect(await findVisibleNews(db, canadaOnly!.id, 'CA', NOW)).toMatchObject({ ref: 'ca', countries: ['CA'] });
  });

  it('replaces an article with the same ref, translations included', async () => {
    const db = storage.db;
    const first = await saveNews(db, { ref: 'swap', publishedAt: NOW - HOUR, translations: [{ language: 'en', title: 'One', body: 'x' }, { language: 'fr-CA', title: 'Un', body: 'x' }] }, NOW);
    const second = await saveNews(db, { ref: 'swap', publishedAt: NOW - HOUR, translations: [{ language: 'es-PR', title: 'Uno', body: 'y' }] }, NOW);
    expect(second).toBe(first);
    expect((await findVisibleNews(db, first, 'US', NOW))?.translations).toEqual([{ language: 'es-PR', title: 'Uno', body: 'y' }]);
  });

  it('gives tasks to their assignee or to exactly the matching group, open and overdue first', async () => {
    const db = storage.db;
    const personal = await saveTask(db, { ref: 't-maria', title: 'Maria only', description: '', dueOn: '2026-12-01', assigneeId: '100001' }, NOW);
    const overdue = await saveTask(db, { ref: 't-overdue', title: 'Everyone, overdue', description: '', dueOn: '2026-11-01' }, NOW);
    const prActive = await saveTask(db, { ref: 't-pr', title: 'PR active', description: '', countries: ['PR'], statuses: ['active'] }, NOW);
    await saveTask(db, { ref: 't-retired', title: 'Retirees', description: '', statuses: ['retired'] }, NOW);

    const titles = async (who: Audience) => (await listTasksFor(db, who, { openOnly: false })).map((t) => t.title);
    expect(await titles(maria)).toEqual(['Everyone, overdue', 'Maria only']);
    expect(await titles(carmen)).toEqual(['Everyone, overdue', 'PR active']);
    expect(await titles(luis)).toEqual(['Everyone, overdue']);
    expect(await titles(jean)).toEqual(['Everyone, overdue', 'Retirees']);

    expect(await markTaskDone(db, overdue, maria, NOW)).toBe(true);
    expect(await markTaskDone(db, overdue, maria, NOW + 1)).toBe(true);
    expect((await listTasksFor(db, maria, { openOnly: false })).map((t) => [t.title, t.doneAt])).toEqual([
      ['Maria only', null],
      ['Everyone, overdue', NOW],
    ]);
    expect((await listTasksFor(db, maria, { openOnly: true })).map((t) => t.id)).toEqual([personal]);
    expect((await listTasksFor(db, carmen, { openOnly: true })).map((t) => t.id)).toEqual([overdue, prActive]);

    // Someone else's task is not theirs to change.
    expect(await markTaskDone(db, personal, carmen, NOW)).toBe(false);
    expect(await reopenTask(db, personal, carmen)).toBe(false);
    expect(await findTaskFor(db, prActive, luis)).toBeUndefined();
    expect(await reopenTask(db, overdue, maria)).toBe(true);
    expect((await findTaskFor(db, overdue, maria))?.doneAt).toBeNull();
    expect((await listRecentTasks(db, 10)).find((t) => t.id === overdue)?.doneCount).toBe(0);
  });

  it('acknowledges a review once, only for its employee', async () => {
    const db = storage.db;
    const id = await saveReview(db, { ref: 'r1', employeeId: '100001', period: '2026 mid-year', reviewer: 'Ana', rating: 4, strengths: 's', goals: 'g', reviewedOn: '2026-07-01' }, NOW);
    await saveReview(db, { ref: 'r0', employeeId: '100001', period: '2025', reviewer: 'Ana', rating: 3, strengths: 's', goals: 'g', reviewedOn: '2025-12-01' }, NOW);
    expect(await acknowledgeReview(db, id, '100003', 'not mine', NOW)).toBe('not_found');
    expect(await acknowledgeReview(db, id, '100001', 'Thanks', NOW)).toBe('acknowledged');
    expect(await acknowledgeReview(db, id, '100001', 'again', NOW + 1)).toBe('already');
    const [latest] = await listReviewsFor(db, '100001', 1);
    expect(latest).toMatchObject({ id, period: '2026 mid-year', acknowledgedAt: NOW, acknowledgement: 'Thanks', rating: 4 });
    expect(await listReviewsFor(db, '100003')).toEqual([]);
  });

  it('keeps benefit plans per employee and finds the next enrolment window', async () => {
    const db = storage.db;
    await saveBenefit(db, { ref: 'b1', employeeId: '100001', plan: 'Medical PPO', category: 'medical', coverage: 'Family', startsOn: '2026-01-01', enrolmentOpensOn: '2026-12-01', enrolmentClosesOn: '2026-12-31' }, NOW);
    await saveBenefit(db, { ref: 'b1', employeeId: '100001', plan: 'Medical PPO', category: 'medical', coverage: 'Employee + spouse', startsOn: '2026-01-01', enrolmentOpensOn: '2026-12-01', enrolmentClosesOn: '2026-12-31' }, NOW);
    await saveBenefit(db, { ref: 'b2', employeeId: '100001', plan: 'Old dental', category: 'dental', coverage: 'Employee', startsOn: '2024-01-01', endsOn: '2025-12-31' }, NOW);
    const plans = await listBenefitsFor(db, '100001');
    expect(plans.map((p) => [p.plan, p.coverage])).toEqual([
      ['Old dental', 'Employee'],
      ['Medical PPO', 'Employee + spouse'],
    ]);
    expect(currentBenefits(plans, '2026-11-20').map((p) => p.plan)).toEqual(['Medical PPO']);
    expect(await listBenefitsFor(db, '100003')).toEqual([]);
  });

  it('keeps tasks, reviews and plans with their translations, read in the same query, replaced by ref, limits counting items', async () => {
    const db = storage.db;
    const fr = { language: 'fr-CA', title: 'Tâche', description: 'Description' };
    const es = { language: 'es-PR', title: 'Tarea', description: '' };
    const task = await saveTask(db, { ref: 'tr-task', title: 'Task', description: 'About', dueOn: '2026-01-01', assigneeId: '300001', translations: [fr, es] }, NOW);
    await saveTask(db, { ref: 'tr-task-2', title: 'Second', description: '', dueOn: '2026-01-02', assigneeId: '300001' }, NOW);
    const who: Audience = { employeeId: '300001', country: 'US', status: 'active' };
    const [first, ...rest] = await listTasksFor(db, who, { openOnly: true, limit: 1 });
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ id: task, title: 'Task' });
    expect([...first!.translations].sort((a, b) => a.language.localeCompare(b.language))).toEqual([es, fr]);
    const mine = (await listTasksFor(db, who, { openOnly: false })).filter((t) => t.ref?.startsWith('tr-'));
    expect(mine.map((t) => [t.title, t.translations.length])).toEqual([['Task', 2], ['Second', 0]]);
    expect((await listRecentTasks(db, 10)).find((t) => t.id === task)?.translations).toHaveLength(2);
    await saveTask(db, { ref: 'tr-task', title: 'Task', description: 'About', dueOn: '2026-01-01', assigneeId: '300001', translations: [es] }, NOW);
    expect((await findTaskFor(db, task, who))?.translations).toEqual([es]);

    const period = { language: 'es-PR', period: 'Año 2026', strengths: 'Fuerte', goals: 'Metas' };
    const review = await saveReview(db, { ref: 'tr-review', employeeId: '300001', period: '2026', reviewer: 'Ana', rating: 4, strengths: 's', goals: 'g', reviewedOn: '2026-07-01', translations: [period, { ...period, language: 'fr-CA' }] }, NOW);
    await saveReview(db, { ref: 'tr-review-old', employeeId: '300001', period: '2025', reviewer: 'Ana', rating: 4, strengths: 's', goals: 'g', reviewedOn: '2025-07-01' }, NOW);
    const latest = await listReviewsFor(db, '300001', 1);
    expect(latest.map((r) => [r.id, r.translations.length])).toEqual([[review, 2]]);
    await saveReview(db, { ref: 'tr-review', employeeId: '300001', period: '2026', reviewer: 'Ana', rating: 4, strengths: 's', goals: 'g', reviewedOn: '2026-07-01' }, NOW);
    expect((await listReviewsFor(db, '300001')).map((r) => r.translations)).toEqual([[], []]);

    const plan = { language: 'fr-CA', plan: 'Régime', coverage: 'Famille' };
    await saveBenefit(db, { ref: 'tr-plan', employeeId: '300001', plan: 'Plan', category: 'medical', coverage: 'Family', startsOn: '2026-01-01', translations: [plan] }, NOW);
    await saveBenefit(db, { ref: 'tr-plan-2', employeeId: '300001', plan: 'Other', category: 'dental', coverage: 'Self', startsOn: '2026-01-01' }, NOW);
    expect((await listBenefitsFor(db, '300001')).map((b) => [b.plan, b.translations])).toEqual([['Other', []], ['Plan', [plan]]]);
  });
});

describe('nextEnrolmentWindow', () => {
  const plan = (plan: string, opens: string | null, closes: string | null): Benefit => ({
    id: 1, ref: null, employeeId: '1', plan, category: 'medical', coverage: 'x', startsOn: '2026-01-01', endsOn: null, enrolmentOpensOn: opens, enrolmentClosesOn: closes, translations: [],
  });
  it('prefers a window open now, then the soonest, and ignores closed ones', () => {
    const plans = [plan('Closed', '2026-01-01', '2026-01-31'), plan('Later', '2027-03-01', '2027-03-31'), plan('Now A', '2026-11-01', '2026-11-30'), plan('Now B', '2026-11-01', '2026-11-30'), plan('None', null, null)];
    expect(nextEnrolmentWindow(plans, '2026-11-20')).toEqual({ opensOn: '2026-11-01', closesOn: '2026-11-30', plans: ['Now A', 'Now B'] });
    expect(nextEnrolmentWindow(plans, '2026-12-01')).toEqual({ opensOn: '2027-03-01', closesOn: '2027-03-31', plans: ['Later'] });
    expect(nextEnrolmentWindow(plans, '2027-04-01')).toBeNull();
  });
});
