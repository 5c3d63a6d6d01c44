// Issue 6: the demo company's news, tasks, reviews and benefits, as the demo accounts see them on
// their homepage (HOME-1, HOME-2), on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { companyDate } from '../identity/eligibility.js';
import { renderMarkdown } from '../portal/news/markdown.js';
import { DAY } from '../security/clock.js';
import { FakeClock } from '../../test/support/fake-clock.js';
import type { Audience } from '../storage/repositories/content/audience.js';
import { currentBenefits, listBenefitsFor, nextEnrolmentWindow } from '../storage/repositories/content/benefits.js';
import { listAllNews, listVisibleNews, type NewsItem } from '../storage/repositories/content/news.js';
import { listReviewsFor } from '../storage/repositories/content/reviews.js';
import { listTasksFor } from '../storage/repositories/content/tasks.js';
import { addDays, dayAndMonth, firstOfNextMonth } from './demo-text.js';
import { seedDemo, type DemoSummary } from './seed-demo.js';

const MARIA: Audience = { employeeId: '100001', country: 'US', status: 'active' };
const JEAN: Audience = { employeeId: '100002', country: 'CA', status: 'retired' };
const CARMEN: Audience = { employeeId: '100003', country: 'PR', status: 'active' };
const ALL = { limit: 100, offset: 0 };
const refs = (items: { ref: string | null }[]) => items.map((item) => item.ref);

