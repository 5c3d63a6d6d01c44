// Edit My Profile in Chromium (PROF-1, PROF-2, SESS-4, SPEC §14.1): from the header link, change the
// password using the labels only, see the sessions and end one (its browser is signed out), and
// axe-core WCAG 2.2 AA on every profile page, with and without errors, in English and French.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, listen, type TestApp } from '../support/test-app.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { seedRegistered } from '../support/seed.js';

let testApp: TestApp;
let baseUrl: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  testApp = await createTestApp();
  await seedRegistered(testApp.deps, { employeeId: '510001', givenName: 'Rosa', familyName: 'Marin', password: 'Harbor2026', email: 'rosa@example.com' });
  await seedRegistered(testApp.deps, { employeeId: '510002', givenName: 'Samuel', familyName: 'Roy', password: 'Erable2026', email: 'samuel@example.com', language: 'fr-CA' });
  baseUrl = await listen(testApp.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await testApp?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  contexts.push(context);
  return context.newPage();
}

async function signIn(page: Page, identifier: string, password: string, labels = { identifier: 'Employee ID or e-mail', password: 'Password', submit: 'Log in' }) {
  await page.goto('/login');
  await page.getByLabel(labels.identifier, { exact: true }).fill(identifier);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
  await page.waitForURL('**/home');
}

async function h1Text(page: Page): Promise<string> {
  const headings = page.getByRole('heading', { level: 1 });
  expect(await headings.count()).toBe(1);
  return (await headings.innerText()).trim();
}

