// HR's news console in Chromium (HOME-2, HOME-3, SPEC §14.1), on the demo company: the HR person
// (900003) signs in with a second factor (an e-mailed code read from the outbox), publishes an
// article through the `/admin/news` form, with a `<script>` tag in the title and a `javascript:`
// link and raw HTML in the Markdown; an employee then finds it first in the news panel. Everything
// HR typed shows as text: no script runs, no `javascript:` link exists, no dialog opens, no console
// error. The task, review and benefit pages name each problem of an empty form and save a filled
// one, which the employee then sees. axe-core WCAG 2.2 AA on every page visited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, listen, type TestApp } from '../support/test-app.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../support/outbox.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { DEMO_HR_ID } from '../../src/demo/seed-demo-content.js';
import { en } from '../../src/web/messages/en.js';

let testApp: TestApp;
let baseUrl: string;
let browser: Browser;
let outbox: OutboxReader;
const contexts: BrowserContext[] = [];

const HR = { employeeId: DEMO_HR_ID, password: 'People2026', email: 'priya.nair@example.com' };
const MARIA = { employeeId: '100001', password: 'Harbor2026', givenName: 'Maria' };

const TITLE = 'Travel policy <script>alert("title")</script> update';
const RAW_HTML = '<img src=x onerror=alert("body")>';
const BODY = [
  'Please read the **new travel policy** before your next trip.',
  '',
  '- Book flights and hotels through the travel desk.',
  '- [Claim your expenses](javascript:alert(document.cookie)) within 30 days.',
  '',
  `HTML stays text: ${RAW_HTML}`,
].join('\n');

beforeAll(async () => {
  testApp = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
  const { deps } = testApp;
  await seedDemo(deps);
  // The console needs a second factor (MFA-5): the HR person gets sign-in codes by e-mail.
  await deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: deps.clock.now() }).where('employee_id', '=', HR.employeeId).execute();
  baseUrl = await listen(testApp.app);
  browser = await launchBrowser();
  outbox = createOutboxReader(deps);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await outbox?.stop();
  await browser?.close();
  await testApp?.close();
});

/** A fresh browser profile, recording console errors, uncaught exceptions and any dialog (an alert would mean a script ran). */
async function newPage(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  contexts.push(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog on ${page.url()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, problems };
}

async function h1Text(page: Page): Promise<string> {
  const headings = page.getByRole('heading', { level: 1 });
  expect(await headings.count()).toBe(1);
  return (await headings.innerText()).trim();
}

async function expectPage(page: Page, heading: string): Promise<void> {
  expect(await h1Text(page)).toBe(heading);
  await checkAccessibility(page);
}

async function signIn(page: Page, identifier: string, password: string): Promise<void> {
  await page.goto('/login');
  await expectPage(page, en.login.heading);
  await page.getByLabel(en.login.identifier, { exact: true }).fill(identifier);
  await page.getByLabel(en.login.password, { exact: true }).fill(password);
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: en.login.submit, exact: true }).click()]);
}

/** Nothing HR typed became markup: no script, no `javascript:` link, no image from the raw HTML. */
async function expectInert(page: Page): Promise<void> {
  expect(await page.locator('a[href^="javascript" i]').count()).toBe(0);
  expect(await page.locator('main script, main img, main [onerror]').count()).toBe(0);
}

/** HR signed in with the password and an e-mailed code (the console's second factor). */
async function signInHr(): Promise<{ page: Page; problems: string[] }> {
  // Outbox files are named by the (fake) clock: a later sign-in's code must be the newer file.
  testApp.clock.advance(60_000);
  const opened = await newPage();
  const hr = opened.page;
  await signIn(hr, HR.employeeId, HR.password);
  await hr.waitForURL('**/login/code');
  await hr.getByLabel('Code', { exact: true }).fill(await outbox.latestCode(HR.email));
  // A console account lands on the console (its summary for HR).
  await Promise.all([hr.waitForURL('**/admin'), hr.getByRole('button', { name: 'Continue', exact: true }).click()]);
  return opened;
}