describe.each(ENGINES)('demo content on %s', (engine) => {
  let t: TestApp;
  let summary: DemoSummary;
  let now: number;
  let today: string;

  beforeAll(async () => {
    t = await createTestApp({ engine, demo: true });
    summary = await seedDemo(t.deps);
    now = t.clock.now();
    today = companyDate(new Date(now), t.deps.config.timeZone);
  });
  afterAll(async () => {
    await t?.close();
  });

  const db = () => t.deps.storage.db;

  it('shows each country its own news, newest first, and keeps the scheduled article back', async () => {
    expect(summary.created).toBe(true);
    const us = await listVisibleNews(db(), 'US', now, ALL);
    const pr = await listVisibleNews(db(), 'PR', now, ALL);
    const ca = await listVisibleNews(db(), 'CA', now, ALL);

    expect(us.length).toBeGreaterThanOrEqual(3);
    expect(refs(us)).toContain('demo-news-us-401k');
    expect(refs(us)).not.toContain('demo-news-ca-pension');
    expect(refs(us)).not.toContain('demo-news-pr-hurricane');
    expect(refs(us)).not.toContain('demo-news-benefits-fair');
    expect(refs(pr)).toContain('demo-news-pr-hurricane');
    expect(refs(pr)).not.toContain('demo-news-us-401k');
    expect(refs(ca)).toContain('demo-news-ca-pension');
    expect(refs(ca)).not.toContain('demo-news-pr-hurricane');

    // Relative to the clock: the newest article is a day old, and the spread covers about two months.
    const ages = us.map((item) => now - item.publishedAt);
    expect(ages[0]).toBeLessThan(2 * DAY);
    expect(Math.max(...ages)).toBeGreaterThan(45 * DAY);
    expect(Math.max(...ages)).toBeLessThan(62 * DAY);
    expect(ages).toEqual([...ages].sort((a, b) => a - b));

    const later = await listVisibleNews(db(), 'US', now + 3 * DAY + 1, ALL);
    expect(refs(later)).toContain('demo-news-benefits-fair');
  });

  it('writes every article in English, Canadian French and Puerto Rico Spanish, as safe Markdown', async () => {
    const all = await listAllNews(db(), 100);
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(all.length).toBeLessThanOrEqual(10);
    for (const item of all) {
      expect(item.translations.map((tr) => tr.language).sort(), item.ref ?? '').toEqual(['en', 'es-PR', 'fr-CA']);
      for (const { title, body, language } of item.translations) {
        const where = `${item.ref} ${language}`;
        expect(title.length, where).toBeGreaterThan(10);
        expect(body, where).not.toMatch(/[<>]/);
        const html = renderMarkdown(body);
        expect(html, where).toMatch(/<h3>/);
        expect(html, where).toMatch(/<strong>/);
        expect(html, where).toMatch(/<(ul|ol)>/);
        // Every link survives the renderer's allow-list: one relative and one to an example.com site at least.
        const links = [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!);
        expect(links.length, where).toBe(body.match(/\]\(/g)?.length ?? 0);
        expect(links.some((href) => href.startsWith('/')), where).toBe(true);
        expect(links.some((href) => /^https:\/\/[a-z.]*example\.com(\/|$)/.test(href)), where).toBe(true);
      }
    }
    // The translations differ: no language was copied into another.
    const titles = (item: NewsItem) => new Set(item.translations.map((tr) => tr.title));
    for (const item of all) expect(titles(item).size, item.ref ?? '').toBe(3);
  });

  it('gives the demo employees open, overdue and done tasks, and group tasks by status and country', async () => {
    const maria = await listTasksFor(db(), MARIA, { openOnly: false });
    const open = maria.filter((task) => task.doneAt === null);
    expect(open.some((task) => task.dueOn !== null && task.dueOn < today)).toBe(true);
    expect(open.some((task) => task.dueOn === null)).toBe(true);
    expect(maria.some((task) => task.doneAt !== null)).toBe(true);
    expect(open.map((task) => task.title)).toContain('Complete annual security awareness training');
    expect(open[0]!.dueOn! < today, 'overdue first').toBe(true);

    const jean = await listTasksFor(db(), JEAN, { openOnly: true });
    expect(refs(jean)).toContain('demo-task-retiree-direct-deposit');
    expect(refs(jean)).not.toContain('demo-task-security-training');
    expect(refs(jean)).not.toContain('demo-task-ca-td1');

    const carmen = await listTasksFor(db(), CARMEN, { openOnly: false });
    expect(refs(carmen)).toEqual(expect.arrayContaining(['demo-task-pr-hurricane-plan', 'demo-task-security-training', 'demo-task-100003-beneficiaries']));
    expect(refs(carmen)).not.toContain('demo-task-ca-td1');
    expect(carmen.some((task) => task.doneAt !== null)).toBe(true);

    const daniel = await listTasksFor(db(), { employeeId: '100004', country: 'US', status: 'separated' }, { openOnly: true });
    expect(daniel.length).toBeGreaterThanOrEqual(3);
    expect(refs(daniel)).not.toContain('demo-task-security-training');
  });

  it('leaves the latest reviews of Maria and Carmen to acknowledge, and the older ones acknowledged', async () => {
    const maria = await listReviewsFor(db(), '100001');
    expect(maria).toHaveLength(2);
    expect(maria[0]!.acknowledgedAt).toBeNull();
    expect(maria[1]!.acknowledgedAt).not.toBeNull();
    expect(maria[1]!.acknowledgement).toMatch(/\S/);
    for (const review of maria) expect(review.rating).toBeGreaterThanOrEqual(1);

    const [carmen] = await listReviewsFor(db(), '100003', 1);
    expect(carmen!.acknowledgedAt).toBeNull();
    expect(carmen!.period).toMatch(/^Evaluación/);
    const [daniel] = await listReviewsFor(db(), '100004', 1);
    expect(daniel!.acknowledgedAt).not.toBeNull();
  });

  it('shows current plans and an enrolment window, open now for the retiree and coming for the others', async () => {
    for (const employeeId of ['100001', '100002', '100003', '100004']) {
      const plans = await listBenefitsFor(db(), employeeId);
      expect(currentBenefits(plans, today).length, employeeId).toBeGreaterThan(0);
      expect(nextEnrolmentWindow(plans, today), employeeId).not.toBeNull();
    }
    const maria = await listBenefitsFor(db(), '100001');
    expect(currentBenefits(maria, today).map((b) => b.category)).toEqual(expect.arrayContaining(['medical', 'dental', 'vision', 'life', 'retirement']));
    expect(nextEnrolmentWindow(maria, today)!.opensOn > today).toBe(true);
    const jean = nextEnrolmentWindow(await listBenefitsFor(db(), '100002'), today)!;
    expect(jean.opensOn <= today && today <= jean.closesOn).toBe(true);
    const daniel = currentBenefits(await listBenefitsFor(db(), '100004'), today);
    expect(daniel.map((b) => b.plan)).toEqual([expect.stringMatching(/COBRA/)]);

    const crowdPlans = await db().selectFrom('benefits').select('employee_id').where('employee_id', 'like', '3%').execute();
    expect(crowdPlans.length).toBeGreaterThanOrEqual(10);
  });

  it('adds the HR demo account, and a second seed changes nothing', async () => {
    expect(summary.accounts).toContainEqual(expect.objectContaining({ employeeId: '900003', secretKind: 'password', secret: 'People2026' }));
    const role = await db().selectFrom('account_roles').select('role').where('employee_id', '=', '900003').execute();
    expect(role.map((r) => r.role)).toEqual(['hr']);
    // Console accounts can open the console at once: their second factor is an e-mailed code (MFA-5).
    const mfa = await db().selectFrom('accounts').select(['employee_id', 'mfa']).where('employee_id', 'in', ['100001', '900001', '900002', '900003']).orderBy('employee_id').execute();
    expect(mfa).toEqual([
      { employee_id: '100001', mfa: 'off' },
      { employee_id: '900001', mfa: 'email' },
      { employee_id: '900002', mfa: 'email' },
      { employee_id: '900003', mfa: 'email' },
    ]);

    const count = async () =>
      Promise.all((['news', 'news_translations', 'tasks', 'task_completions', 'reviews', 'benefits', 'employees'] as const).map(async (table) => {
        const row = await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        return Number(row.n);
      }));
    const before = await count();
    t.clock.advance(DAY);
    const again = await seedDemo(t.deps);
    expect(again.created).toBe(false);
    expect(await count()).toEqual(before);
  });
});

