// Sign-in in a real browser (SPEC §14.1, LOGIN-1): labels only, errors, the PIN path, language,
// axe-core WCAG 2.2 AA, keyboard order and reflow at 320 px / 200 % zoom.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, listen, type TestApp } from '../support/test-app.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { seedDemo } from '../../src/demo/seed-demo.js';

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
  await browser?.close();
  await testApp?.close();
});

/** A fresh browser profile (no cookies) per journey. */
async function newPage(options: { viewport?: { width: number; height: number }; deviceScaleFactor?: number } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: options.viewport ?? { width: 1280, height: 800 }, ...options });
  contexts.push(context);
  return context.newPage();
}

async function signIn(page: Page, identifier: string, password: string, labels = { identifier: 'Employee ID or e-mail', password: 'Password', submit: 'Log in' }) {
  await page.getByLabel(labels.identifier, { exact: true }).fill(identifier);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

async function h1Text(page: Page): Promise<string> {
  const headings = page.getByRole('heading', { level: 1 });
  expect(await headings.count()).toBe(1);
  return (await headings.innerText()).trim();
}

/** Description of the focused element: its id, else its text. */
async function focused(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => { const e = document.activeElement; return e ? (e.id || e.textContent.trim()) : ''; })()`);
}

describe('sign-in page in Chromium', () => {
  it('signs in with an Employee ID and password using the labels, greets the employee, and signs out', async () => {
    const page = await newPage();
    await page.goto('/login');
    expect(await h1Text(page)).toBe('Sign in to Portico');
    await signIn(page, '100001', 'Harbor2026');
    await page.waitForURL('**/home');
    expect(await h1Text(page)).toBe('Welcome, Maria');
    await checkAccessibility(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login?signedOut');
    expect(await page.getByRole('status').innerText()).toContain('You have been signed out.');
    await page.goto('/home');
    expect(pathOf(page)).toBe('/login');
  });

  it('shows a wrong password as an alert, keeps the typed identifier, and stays accessible', async () => {
    const page = await newPage();
    await page.goto('/login');
    await signIn(page, '  100001 ', 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('do not match our records');
    expect(pathOf(page)).toBe('/login');
    expect(await page.getByLabel('Employee ID or e-mail', { exact: true }).inputValue()).toBe('  100001 ');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await checkAccessibility(page);
  });

  it('takes a new employee typing the PIN in upper case to registration', async () => {
    const page = await newPage();
    await page.goto('/login');
    await signIn(page, '200001', 'ABCD2345');
    await page.waitForURL('**/register/language');
    expect(await h1Text(page)).toBe('Choose your language');
    await checkAccessibility(page);
  });

  it('has no WCAG 2.2 AA violation on the sign-in page in English, nor on the page for a missing address', async () => {
    const page = await newPage();
    await page.goto('/login');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await checkAccessibility(page);

    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    expect(await h1Text(page)).toBe('Page not found');
    await checkAccessibility(page);
  });

  it('switches to French with the footer switcher, signs in with the French labels, and stays accessible', async () => {
    const page = await newPage();
    await page.goto('/login');
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Français (Canada)' }).click();
    await page.waitForURL('**/login?lang=fr-CA');
    expect(await page.getAttribute('html', 'lang')).toBe('fr-CA');
    expect(await h1Text(page)).toBe('Connexion à Portico');
    await checkAccessibility(page);

    await signIn(page, '100002', 'Erable2026', { identifier: 'Numéro d’employé ou courriel', password: 'Mot de passe', submit: 'Se connecter' });
    await page.waitForURL('**/home');
    expect(await page.getAttribute('html', 'lang')).toBe('fr-CA');
    expect(await h1Text(page)).toBe('Bienvenue, Jean');
    await checkAccessibility(page);

    // The choice is remembered, and switching back works from any page.
    await page.getByRole('navigation', { name: 'Langue' }).getByRole('link', { name: 'English' }).click();
    await page.waitForURL('**/home?lang=en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await h1Text(page)).toBe('Welcome, Jean');
  });

  it('shows a French error in an alert, accessibly', async () => {
    const page = await newPage();
    await page.goto('/login?lang=fr-CA');
    await signIn(page, '100002', 'mauvais', { identifier: 'Numéro d’employé ou courriel', password: 'Mot de passe', submit: 'Se connecter' });
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('ne correspondent pas');
    await checkAccessibility(page);
  });

  it('reaches the skip link first, then the identifier, password and button in order', async () => {
    const page = await newPage();
    await page.goto('/login');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Skip to main content');

    // Walking on: the header's home link and languages, then the form's fields and button, with nothing in between.
    const order: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      await page.keyboard.press('Tab');
      order.push(await focused(page));
    }
    const start = order.indexOf('identifier');
    expect(start, `focus order was ${order.join(' → ')}`).toBeGreaterThanOrEqual(0);
    expect(order.slice(start, start + 3)).toEqual(['identifier', 'password', 'Log in']);

    // The skip link itself moves focus to the main content, whose first stop is the identifier.
    await page.goto('/login');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('identifier');

    // The form submits from the keyboard alone.
    await page.keyboard.type('100001');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Harbor2026');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/home');
    expect(await h1Text(page)).toBe('Welcome, Maria');
  });

  it('has an accessibility check that does catch a violation', async () => {
    const page = await newPage();
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><h1>t</h1><p style="color:#aaa;background:#fff">faint</p><input></main></html>');
    const error = await checkAccessibility(page).then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(/color-contrast/);
    expect(error?.message).toMatch(/\blabel\b/);
  });

  it('reflows without horizontal scrolling at 320 px and at 200 % zoom', async () => {
    const noHorizontalScroll = async (page: Page) => {
      const [scrollWidth, innerWidth] = await page.evaluate<[number, number]>('[document.documentElement.scrollWidth, window.innerWidth]');
      expect(scrollWidth, `${page.url()} is ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
    };
    // 320 CSS px (WCAG 1.4.10), and a 1280 px window at 200 % zoom, which lays out as 640 CSS px.
    for (const options of [{ viewport: { width: 320, height: 640 } }, { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }]) {
      const page = await newPage(options);
      await page.goto('/login?lang=fr-CA');
      await noHorizontalScroll(page);
      await signIn(page, '123456', 'wrong-password', { identifier: 'Numéro d’employé ou courriel', password: 'Mot de passe', submit: 'Se connecter' });
      await page.getByRole('alert').waitFor();
      await noHorizontalScroll(page);
      await page.goto('/login?lang=en');
      await noHorizontalScroll(page);
      await signIn(page, '100001', 'Harbor2026');
      await page.waitForURL('**/home');
      await noHorizontalScroll(page);
      await checkAccessibility(page);
    }
  });
});
