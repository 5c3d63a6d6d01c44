// The header (issue 12, SPEC §14.1) in Chromium: at 1280 px the signed-in navigation (links, name,
// sign-out) is one row in every language and the header is one height whatever the name; at 390 px
// it folds into a "Menu" disclosure that works without JavaScript and with the keyboard; the
// language switcher is in the header; no horizontal scrolling; axe-core clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, listen, type TestApp } from '../support/test-app.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { seedRegistered } from '../support/seed.js';
import { grantRole } from '../../src/storage/repositories/roles.js';
import { LANGUAGES, messagesFor } from '../../src/web/i18n.js';

let testApp: TestApp;
let baseUrl: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  testApp = await createTestApp();
  await seedRegistered(testApp.deps, { employeeId: '530001', givenName: 'Al', familyName: 'Wu', password: 'Harbor2026', email: 'al@example.com' });
  await seedRegistered(testApp.deps, {
    employeeId: '530002',
    givenName: 'Maximiliano-Alejandro',
    familyName: 'Villanueva de la Fuente y Montenegro',
    password: 'Harbor2026',
    email: 'max@example.com',
  });
  // A role holder's header also has the Console link: the longest navigation there is.
  await grantRole(testApp.deps.storage.db, '530002', 'helpdesk', testApp.clock.now());
  baseUrl = await listen(testApp.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await testApp?.close();
});

async function signedIn(employeeId: string, width: number, javaScript = true): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width, height: 800 }, javaScriptEnabled: javaScript });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Employee ID or e-mail', { exact: true }).fill(employeeId);
  await page.getByLabel('Password', { exact: true }).fill('Harbor2026');
  await Promise.all([page.waitForURL('**/home'), page.getByRole('button', { name: 'Log in', exact: true }).click()]);
  return page;
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const headerHeight = (page: Page) => page.locator('header').evaluate((header) => header.getBoundingClientRect().height);

describe('the header in Chromium', () => {
  it('has the navigation in one row at 1280 px in every language, one header height whatever the name', async () => {
    const short = await signedIn('530001', 1280);
    const long = await signedIn('530002', 1280);
    for (const language of LANGUAGES) {
      const t = messagesFor(language);
      for (const page of [short, long]) {
        await page.goto(`/home?lang=${language}`);
        const nav = page.getByRole('navigation', { name: t.site.mainNavigation, exact: true });
        expect(await nav.isVisible()).toBe(true);
        const tops = await nav.locator(':scope > a, :scope > span, :scope > form').evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)));
        expect(tops.length).toBeGreaterThanOrEqual(8);
        expect(new Set(tops.map((top) => Math.round(top / 8))).size, `${language}: ${tops.join(',')}`).toBe(1);
        expect(await page.getByRole('navigation', { name: t.site.languageSwitcher, exact: true }).locator('xpath=ancestor::header').count()).toBe(1);
        expect(await overflow(page)).toBeLessThanOrEqual(0);
      }
      expect(await headerHeight(long)).toBe(await headerHeight(short));
    }
    await checkAccessibility(long);
  });

  it('folds the navigation into a "Menu" disclosure at 390 px, without JavaScript and with the keyboard', async () => {
    for (const javaScript of [true, false]) {
      const page = await signedIn('530002', 390, javaScript);
      const nav = page.getByRole('navigation', { name: 'Main', exact: true });
      expect(await nav.isVisible()).toBe(false);
      // page.evaluate and axe need the page's JavaScript: measured with it on.
      if (javaScript) expect(await overflow(page)).toBeLessThanOrEqual(0);
      const closed = await headerHeight(page);
      const short = await signedIn('530001', 390, javaScript);
      expect(await headerHeight(short)).toBe(closed);

      // Keyboard only: the menu button opens with Enter, and Tab goes on into the navigation.
      const menu = page.locator('summary', { hasText: 'Menu' });
      await menu.focus();
      await page.keyboard.press('Enter');
      expect(await nav.isVisible()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await page.locator(':focus').innerText()).toBe('Home');
      if (javaScript) {
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await checkAccessibility(page);
      }
      await nav.getByRole('link', { name: 'Benefits', exact: true }).click();
      await page.waitForURL('**/benefits');
    }
  });
});
