// Every page of the signed-in portal, Edit My Profile, help, the signed-out entry pages and each step
// of the registration wizard (with its error states at 390 px), at 1280 px and 390 px, in English,
// French and Spanish (issue 12, SPEC §14.1): one h1, no horizontal scrolling, axe-core WCAG 2.2 AA
// clean, and times that name their zone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, listen, type TestApp } from '../support/test-app.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { seedRegistered, seedUnregistered } from '../support/seed.js';
import { publishNews } from '../support/portal.js';
import { connectApp, registerClient } from '../support/relying-party.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../support/outbox.js';
import { LANGUAGES, type Language } from '../../src/web/i18n.js';

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
  // Issue 16 (IDP-5): Connected apps.
  '/profile/apps',
  '/help',
];
const WIDTHS = [1280, 390] as const;

let testApp: TestApp;
let baseUrl: string;
let browser: Browser;
let articleId: number;
let outbox: OutboxReader;
const contexts: BrowserContext[] = [];

/** One new employee per width and language walks the wizard: 540101, 540102, … */
const REGISTRANTS = WIDTHS.flatMap((width) => LANGUAGES.map((language) => ({ width, language })));
function registrant(width: number, language: Language): { employeeId: string; email: string; mobile: string } {
  const n = REGISTRANTS.findIndex((r) => r.width === width && r.language === language) + 1;
  return { employeeId: `54010${n}`, email: `sweep${n}@example.com`, mobile: `787-555-010${n}` };
}
const PIN = 'hjkm2345';

beforeAll(async () => {
  testApp = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
  await seedRegistered(testApp.deps, { employeeId: '540001', givenName: 'Noor', familyName: 'Haddad', password: 'Harbor2026', email: 'noor.sweep@example.com' });
  for (const { width, language } of REGISTRANTS) {
    await seedUnregistered(testApp.deps, { employeeId: registrant(width, language).employeeId, pin: PIN, givenName: 'Sam', familyName: 'Rivera' });
  }
  articleId = await publishNews(testApp, { title: 'Open enrolment starts', body: 'Choose your **benefits** for next year.' });
  // Connected apps shows its table (a StackTable at 390 px), not only the empty list.
  await connectApp(testApp.deps, '540001', (await registerClient(testApp.deps, { name: 'Benefits Hub', firstParty: false })).clientId);
  baseUrl = await listen(testApp.app);
  browser = await launchBrowser();
  outbox = createOutboxReader(testApp.deps);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await outbox?.stop();
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
  await expectGoodHere(page);
}

/** The page the browser is on now: one h1, no sideways scrolling, no WCAG 2.2 AA violation. */
async function expectGoodHere(page: Page): Promise<void> {
  const where = page.url();
  expect(await page.getByRole('heading', { level: 1 }).count(), where).toBe(1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${where} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
  await checkAccessibility(page);
}

/** Submits the wizard step's own form (not the resend or sign-out forms) and waits for the next page. */
async function submitStep(page: Page, step: string, next: string): Promise<void> {
  await Promise.all([page.waitForURL(`**${next}`), page.locator(`form[action="/register/${step}"] button[type="submit"]`).click()]);
}

/** After a refused submit: the step again, its error summary shown and focused, the field marked (styles.css .field--error). */
async function expectErrorState(page: Page, step: string, field: string): Promise<void> {
  await page.waitForURL(`**/register/${step}`);
  const summary = page.getByRole('alert');
  expect(await summary.isVisible(), step).toBe(true);
  expect(await summary.evaluate((element) => element === document.activeElement), step).toBe(true);
  const marked = await page.locator(`.field--error:has(#${field}-error)`).evaluate((element) => {
    const frame = getComputedStyle(element);
    const message = getComputedStyle(element.querySelector('.field-error')!);
    return { bar: frame.borderLeftWidth, barColour: frame.borderLeftColor, colour: message.color, weight: message.fontWeight };
  });
  expect(marked, step).toEqual({ bar: '5px', barColour: 'rgb(164, 22, 26)', colour: 'rgb(164, 22, 26)', weight: '700' });
  await expectGoodHere(page);
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

  it.each(LANGUAGES)('the registration wizard, every step, in %s', async (language) => {
    const page = await newPage(width);
    const person = registrant(width, language);
    const phone = width === 390;
    await page.goto(`/login?lang=${language}`);
    await page.locator('#identifier').fill(person.employeeId);
    await page.locator('#password').fill(PIN);
    await Promise.all([page.waitForURL('**/register/language'), page.locator('form[action="/login"] button[type="submit"]').click()]);
    await expectGoodHere(page);
    await page.locator(`#language-${language}`).check();
    await submitStep(page, 'language', '/register/terms');
    expect(await page.getAttribute('html', 'lang')).toBe(language);
    await expectGoodHere(page);
    if (phone) {
      await page.locator('form[action="/register/terms"] button[type="submit"]').click();
      await expectErrorState(page, 'terms', 'accept');
    }
    await page.locator('#accept').check();
    await submitStep(page, 'terms', '/register/contact');
    await expectGoodHere(page);
    if (phone) {
      await page.locator('#email').fill(person.email.replace('.com', ''));
      await page.locator('form[action="/register/contact"] button[type="submit"]').click();
      await expectErrorState(page, 'contact', 'email');
    }
    await page.locator('#email').fill(person.email);
    await page.locator('#mobile').fill(person.mobile);
    await submitStep(page, 'contact', '/register/verify');
    await expectGoodHere(page);
    await page.locator('#emailCode').fill(await outbox.latestCode(person.email));
    await page.locator('#mobileCode').fill(await outbox.latestCode(`+1${person.mobile.replaceAll('-', '')}`));
    await submitStep(page, 'verify', '/register/questions');
    await expectGoodHere(page);
    for (const n of [1, 2, 3]) {
      await page.locator(`#question${n}`).selectOption({ index: n });
      await page.locator(`#answer${n}`).fill(['Biscuit', 'Paper route', 'Ponce'][n - 1]!);
    }
    await submitStep(page, 'questions', '/register/password');
    await expectGoodHere(page);
    if (phone) {
      await page.locator('#password').fill('ab1');
      await page.locator('#confirm').fill('ab1');
      await page.locator('form[action="/register/password"] button[type="submit"]').click();
      await expectErrorState(page, 'password', 'password');
    }
    await page.locator('#password').fill('Harbor77x');
    await page.locator('#confirm').fill('Harbor77x');
    await submitStep(page, 'password', '/home?done=accountReady');
    expect(await page.getAttribute('html', 'lang')).toBe(language);
    await expectGoodHere(page);
  });
});