describe('demo content dates', () => {
  it('does calendar arithmetic across months and years, and writes the first of the month in French as 1er', () => {
    expect(firstOfNextMonth('2026-12-15')).toBe('2027-01-01');
    expect(firstOfNextMonth('2027-01-31')).toBe('2027-02-01');
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29');
    expect(addDays('2027-01-02', -9)).toBe('2026-12-24');
    expect(dayAndMonth('2027-01-01', 'fr-CA')).toBe('1er janvier');
    expect(dayAndMonth('2027-01-11', 'fr-CA')).toBe('11 janvier');
    expect(dayAndMonth('2027-01-01', 'es-PR')).toBe('1 de enero');
    expect(dayAndMonth('2027-01-31', 'en')).toBe('January 31');
  });

  it('looks current whenever it is seeded: on 2 January the news, tasks, review and window still line up', async () => {
    const t = await createTestApp({ clock: new FakeClock(Date.UTC(2027, 0, 2, 15, 0, 0)) });
    try {
      await seedDemo(t.deps);
      const now = t.clock.now();
      const db = t.deps.storage.db;
      const [newest] = await listVisibleNews(db, 'PR', now, { limit: 1, offset: 0 });
      expect(now - newest!.publishedAt).toBeLessThan(2 * DAY);
      const open = await listTasksFor(db, CARMEN, { openOnly: true });
      expect(open[0]!.dueOn).toBe('2026-12-30');
      const reviews = await listReviewsFor(db, '100001');
      expect(reviews.map((r) => [r.period, r.acknowledgedAt === null])).toEqual([
        ['2026 mid-year review', true],
        ['2025 annual review', false],
      ]);
      expect(nextEnrolmentWindow(await listBenefitsFor(db, '100003'), '2027-01-02')).toMatchObject({ opensOn: '2027-02-01', closesOn: '2027-03-03' });
      const [enrolment] = (await listAllNews(db, 100)).filter((item) => item.ref === 'demo-news-open-enrolment');
      expect(enrolment!.translations.find((tr) => tr.language === 'fr-CA')!.title).toBe('Inscription aux avantages sociaux : du 1er février au 3 mars');
    } finally {
      await t.close();
    }
  });
});
