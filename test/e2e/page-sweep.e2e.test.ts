// Every page of the signed-in portal, Edit My Profile, help and the signed-out entry pages, at
// 1280 px and 390 px, in English, French and Spanish (issue 12, SPEC §14.1): one h1, no horizontal
// scrolling, axe-core WCAG 2.2 AA clean, and times that name their zone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, listen, type TestApp } from '../support/test-app.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { seedRegistered } from '../support/seed.js';
import { publishNews } from '../support/portal.js';
import { LANGUAGES } from '../../src/web/i18n.js';

const SIGNED_OUT = ['/login', '/recovery', '/help', '/help/reset-password', '/help/registration', '/help/mfa', '/help/troubleshooting', '/help/contact'];
const SIGNED_IN = [
  '/home',
  '/news',
  '/tasks',
  '/reviews',
  '/benefits',
  '/profile',
  '/profile/contact',
  '/profile/password',
  '/profile/questions',
  '/profile/mfa',
  '/profile/language',
  '/profile/sessions',
  '/profile/security',
  '/help',
];
const WIDTHS = [1280, 390] as const;

let testApp: TestApp;
let baseUrl: string;
let browser: Browser;
let articleId: number;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  testApp = await createTestApp();
  await seedRegistered(testApp.deps, { employeeId: '540001', givenName: 'Noor', familyName: 'Haddad', password: 'Harbor2026', email: 'noor.sweep@example.com' });
  articleId = await publishNews(testApp, { title: 'Open enrolment starts', body: 'Choose your **benefits** for next year.' });
  baseUrl = await listen(testApp.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await testApp?.close();
});

async function newPage(width: number): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width, height: 800 } });
  contexts.push(context);
  return context.newPage();
}

async function expectGoodPage(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  expect(await page.getByRole('heading', { level: 1 }).count(), path).toBe(1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${path} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
  await checkAccessibility(page);
}

describe.each(WIDTHS)('every page at %i px', (width) => {
  it.each(LANGUAGES)('signed out, in %s', async (language) => {
    const page = await newPage(width);
    for (const path of SIGNED_OUT) await expectGoodPage(page, `${path}?lang=${language}`);
  });

  it.each(LANGUAGES)('signed in, in %s', async (language) => {
    const page = await newPage(width);
    await page.goto('/login');
    await page.getByLabel('Employee ID or e-mail', { exact: true }).fill('540001');
    await page.getByLabel('Password', { exact: true }).fill('Harbor2026');
    await Promise.all([page.waitForURL('**/home'), page.getByRole('button', { name: 'Log in', exact: true }).click()]);
    for (const path of [...SIGNED_IN, `/news/${articleId}`]) await expectGoodPage(page, `${path}?lang=${language}`);
    // The security activity's times carry their zone, in every language.
    await page.goto(`/profile/security?lang=${language}`);
    const time = await page.locator('td[data-label]').first().innerText();
    expect(time).toMatch(/\s([A-Z]{2,5}|UTC|GMT[+-]\d+)$/u);
  });
});