describe('Edit My Profile in Chromium', () => {
  it('opens Edit My Profile from the header and changes the password using the labels', async () => {
    const page = await newPage();
    await signIn(page, '510001', 'Harbor2026');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Edit My Profile' }).click();
    await page.waitForURL('**/profile');
    expect(await h1Text(page)).toBe('Edit My Profile');
    await checkAccessibility(page);

    // The overview has no forms: each part of the account links to the page that changes it.
    expect(await page.locator('main form').count()).toBe(0);
    await page.getByRole('link', { name: 'Change Password', exact: true }).click();
    await page.waitForURL('**/profile/password');
    expect(await h1Text(page)).toBe('Change password');
    const navigation = page.getByRole('navigation', { name: 'Profile pages' });
    expect(await navigation.locator('[aria-current="page"]').innerText()).toBe('Password');
    // Signed in just now: the sign-in stands in for the current password (SESS-3).
    expect(await page.getByLabel('Current password', { exact: true }).count()).toBe(0);
    await checkAccessibility(page);
    testApp.clock.advance(6 * 60_000);
    await page.reload();

    // A mistake first: the error is announced, tied to the field, and the page stays accessible.
    await page.getByLabel('Current password', { exact: true }).fill('Harbor2026');
    await page.getByLabel('New password', { exact: true }).fill('Tidewater42');
    await page.getByLabel('Confirm new password', { exact: true }).fill('Tidewater24');
    await page.getByRole('button', { name: 'Change password', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('The two passwords do not match.');
    expect(await page.getByLabel('Confirm new password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe('');
    await checkAccessibility(page);

    await page.getByLabel('Current password', { exact: true }).fill('Harbor2026');
    await page.getByLabel('New password', { exact: true }).fill('Tidewater42');
    await page.getByLabel('Confirm new password', { exact: true }).fill('Tidewater42');
    await page.getByRole('button', { name: 'Change password', exact: true }).click();
    await page.waitForURL('**/profile?done=password');
    expect(await page.getByRole('status').innerText()).toContain('Your password was changed.');

    // The new password is the one that works now.
    const again = await newPage();
    await signIn(again, '510001', 'Tidewater42');
    expect(await h1Text(again)).toBe('Welcome, Rosa');
  });

  it('lists the sessions and ends another one, which signs that browser out', async () => {
    const laptop = await newPage();
    const phone = await newPage();
    await signIn(laptop, '510001', 'Tidewater42');
    await signIn(phone, '510001', 'Tidewater42');

    await laptop.goto('/profile/sessions');
    expect(await h1Text(laptop)).toBe('Where you are signed in');
    const table = laptop.getByRole('table', { name: 'Active sessions, newest first' });
    const rows = table.getByRole('row').filter({ has: laptop.getByRole('button', { name: 'End session' }) });
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    expect(await table.innerText()).toContain('This device');
    expect(await table.innerText()).toContain('Chrome on Linux');
    await checkAccessibility(laptop);

    const other = rows.filter({ hasNotText: 'This device' }).first();
    await other.getByRole('button', { name: 'End session' }).click();
    await laptop.waitForURL('**/profile/sessions?done=sessionEnded');
    expect(await laptop.getByRole('status').innerText()).toContain('The session was ended.');
    await checkAccessibility(laptop);

    // Whichever of the other sessions ended, this one stays signed in; ending all others signs the phone out.
    const endable = () => laptop.getByRole('row').filter({ has: laptop.getByRole('button', { name: 'End session' }) });
    while ((await endable().count()) > 1) {
      const button = endable().filter({ hasNotText: 'This device' }).first().getByRole('button', { name: 'End session' });
      await Promise.all([laptop.waitForEvent('load'), button.click()]);
    }
    await phone.goto('/profile');
    expect(new URL(phone.url()).pathname).toBe('/login');
    await laptop.goto('/profile');
    expect(new URL(laptop.url()).pathname).toBe('/profile');
  });

  it('shows recent security activity with a “This wasn’t me” link', async () => {
    const page = await newPage();
    await signIn(page, '510001', 'Tidewater42');
    await page.goto('/profile/security');
    expect(await h1Text(page)).toBe('Recent security activity');
    expect(await page.getByRole('table').innerText()).toContain('Password changed');
    expect(await page.getByRole('link', { name: 'This wasn’t me' }).getAttribute('href')).toBe('/help/contact');
    await checkAccessibility(page);
  });

  it('has no WCAG 2.2 AA violation on any profile page in French, with or without errors', async () => {
    const page = await newPage();
    await signIn(page, '510002', 'Erable2026');
    await page.goto('/profile?lang=fr-CA');
    expect(await page.getAttribute('html', 'lang')).toBe('fr-CA');
    expect(await h1Text(page)).toBe('Modifier mon profil');
    await checkAccessibility(page);
    await page.getByRole('link', { name: 'Modifier Coordonnées', exact: true }).click();
    await page.waitForURL('**/profile/contact');

    // An error in the contact form, shown next to the field.
    await page.getByLabel('Courriel', { exact: true }).fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Enregistrer les coordonnées' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByLabel('Courriel', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Courriel', { exact: true }).inputValue()).toBe('pas-une-adresse');
    await checkAccessibility(page);

    for (const [path, heading] of [
      ['/profile/questions', 'Modifier vos questions de sécurité'],
      ['/profile/mfa', 'Authentification multifacteur'],
      ['/profile/language', 'Langue'],
      ['/profile/password', 'Changer le mot de passe'],
      ['/profile/sessions', 'Où vous êtes connecté'],
      ['/profile/security', 'Activité de sécurité récente'],
    ] as const) {
      await page.goto(path);
      expect(await page.getAttribute('html', 'lang')).toBe('fr-CA');
      expect(await h1Text(page)).toBe(heading);
      await checkAccessibility(page);
    }
    testApp.clock.advance(6 * 60_000);
    await page.getByRole('navigation', { name: 'Pages du profil' }).getByRole('link', { name: 'Mot de passe' }).click();
    await page.getByLabel('Mot de passe actuel', { exact: true }).fill('mauvais1');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Tidewater42');
    await page.getByLabel('Confirmez le nouveau mot de passe', { exact: true }).fill('Tidewater42');
    await page.getByRole('button', { name: 'Changer le mot de passe', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Ce n’est pas votre mot de passe actuel.');
    await checkAccessibility(page);
  });

});
