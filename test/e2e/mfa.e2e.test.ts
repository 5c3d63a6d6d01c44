// Multi-factor sign-in in Chromium (MFA-2..4, SPEC §14.1), in English and in French (Canada), by
// labels only: turn on an authenticator app in Edit My Profile (the test reads the key shown for
// typing by hand and computes the app's code), sign out, sign in with password + code; sign in
// with a code read from the e-mail outbox. axe-core WCAG 2.2 AA on every page visited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, listen, type TestApp } from '../support/test-app.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { seedRegistered } from '../support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../support/outbox.js';
import { totpCodeAt } from '../../src/methods/totp/totp.js';

let testApp: TestApp;
let baseUrl: string;
let browser: Browser;
let outbox: OutboxReader;
const contexts: BrowserContext[] = [];

const LANGUAGES = {
  en: {
    locale: 'en-US',
    identifier: 'Employee ID or e-mail',
    password: 'Password',
    logIn: 'Log in',
    signOut: 'Sign out',
    profileHeading: 'Multi-factor sign-in',
    authenticator: 'Authenticator app',
    save: 'Save sign-in setting',
    setupHeading: 'Set up your authenticator app',
    code: 'Code',
    turnOn: 'Turn on',
    recoveryHeading: 'Save your recovery codes',
    backToProfile: 'I saved my codes: back to Edit My Profile',
    done: 'Your authenticator app is set up',
    codeHeading: 'Enter your sign-in code',
    continue: 'Continue',
    wrongCode: 'That code is not right.',
    resend: 'Send a new code',
    resent: 'We sent a new code to',
  },
  'fr-CA': {
    locale: 'fr-CA',
    identifier: 'Numéro d’employé ou courriel',
    password: 'Mot de passe',
    logIn: 'Se connecter',
    signOut: 'Se déconnecter',
    profileHeading: 'Authentification multifacteur',
    authenticator: 'Application d’authentification',
    save: 'Enregistrer le paramètre de connexion',
    setupHeading: 'Configurer votre application d’authentification',
    code: 'Code',
    turnOn: 'Activer',
    recoveryHeading: 'Conservez vos codes de récupération',
    backToProfile: 'J’ai conservé mes codes : revenir à Modifier mon profil',
    done: 'Votre application d’authentification est configurée',
    codeHeading: 'Entrez votre code de connexion',
    continue: 'Continuer',
    wrongCode: 'Ce code n’est pas le bon.',
    resend: 'Envoyer un nouveau code',
    resent: 'Nous avons envoyé un nouveau code à',
  },
} as const;
type Labels = (typeof LANGUAGES)[keyof typeof LANGUAGES];

beforeAll(async () => {
  testApp = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
  outbox = createOutboxReader(testApp.deps);
  await seedRegistered(testApp.deps, { employeeId: '640001', givenName: 'Rosa', familyName: 'Marin', password: 'Harbor2026', email: 'rosa@example.com' });
  await seedRegistered(testApp.deps, { employeeId: '640002', givenName: 'Samuel', familyName: 'Roy', password: 'Erable2026', email: 'samuel@example.com', language: 'fr-CA' });
  await seedRegistered(testApp.deps, { employeeId: '640003', givenName: 'Jane', familyName: 'Doe', password: 'Harbor2026', email: 'jane.doe@example.com' });
  await seedRegistered(testApp.deps, { employeeId: '640004', givenName: 'Julie', familyName: 'Tremblay', password: 'Erable2026', email: 'julie@example.com', language: 'fr-CA' });
  await testApp.deps.storage.db.updateTable('accounts').set({ mfa: 'email' }).where('employee_id', 'in', ['640003', '640004']).execute();
  baseUrl = await listen(testApp.app);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await outbox?.stop();
  await testApp?.close();
});

async function newPage(labels: Labels): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: labels.locale });
  contexts.push(context);
  return context.newPage();
}

async function h1Text(page: Page): Promise<string> {
  const headings = page.getByRole('heading', { level: 1 });
  expect(await headings.count()).toBe(1);
  return (await headings.innerText()).trim();
}

/** Password first; an account with MFA lands on the code step. */
async function signInWithPassword(page: Page, labels: Labels, identifier: string, password: string): Promise<void> {
  await page.goto('/login');
  await checkAccessibility(page);
  await page.getByLabel(labels.identifier, { exact: true }).fill(identifier);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: labels.logIn, exact: true }).click();
}

