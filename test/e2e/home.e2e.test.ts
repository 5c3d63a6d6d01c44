// The homepage modules in Chromium (HOME-1, HOME-2, SPEC §14.1), on the demo company: each person
// signs in through the form and finds the four panels filled with their own demo content, marks a
// task done and undoes it (by keyboard too), acknowledges a review with a comment, and opens a news
// article whose Markdown is rendered, with no console error (a CSP violation would be one).
// Maria in English, Carmen in Spanish (Puerto Rico); axe-core WCAG 2.2 AA on every page visited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createTestApp, listen, type TestApp } from '../support/test-app.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { demoNews } from '../../src/demo/demo-news.js';
import { demoBenefits, demoReviews, demoTasks, type RecordDates } from '../../src/demo/demo-records.js';
import { addDays, firstOfNextMonth } from '../../src/demo/demo-text.js';
import { companyDate } from '../../src/identity/eligibility.js';
import { listAllNews } from '../../src/storage/repositories/content/news.js';
import { formatDate, type Language } from '../../src/web/i18n.js';
import { en, type Messages } from '../../src/web/messages/en.js';
import { esPR } from '../../src/web/messages/es-PR.js';

let testApp: TestApp;
let baseUrl: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  testApp = await createTestApp();
  await seedDemo(testApp.deps);
  baseUrl = await listen(testApp.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await testApp?.close();
});

/** The dates the demo content was placed around, computed as the seed does from the app's clock. */
function demoDates(): RecordDates {
  const today = companyDate(new Date(testApp.clock.now()), testApp.deps.config.timeZone);
  const opensOn = firstOfNextMonth(today);
  return {
    today,
    year: Number(today.slice(0, 4)),
    enrolment: { opensOn, closesOn: addDays(opensOn, 30) },
    retireeWindow: { opensOn: addDays(today, -7), closesOn: addDays(today, 23) },
  };
}

interface Person {
  employeeId: string;
  password: string;
  givenName: string;
  country: string;
  language: Language;
  t: Messages;
  /** An open demo task of theirs that is past due, and the one they mark done. */
  overdueTask: string;
  taskToFinish: string;
  /** Their unacknowledged demo review. */
  review: string;
  comment: string;
  /** The article opened from the news panel, a `## heading` in it (shown one level down), and a bold phrase inside one of its list items. */
  article: string;
  section: string;
  boldInList: string;
}

const MARIA: Person = {
  employeeId: '100001',
  password: 'Harbor2026',
  givenName: 'Maria',
  country: 'US',
  language: 'en',
  t: en,
  overdueTask: 'demo-task-100001-remote-work',
  taskToFinish: 'demo-task-100001-dependents',
  review: 'demo-review-100001-mid-year',
  comment: 'Thank you, Rebecca. I will present the new process to leadership in the spring.',
  article: 'demo-news-town-hall',
  section: 'Highlights',
  boldInList: 'Customer satisfaction',
};

const CARMEN: Person = {
  employeeId: '100003',
  password: 'Coqui2026',
  givenName: 'Carmen',
  country: 'PR',
  language: 'es-PR',
  t: esPR,
  overdueTask: 'demo-task-100003-beneficiaries',
  taskToFinish: 'demo-task-100003-w2pr-address',
  review: 'demo-review-100003-mid-year',
  comment: 'Gracias, Roberto. Ya me matriculé en el curso de liderazgo y empiezo en enero.',
  article: 'demo-news-pr-hurricane',
  section: 'Su plan familiar',
  boldInList: 'agua',
};

