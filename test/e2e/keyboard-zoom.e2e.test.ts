// Keyboard only and 200 % zoom in Chromium (issue 12, SPEC §14.1). Sign-in, a recovery by e-mailed
// code and the whole wizard are completed with Tab, Shift+Tab, Enter and Space (and the arrow keys inside a
// radio group, as every radio group works); the focus is visible at every stop, and an error
// summary takes the focus and links to its field. At 200 % zoom (640 CSS px, device scale factor 2)
// sign-in, recovery and the wizard's first steps do not scroll sideways and every control is on screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, listen, type TestApp } from '../support/test-app.js';
import { launchBrowser } from '../support/browser.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../support/outbox.js';
import { seedRegistered, seedUnregistered } from '../support/seed.js';

let testApp: TestApp;
let baseUrl: string;
let browser: Browser;
let outbox: OutboxReader;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  testApp = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
  await seedRegistered(testApp.deps, { employeeId: '550001', givenName: 'Kai', familyName: 'Lund', password: 'Harbor2026', email: 'kai@example.com' });
  await seedUnregistered(testApp.deps, { employeeId: '550002', pin: 'hjkm2345', givenName: 'Ines', familyName: 'Mora' });
  await seedUnregistered(testApp.deps, { employeeId: '550003', pin: 'pqrs6789', givenName: 'Tomas', familyName: 'Vega' });
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

async function newPage(options: { width: number; scale?: number }): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: options.width, height: 800 }, deviceScaleFactor: options.scale ?? 1 });
  contexts.push(context);
  return context.newPage();
}

/** What has the focus: its label's text, its own text, or its id; and whether a focus ring shows. */
async function focused(page: Page): Promise<{ name: string; visible: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { name: '', visible: false };
    const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;
    const style = getComputedStyle(element);
    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return { name: (label ?? element.textContent ?? element.id).trim(), visible: ring };
  });
}

/** Presses Tab until the control named `name` has the focus, checking the focus ring at each stop. */
async function tabTo(page: Page, name: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (now.name !== '') expect(now.visible, `no visible focus on "${now.name}"`).toBe(true);
    if (now.name === name) return;
  }
  throw new Error(`"${name}" was not reached with ${key}`);
}

/** The sign-in form, from the top of the page, by the keyboard; the button is left focused. */
async function typeSignIn(page: Page, identifier: string, password: string): Promise<void> {
  await page.goto('/login');
  await tabTo(page, 'Employee ID or e-mail');
  await page.keyboard.type(identifier);
  await tabTo(page, 'Password');
  await page.keyboard.type(password);
  await tabTo(page, 'Log in');
}

/** A new password and its confirmation, by the keyboard. */
async function typeNewPassword(page: Page, password: string): Promise<void> {
  await tabTo(page, 'New password');
  await page.keyboard.type(password);
  await tabTo(page, 'Confirm new password');
  await page.keyboard.type(password);
}

async function submitWithEnter(page: Page): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

