// Help & Support in Chromium (HELP-1, HELP-2, SPEC §14.1): the Technical Help Form filled in by its
// labels, an error shown next to its field, the reference, and axe-core WCAG 2.2 AA on /help, a
// topic page and /help/contact in English and Puerto Rican Spanish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, listen, type TestApp } from '../support/test-app.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';

let testApp: TestApp;
let baseUrl: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  testApp = await createTestApp();
  baseUrl = await listen(testApp.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await testApp?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  return context.newPage();
}

async function h1Text(page: Page): Promise<string> {
  const headings = page.getByRole('heading', { level: 1 });
  expect(await headings.count()).toBe(1);
  return (await headings.innerText()).trim();
}

describe('Help & Support in Chromium', () => {
  it('sends the Technical Help Form by its labels, showing a field error first, then the reference', async () => {
    const page = await newPage();
    await page.goto('/help?lang=en');
    await page.getByRole('link', { name: 'Contact the technical support centre' }).click();
    await page.waitForURL('**/help/contact');
    expect(await h1Text(page)).toBe('Technical Help Form');

    await page.getByLabel('Employee ID', { exact: true }).fill('480001');
    await page.getByLabel('Your name', { exact: true }).fill('Carmen Vega');
    await page.getByLabel('E-mail or phone number', { exact: true }).fill('not-a-contact');
    await page.getByLabel('What do you need help with?', { exact: true }).selectOption('unlock');
    await page.getByLabel('Describe the problem', { exact: true }).fill('My account is locked.');
    await page.getByRole('button', { name: 'Send request' }).click();

    await page.getByRole('alert').first().waitFor();
    const contact = page.getByLabel('E-mail or phone number', { exact: true });
    expect(await contact.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#contact-error').innerText()).toContain('name@example.com');
    await checkAccessibility(page);

    await contact.fill('787-555-0123');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('status').waitFor();
    expect(await h1Text(page)).toBe('Request received');
    expect(await page.getByRole('status').innerText()).toMatch(/HR-2026-\d{6}/);
  });

  for (const language of ['en', 'es-PR'] as const) {
    it(`passes axe on /help, a topic page and /help/contact in ${language}`, async () => {
      const page = await newPage();
      for (const path of ['/help', '/help/troubleshooting', '/help/contact']) {
        await page.goto(`${path}?lang=${language}`);
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        await h1Text(page);
        await checkAccessibility(page);
      }
    });
  }
});