/** What the demo seeded that this person should (and should not) see, in their language. */
function expectedFor(person: Person) {
  const dates = demoDates();
  const news = demoNews({
    enrolmentOpensOn: dates.enrolment.opensOn,
    enrolmentClosesOn: dates.enrolment.closesOn,
    holidayYear: Number(dates.today.slice(5, 7)) >= 9 ? dates.year + 1 : dates.year,
  });
  const title = (item: (typeof news)[number]) => item.translations.find((t) => t.language === person.language)!.title;
  const published = news.filter((item) => item.ageHours > 0).sort((a, b) => a.ageHours - b.ageHours);
  const visible = published.filter((item) => item.countries === null || item.countries.includes(person.country));
  const hidden = published.filter((item) => !visible.includes(item));
  const tasks = demoTasks(dates);
  const taskTitle = (ref: string) => tasks.find((task) => task.ref === ref)!.title;
  const review = demoReviews(dates).find((item) => item.ref === person.review)!;
  const plans = demoBenefits(dates).filter((plan) => plan.employeeId === person.employeeId && plan.startsOn <= dates.today && !plan.endsOn);
  const day = (iso: string) => formatDate(iso, person.language);
  expect(visible.length).toBeGreaterThan(3);
  expect(hidden.length).toBeGreaterThan(0);
  expect(plans.length).toBeGreaterThan(0);
  return {
    today: day(dates.today),
    homeNews: visible.slice(0, 3).map(title),
    visibleNews: visible.map(title),
    hiddenNews: hidden.map(title),
    hiddenRef: hidden[0]!.ref,
    article: title(news.find((item) => item.ref === person.article)!),
    overdueTask: taskTitle(person.overdueTask),
    taskToFinish: taskTitle(person.taskToFinish),
    reviewHeading: person.t.portal.reviews.heading(review.period),
    plans: plans.map((plan) => plan.plan),
    enrolment: [
      person.t.portal.benefits.enrolment(day(dates.enrolment.opensOn), day(dates.enrolment.closesOn)),
      person.t.portal.benefits.enrolmentUpcoming(day(dates.enrolment.opensOn)),
    ],
  };
}

/** A fresh browser profile per person, recording every console error and uncaught exception. */
async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return { page, errors };
}

async function h1Text(page: Page): Promise<string> {
  const headings = page.getByRole('heading', { level: 1 });
  expect(await headings.count()).toBe(1);
  return (await headings.innerText()).trim();
}

/** Arrived on a page in `language`: its one h1 says `heading`, and axe-core finds no WCAG 2.2 AA violation. */
async function expectPage(page: Page, language: Language, heading: string): Promise<void> {
  expect(await page.getAttribute('html', 'lang')).toBe(language);
  expect(await h1Text(page)).toBe(heading);
  await checkAccessibility(page);
}

/** The list item of a task (on the homepage panel or a section of /tasks), found by its heading (which may end with "Overdue"). */
function taskItem(scope: Locator, title: string): Locator {
  return scope.getByRole('listitem').filter({ has: scope.page().getByRole('heading', { name: title }) });
}

async function headingsIn(scope: Locator, level: number): Promise<string[]> {
  return (await scope.getByRole('heading', { level }).allInnerTexts()).map((text) => text.trim());
}