describe('news console in Chromium', () => {
  it('publishes an article from /admin/news that employees read as plain, safe text', async () => {
    const n = en.consoleContent.news;

    // 1. HR signs in with the password and an e-mailed code.
    const { page: hr, problems: hrProblems } = await signInHr();

    // 2. The news console, then the form in English (the only required language).
    await hr.goto('/admin/news');
    await expectPage(hr, n.title);
    const english = hr.getByRole('group', { name: en.languageName, exact: true });
    await english.getByLabel(n.titleLabel, { exact: true }).fill(TITLE);
    await english.getByLabel(n.bodyLabel, { exact: true }).fill(BODY);
    await Promise.all([hr.waitForURL('**/admin/news?saved=created'), hr.getByRole('button', { name: n.submit, exact: true }).click()]);
    await expectPage(hr, n.title);
    expect(await hr.getByRole('status').innerText()).toContain(n.saved);

    // The list shows the title as typed, as text; the preview is the article just written (not the
    // scheduled demo article published later), rendered as readers will see it.
    const main = hr.getByRole('main');
    expect(await main.getByRole('table').getByRole('cell', { name: TITLE, exact: true }).count()).toBe(1);
    const preview = main.getByRole('region', { name: n.previewHeading });
    expect(await preview.getByRole('heading', { name: TITLE, exact: true }).count()).toBe(1);
    expect(await preview.locator('strong').first().innerText()).toBe('new travel policy');
    expect(await preview.getByRole('link', { name: 'Claim your expenses' }).count()).toBe(0);
    await expectInert(hr);
    expect(hrProblems).toEqual([]);

    // 3. Maria finds it first in her news panel, the title as text.
    const { page: maria, problems: mariaProblems } = await newPage();
    await signIn(maria, MARIA.employeeId, MARIA.password);
    await maria.waitForURL('**/home');
    await expectPage(maria, en.home.greeting(MARIA.givenName));
    const newsPanel = maria.getByRole('main').getByRole('region', { name: en.portal.news.title, exact: true });
    const first = newsPanel.getByRole('link').first();
    expect((await first.innerText()).trim()).toBe(TITLE);
    expect(await newsPanel.innerText()).toContain('Please read the new travel policy before your next trip.');
    await expectInert(maria);

    // 4. The article: the title is the h1, the Markdown is rendered, the `javascript:` link is not a link.
    await Promise.all([maria.waitForURL('**/news/*'), first.click()]);
    await expectPage(maria, TITLE);
    const article = maria.getByRole('main').getByRole('article', { name: TITLE });
    expect((await article.locator('strong').innerText()).trim()).toBe('new travel policy');
    expect(await article.getByRole('listitem').count()).toBe(2);
    const claim = article.getByRole('listitem').filter({ hasText: 'Claim your expenses' });
    expect(await claim.count()).toBe(1);
    expect(await claim.getByRole('link').count()).toBe(0);
    expect(await article.innerText()).toContain(RAW_HTML);
    await expectInert(maria);
    expect(mariaProblems).toEqual([]);
  });
  it('tasks, reviews and benefits: an empty form names each problem, a filled one saves; axe clean throughout', async () => {
    const c = en.consoleContent;
    const { page: hr, problems } = await signInHr();
    const submitEmpty = async (path: string, title: string, submit: string) => {
      await hr.goto(path);
      await expectPage(hr, title);
      await Promise.all([hr.waitForEvent('load'), hr.getByRole('button', { name: submit, exact: true }).click()]);
      const summary = hr.getByRole('alert');
      expect(await summary.getByRole('link').count()).toBeGreaterThan(0);
      await checkAccessibility(hr);
    };
    const expectSaved = async (path: string, notice: string) => {
      await hr.waitForURL(`**${path}?saved=created`);
      expect(await hr.getByRole('status').innerText()).toContain(notice);
      await checkAccessibility(hr);
    };

    // The English fields come first; the French and Spanish fieldsets below repeat their labels.
    const english = (label: string) => hr.getByLabel(label, { exact: true }).first();
    await submitEmpty('/admin/tasks', c.tasks.title, c.tasks.submit);
    await english(c.tasks.titleLabel).fill('Read the travel policy');
    await hr.getByLabel(c.tasks.audienceEmployee, { exact: true }).check();
    await hr.getByLabel(c.tasks.assigneeLabel, { exact: true }).fill(MARIA.employeeId);
    await hr.getByRole('button', { name: c.tasks.submit, exact: true }).click();
    await expectSaved('/admin/tasks', c.tasks.saved);

    await submitEmpty('/admin/reviews', c.reviews.title, c.reviews.submit);
    await hr.getByLabel(c.reviews.employeeLabel, { exact: true }).fill(MARIA.employeeId);
    await english(c.reviews.periodLabel).fill('2026 Q4 check-in');
    await hr.getByLabel(c.reviews.reviewerLabel, { exact: true }).fill('Rebecca Thompson');
    await hr.getByLabel(c.reviews.ratingLabel, { exact: true }).selectOption('4');
    await english(c.reviews.strengthsLabel).fill('Clear writing.');
    await english(c.reviews.goalsLabel).fill('Mentor a colleague.');
    await hr.getByRole('button', { name: c.reviews.submit, exact: true }).click();
    await expectSaved('/admin/reviews', c.reviews.saved);

    await submitEmpty('/admin/benefits', c.benefits.title, c.benefits.submit);
    // The three refused forms answered 400 on purpose (Chromium logs that); nothing else went wrong.
    expect(problems.filter((problem) => !problem.includes('status of 400'))).toEqual([]);

    // Maria sees the task and the review HR just recorded.
    const { page: maria } = await newPage();
    await signIn(maria, MARIA.employeeId, MARIA.password);
    await maria.waitForURL('**/home');
    const main = maria.getByRole('main');
    expect(await main.getByRole('region', { name: en.portal.tasks.title, exact: true }).innerText()).toContain('Read the travel policy');
    expect(await main.getByRole('region', { name: en.portal.reviews.title, exact: true }).innerText()).toContain('2026 Q4 check-in');
    await checkAccessibility(maria);
  });
});