describe('keyboard only', () => {
  it('signs in with Tab, typing and Enter', async () => {
    const page = await newPage({ width: 1280 });
    await typeSignIn(page, '550001', 'Harbor2026');
    await Promise.all([page.waitForURL('**/home'), page.keyboard.press('Space')]);
  });

  it('recovers by an e-mailed code; an error summary takes the focus and leads to its field', async () => {
    const page = await newPage({ width: 1280 });
    await page.goto('/recovery');
    // A mistake first: the summary has the focus, its link leads to the field.
    await tabTo(page, 'Continue');
    await submitWithEnter(page);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#identifier');
    await page.keyboard.press('Enter');
    expect((await focused(page)).name).toBe('Employee ID or e-mail');
    await page.keyboard.type('550001');
    await submitWithEnter(page);

    // The methods: into the radio group with Tab, to "a code by e-mail" with the arrow keys.
    await tabTo(page, 'E-mail me a reset link');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).name).toBe('Send me a code by e-mail');
    await tabTo(page, 'Continue');
    await submitWithEnter(page);

    await tabTo(page, 'Registered e-mail address');
    await page.keyboard.type('kai@example.com');
    await submitWithEnter(page);
    expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).toBe('Enter your code');
    await tabTo(page, 'Code');
    await page.keyboard.type(await outbox.latestCode('kai@example.com'));
    await submitWithEnter(page);

    await typeNewPassword(page, 'Tidepool38');
    // Back and forth: Shift+Tab returns to the first field, Tab to the button.
    await tabTo(page, 'New password', 'Shift+Tab');
    await tabTo(page, 'Save password and sign in');
    await Promise.all([page.waitForURL('**/home'), page.keyboard.press('Enter')]);
  });

  it('completes the whole wizard, from the PIN to the homepage', async () => {
    const page = await newPage({ width: 1280 });
    await typeSignIn(page, '550003', 'PQRS6789');
    await Promise.all([page.waitForURL('**/register/language'), page.keyboard.press('Enter')]);

    // Language: English is chosen already.
    await tabTo(page, 'Continue');
    await Promise.all([page.waitForURL('**/register/terms'), page.keyboard.press('Enter')]);
    await tabTo(page, 'I agree to the Terms and Conditions');
    await page.keyboard.press('Space');
    await tabTo(page, 'Continue');
    await Promise.all([page.waitForURL('**/register/contact'), page.keyboard.press('Enter')]);

    await tabTo(page, 'E-mail');
    await page.keyboard.type('tomas@example.com');
    await tabTo(page, 'Continue');
    await Promise.all([page.waitForURL('**/register/verify'), page.keyboard.press('Enter')]);
    await tabTo(page, 'Code from the e-mail');
    await page.keyboard.type(await outbox.latestCode('tomas@example.com'));
    await Promise.all([page.waitForURL('**/register/questions'), page.keyboard.press('Enter')]);

    // Three different questions, chosen with the arrow keys on each list.
    for (const [n, answer] of [[1, 'Biscuit'], [2, 'Paper route'], [3, 'Ponce']] as const) {
      await tabTo(page, `Question ${n}`);
      for (let i = 0; i < n; i += 1) await page.keyboard.press('ArrowDown');
      await tabTo(page, `Answer ${n}`);
      await page.keyboard.type(answer);
    }
    await tabTo(page, 'Continue');
    await Promise.all([page.waitForURL('**/register/password'), page.keyboard.press('Enter')]);

    await typeNewPassword(page, 'Harbor77x');
    await tabTo(page, 'Finish and sign in');
    await Promise.all([page.waitForURL('**/home?done=accountReady'), page.keyboard.press('Space')]);
  });
});

describe('200 % zoom', () => {
  /** No sideways scrolling, and every control of the main content lies within the 640 px. */
  async function expectReflow(page: Page): Promise<void> {
    const problems = await page.evaluate(() => {
      const found: string[] = [];
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth > width) found.push(`scrolls sideways by ${document.documentElement.scrollWidth - width} px`);
      for (const control of Array.from(document.querySelectorAll<HTMLElement>('main input:not([type="hidden"]), main select, main textarea, main button, main a'))) {
        const box = control.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (box.left < 0 || box.right > width + 0.5) found.push(`${control.outerHTML.slice(0, 80)} is at ${box.left}–${box.right}`);
      }
      return found;
    });
    expect(problems, page.url()).toEqual([]);
  }

  it('reflows sign-in, recovery and the wizard', async () => {
    const page = await newPage({ width: 640, scale: 2 });
    for (const path of ['/login', '/recovery', '/help/contact']) {
      await page.goto(path);
      await expectReflow(page);
    }
    await page.goto('/recovery');
    await page.getByLabel('Employee ID or e-mail', { exact: true }).fill('550001');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Continue', exact: true }).click()]);
    await expectReflow(page);

    await page.goto('/login');
    await page.getByLabel('Employee ID or e-mail', { exact: true }).fill('550002');
    await page.getByLabel('Password', { exact: true }).fill('HJKM2345');
    await Promise.all([page.waitForURL('**/register/language'), page.getByRole('button', { name: 'Log in', exact: true }).click()]);
    await expectReflow(page);
    await Promise.all([page.waitForURL('**/register/terms'), page.getByRole('button', { name: 'Continue', exact: true }).click()]);
    await expectReflow(page);
    await page.getByLabel('I agree to the Terms and Conditions', { exact: true }).check();
    await Promise.all([page.waitForURL('**/register/contact'), page.getByRole('button', { name: 'Continue', exact: true }).click()]);
    await expectReflow(page);
  });
});