async function journey(person: Person): Promise<void> {
  const { t } = person;
  const expected = expectedFor(person);
  const { page, errors } = await newPage();
  const nav = page.getByRole('navigation', { name: t.site.mainNavigation });

  // Sign in through the form, in the person's language chosen with the switcher on the sign-in page.
  await page.goto('/login');
  await expectPage(page, 'en', en.login.heading);
  if (person.language !== 'en') {
    await Promise.all([
      page.waitForURL(`**/login?lang=${person.language}`),
      page.getByRole('navigation', { name: en.site.languageSwitcher }).getByRole('link', { name: t.languageName, exact: true }).click(),
    ]);
    await expectPage(page, person.language, t.login.heading);
  }
  await page.getByLabel(t.login.identifier, { exact: true }).fill(person.employeeId);
  await page.getByLabel(t.login.password, { exact: true }).fill(person.password);
  await Promise.all([page.waitForURL('**/home'), page.getByRole('button', { name: t.login.submit, exact: true }).click()]);

  // HOME-1: the greeting and the four panels, each a region named by its heading.
  await expectPage(page, person.language, t.home.greeting(person.givenName));
  const main = page.getByRole('main');
  const panel = (name: string) => main.getByRole('region', { name, exact: true });
  const newsPanel = panel(t.portal.news.title);
  const tasksPanel = panel(t.portal.tasks.title);
  const reviewsPanel = panel(t.portal.reviews.title);
  const benefitsPanel = panel(t.portal.benefits.title);
  expect(await headingsIn(main, 2)).toEqual(expect.arrayContaining([t.portal.news.title, t.portal.tasks.title, t.portal.reviews.title, t.portal.benefits.title]));

  // News: the three newest articles for this person's country, newest first; other countries' never.
  expect((await newsPanel.getByRole('link').allInnerTexts()).map((text) => text.trim())).toEqual([...expected.homeNews, t.home.allNews]);
  const homeText = await main.innerText();
  for (const title of expected.hiddenNews) expect(homeText).not.toContain(title);

  // Tasks: overdue first, marked in words.
  const overdue = taskItem(tasksPanel, expected.overdueTask);
  expect(await overdue.getByText(t.portal.tasks.overdue, { exact: true }).count()).toBe(1);
  expect((await headingsIn(tasksPanel, 3))[0]).toBe(`${expected.overdueTask} ${t.portal.tasks.overdue}`);
  expect(await taskItem(tasksPanel, expected.taskToFinish).count()).toBe(1);

  // Reviews: the latest one, not acknowledged yet, with its acknowledge action.
  const homeReview = reviewsPanel.getByRole('article', { name: expected.reviewHeading });
  expect(await homeReview.getByRole('button', { name: t.portal.reviews.acknowledge, exact: true }).count()).toBe(1);

  // Benefits: the plans in force and the coming open enrolment.
  const benefitsText = await benefitsPanel.innerText();
  for (const plan of expected.plans) expect(benefitsText).toContain(plan);
  for (const line of expected.enrolment) expect(benefitsText).toContain(line);

  // HOME-2: mark a task done from the homepage; it leaves the panel.
  await Promise.all([
    page.waitForURL('**/home?done=taskDone'),
    taskItem(tasksPanel, expected.taskToFinish).getByRole('button', { name: t.portal.tasks.markDone, exact: true }).click(),
  ]);
  await expectPage(page, person.language, t.home.greeting(person.givenName));
  expect(await page.getByRole('status').innerText()).toContain(t.portal.notices.taskDone);
  expect(await taskItem(tasksPanel, expected.taskToFinish).count()).toBe(0);

  // On /tasks it is under "Done"; Undo (by keyboard) puts it back under "To do", and so does Mark done.
  await Promise.all([page.waitForURL('**/tasks'), nav.getByRole('link', { name: t.portal.nav.tasks, exact: true }).click()]);
  await expectPage(page, person.language, t.portal.tasks.title);
  const toDo = main.getByRole('region', { name: t.portal.tasks.open, exact: true });
  const done = main.getByRole('region', { name: t.portal.tasks.done, exact: true });
  expect(await taskItem(toDo, expected.taskToFinish).count()).toBe(0);
  expect(await taskItem(done, expected.taskToFinish).getByText(t.portal.tasks.doneOn(expected.today)).count()).toBe(1);

  const undo = taskItem(done, expected.taskToFinish).getByRole('button', { name: t.portal.tasks.undo, exact: true });
  await undo.focus();
  expect(await undo.evaluate((button) => button === document.activeElement)).toBe(true);
  await Promise.all([page.waitForURL('**/tasks?done=taskReopened'), page.keyboard.press('Enter')]);
  await expectPage(page, person.language, t.portal.tasks.title);
  expect(await page.getByRole('status').innerText()).toContain(t.portal.notices.taskReopened);
  expect(await taskItem(done, expected.taskToFinish).count()).toBe(0);
  expect(await taskItem(toDo, expected.taskToFinish).count()).toBe(1);

  const markDone = taskItem(toDo, expected.taskToFinish).getByRole('button', { name: t.portal.tasks.markDone, exact: true });
  await markDone.focus();
  await Promise.all([page.waitForURL('**/tasks?done=taskDone'), page.keyboard.press('Enter')]);
  await expectPage(page, person.language, t.portal.tasks.title);
  expect(await taskItem(toDo, expected.taskToFinish).count()).toBe(0);
  expect(await taskItem(done, expected.taskToFinish).count()).toBe(1);

  // Acknowledge the review on /reviews with a comment.
  await Promise.all([page.waitForURL('**/reviews'), nav.getByRole('link', { name: t.portal.nav.reviews, exact: true }).click()]);
  await expectPage(page, person.language, t.portal.reviews.title);
  const review = main.getByRole('article', { name: expected.reviewHeading });
  await review.getByLabel(t.portal.reviews.comment, { exact: true }).fill(person.comment);
  await Promise.all([page.waitForURL('**/reviews?done=reviewAcknowledged'), review.getByRole('button', { name: t.portal.reviews.acknowledge, exact: true }).click()]);
  await expectPage(page, person.language, t.portal.reviews.title);
  expect(await page.getByRole('status').innerText()).toContain(t.portal.notices.reviewAcknowledged);
  const reviewText = await review.innerText();
  expect(reviewText).toContain(t.portal.reviews.acknowledgedOn(expected.today));
  expect(await review.getByRole('heading', { name: t.portal.reviews.yourComment, exact: true }).count()).toBe(1);
  expect(reviewText).toContain(person.comment);
  expect(await review.getByRole('button').count()).toBe(0);

  // The homepage no longer offers to acknowledge it.
  await Promise.all([page.waitForURL('**/home'), nav.getByRole('link', { name: t.site.home, exact: true }).click()]);
  await expectPage(page, person.language, t.home.greeting(person.givenName));
  expect(await homeReview.innerText()).toContain(t.portal.reviews.acknowledgedOn(expected.today));
  expect(await main.getByRole('button', { name: t.portal.reviews.acknowledge, exact: true }).count()).toBe(0);

  // Open the article from the news panel: its title is the h1 and its Markdown is rendered.
  await Promise.all([page.waitForURL('**/news/*'), newsPanel.getByRole('link', { name: expected.article, exact: true }).click()]);
  await expectPage(page, person.language, expected.article);
  const body = main.getByRole('article', { name: expected.article });
  const bold = body.getByRole('listitem').filter({ hasText: person.boldInList }).locator('strong');
  expect((await bold.first().innerText()).trim()).toBe(person.boldInList);
  expect(await body.getByRole('heading', { level: 3, name: person.section, exact: true }).count()).toBe(1);
  expect(await body.innerText()).not.toMatch(/\*\*|^##/m);

  // The news list: every article for this person's country, none for another.
  await Promise.all([page.waitForURL('**/news'), nav.getByRole('link', { name: t.portal.nav.news, exact: true }).click()]);
  await expectPage(page, person.language, t.portal.news.title);
  expect(await headingsIn(main, 2)).toEqual(expected.visibleNews);

  // Nothing went wrong in the browser on any of these pages (CSP violations are console errors).
  expect(errors).toEqual([]);

  // Another country's article is not found, even by its address.
  const other = (await listAllNews(testApp.deps.storage.db, 50)).find((item) => item.ref === expected.hiddenRef)!;
  const response = await page.goto(`/news/${other.id}`);
  expect(response?.status()).toBe(404);
  expect(await page.getAttribute('html', 'lang')).toBe(person.language);
  expect(await main.innerText()).not.toContain(expected.hiddenNews[0]);
  await checkAccessibility(page);
}

describe('homepage modules in Chromium', () => {
  it('shows Maria her news, tasks, review and benefits in English, and lets her act on them', async () => {
    await journey(MARIA);
  });

  it('does the same for Carmen in Spanish (Puerto Rico), with the Puerto Rico-only article', async () => {
    await journey(CARMEN);
  });
});