async function typeCode(page: Page, labels: Labels, code: string): Promise<void> {
  await page.getByLabel(labels.code, { exact: true }).fill(code);
  await page.getByRole('button', { name: labels.continue, exact: true }).click();
}

describe.each(Object.entries(LANGUAGES))('multi-factor sign-in in Chromium (%s)', (language, labels) => {
  const [totpUser, totpPassword, emailUser, emailPassword, emailAddress] =
    language === 'en' ? ['640001', 'Harbor2026', '640003', 'Harbor2026', 'jane.doe@example.com'] : ['640002', 'Erable2026', '640004', 'Erable2026', 'julie@example.com'];

  it('turns on an authenticator app in Edit My Profile, signs out, and signs in with password and code', async () => {
    const page = await newPage(labels);
    await signInWithPassword(page, labels, totpUser, totpPassword);
    await page.waitForURL('**/home');

    await page.goto('/profile/mfa');
    expect(await h1Text(page)).toBe(labels.profileHeading);
    await checkAccessibility(page);
    // Signed in less than 5 minutes ago: no current password needed (SESS-3).
    await page.getByLabel(labels.authenticator, { exact: true }).check();
    await page.getByRole('button', { name: labels.save, exact: true }).click();
    await page.waitForURL('**/profile/mfa/totp');
    expect(await h1Text(page)).toBe(labels.setupHeading);
    expect(await page.locator('img[src^="data:image/svg+xml;base64,"]').count()).toBe(1);
    await checkAccessibility(page);

    // The key shown for typing by hand is the app's secret: compute the app's code from it.
    const secret = (await page.locator('#totp-key').innerText()).replace(/\s/g, '');
    await page.getByLabel(labels.code, { exact: true }).fill(await totpCodeAt(secret, testApp.clock.now()));
    await page.getByRole('button', { name: labels.turnOn, exact: true }).click();
    expect(await h1Text(page)).toBe(labels.recoveryHeading);
    const codes = await page.locator('ol code').allInnerTexts();
    expect(codes).toHaveLength(10);
    await checkAccessibility(page);
    await page.getByRole('link', { name: labels.backToProfile }).click();
    await page.waitForURL('**/profile/mfa?done=mfaTotp');
    expect(await page.getByRole('status').innerText()).toContain(labels.done);
    await checkAccessibility(page);

    await page.getByRole('button', { name: labels.signOut, exact: true }).click();
    await page.waitForURL('**/login?signedOut');
    // The code of the enrolment's time step was used; the next one is what the app shows now.
    testApp.clock.advance(30_000);

    await signInWithPassword(page, labels, totpUser, totpPassword);
    await page.waitForURL('**/login/code');
    expect(await h1Text(page)).toBe(labels.codeHeading);
    await checkAccessibility(page);
    // Nothing beyond the code step before the code (MFA-4).
    await page.goto('/home');
    expect(new URL(page.url()).pathname).toBe('/login/code');

    await typeCode(page, labels, '000000' === (await totpCodeAt(secret, testApp.clock.now())) ? '111111' : '000000');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain(labels.wrongCode);
    expect(await page.getByLabel(labels.code, { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await checkAccessibility(page);

    await typeCode(page, labels, await totpCodeAt(secret, testApp.clock.now()));
    await page.waitForURL('**/home');
    await checkAccessibility(page);
  });

  it('signs in with a code read from the e-mail, after asking for a new one', async () => {
    const page = await newPage(labels);
    await signInWithPassword(page, labels, emailUser, emailPassword);
    await page.waitForURL('**/login/code');
    expect(await h1Text(page)).toBe(labels.codeHeading);
    const masked = `${emailAddress.slice(0, 1)}***@example.com`;
    expect(await page.locator('main').innerText()).toContain(masked);
    await checkAccessibility(page);

    testApp.clock.advance(31_000);
    await page.getByRole('button', { name: labels.resend, exact: true }).click();
    await page.waitForURL('**/login/code?sent');
    expect(await page.getByRole('status').innerText()).toContain(`${labels.resent} ${masked}`);
    await checkAccessibility(page);

    await typeCode(page, labels, await outbox.latestCode(emailAddress));
    await page.waitForURL('**/home');
    await checkAccessibility(page);
  });
});
