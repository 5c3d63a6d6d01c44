// Passkeys in Chromium (MFA-7), with the DevTools protocol's virtual authenticator (ctap2,
// internal, resident key, user verification): a real browser and a real WebAuthn ceremony. An
// employee adds a passkey in Edit My Profile, signs out, and signs in with the passkey alone — by
// the passkey autofill of the identifier field and by the button — to the homepage; a help-desk
// agent with a passkey opens the console with no code step; the employee removes the passkey, and
// it then fails; after a password a passkey stands in for the code, and with the reset link it
// resets the password of an MFA account. axe-core WCAG 2.2 AA on every page, in English and French
// (Canada). With JavaScript off, or without WebAuthn, the passkey controls are not shown and a
// password sign-in works as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { seedRegistered } from '../support/seed.js';
import { freePort } from '../support/server-process.js';
import { grantRole } from '../../src/storage/repositories/roles.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../support/outbox.js';

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
    passkeysHeading: 'Passkeys',
    add: 'Add a passkey',
    added: 'The passkey was added.',
    signInWithPasskey: 'Sign in with a passkey',
    remove: 'Remove',
    removed: 'The passkey was removed.',
    refused: 'That passkey could not be used.',
    needsScript: 'Adding a passkey needs a browser that supports passkeys',
    useInstead: 'Use a passkey instead',
    forgot: 'Forgot your password?',
    continue: 'Continue',
    emailLink: 'E-mail me a reset link',
    registeredEmail: 'Registered e-mail address',
    sendLink: 'Send me a reset link',
    resetSubject: 'Reset your Portico password',
    useMyPasskey: 'Use my passkey',
    confirmWithPasskey: 'Confirm with a passkey',
    newPassword: 'Choose a new password',
  },
  'fr-CA': {
    locale: 'fr-CA',
    identifier: 'Numéro d’employé ou courriel',
    password: 'Mot de passe',
    logIn: 'Se connecter',
    signOut: 'Se déconnecter',
    passkeysHeading: 'Clés d’accès',
    add: 'Ajouter une clé d’accès',
    added: 'La clé d’accès a été ajoutée.',
    signInWithPasskey: 'Se connecter avec une clé d’accès',
    remove: 'Retirer',
    removed: 'La clé d’accès a été retirée.',
    refused: 'Cette clé d’accès n’a pas pu être utilisée.',
    needsScript: 'Pour ajouter une clé d’accès, il faut un navigateur',
    useInstead: 'Utiliser plutôt une clé d’accès',
    forgot: 'Mot de passe oublié\u202F?',
    continue: 'Continuer',
    emailLink: 'M’envoyer un lien de réinitialisation par courriel',
    registeredEmail: 'Adresse courriel enregistrée',
    sendLink: 'M’envoyer un lien',
    resetSubject: 'Réinitialisez votre mot de passe Portico',
    useMyPasskey: 'Utiliser ma clé d’accès',
    confirmWithPasskey: 'Confirmer avec une clé d’accès',
    newPassword: 'Choisissez un nouveau mot de passe',
  },
} as const;
type Labels = (typeof LANGUAGES)[keyof typeof LANGUAGES];

beforeAll(async () => {
  // WebAuthn needs a domain name: the public URL (and so the relying party) is localhost on a free port.
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  testApp = await createTestApp({ env: { PORTICO_PUBLIC_URL: baseUrl, PORTICO_DATA_DIR: tempDataDir() } });
  outbox = createOutboxReader(testApp.deps);
  for (const [employeeId, language] of [
    ['690001', 'en'],
    ['690002', 'fr-CA'],
    ['690003', 'en'],
    ['690004', 'fr-CA'],
    ['690005', 'en'],
    ['690006', 'fr-CA'],
    ['690007', 'en'],
    ['690008', 'fr-CA'],
  ] as const) {
    await seedRegistered(testApp.deps, { employeeId, givenName: 'Ana', familyName: 'Pérez', password: 'Harbor2026', email: `${employeeId}@example.com`, language });
  }
  await grantRole(testApp.deps.storage.db, '690003', 'helpdesk', testApp.clock.now());
  await grantRole(testApp.deps.storage.db, '690004', 'helpdesk', testApp.clock.now());
  await testApp.app.listen({ host: '127.0.0.1', port });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await outbox?.stop();
  await testApp?.close();
});

async function newPage(labels: Labels, options: { javaScriptEnabled?: boolean; conditional?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: labels.locale, javaScriptEnabled: options.javaScriptEnabled ?? true });
  contexts.push(context);
  const page = await context.newPage();
  if (options.conditional === false) {
    // The button path on its own: this browser offers no passkey autofill.
    await page.addInitScript(() => {
      Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { value: () => Promise.resolve(false) });
    });
  }
  return page;
}

/** The DevTools protocol's virtual authenticator: a platform authenticator with discoverable credentials and user verification. */
async function addVirtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

async function h1Text(page: Page): Promise<string> {
  const headings = page.getByRole('heading', { level: 1 });
  expect(await headings.count()).toBe(1);
  return (await headings.innerText()).trim();
}

async function signInWithPassword(page: Page, labels: Labels, identifier: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(labels.identifier, { exact: true }).fill(identifier);
  await page.getByLabel(labels.password, { exact: true }).fill('Harbor2026');
  await page.getByRole('button', { name: labels.logIn, exact: true }).click();
  await page.waitForURL('**/home');
}

async function addPasskeyInProfile(page: Page, labels: Labels): Promise<void> {
  await page.goto('/profile/passkeys');
  expect(await h1Text(page)).toBe(labels.passkeysHeading);
  await page.getByRole('button', { name: labels.add, exact: true }).waitFor();
  await checkAccessibility(page);
  await page.getByRole('button', { name: labels.add, exact: true }).click();
  await page.waitForURL('**/profile/passkeys?added=1');
  expect(await page.getByRole('status').innerText()).toContain(labels.added);
  await checkAccessibility(page);
}

async function signOut(page: Page, labels: Labels): Promise<void> {
  await page.getByRole('button', { name: labels.signOut, exact: true }).click();
  await page.waitForURL('**/login?signedOut');
}

/** Copies the virtual authenticator's credentials of one page into another's: the same passkey on a second browser profile. */
async function copyCredentials(from: { cdp: CDPSession; authenticatorId: string }, to: { cdp: CDPSession; authenticatorId: string }): Promise<void> {
  const { credentials } = await from.cdp.send('WebAuthn.getCredentials', { authenticatorId: from.authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]?.isResidentCredential).toBe(true);
  for (const credential of credentials) await to.cdp.send('WebAuthn.addCredential', { authenticatorId: to.authenticatorId, credential });
}

describe.each(Object.entries(LANGUAGES))('passkeys in Chromium (%s)', (language, labels) => {
  const [employee, agent] = language === 'en' ? ['690001', '690003'] : ['690002', '690004'];

  it('adds a passkey in Edit My Profile, signs out, and signs in with the passkey alone: autofill, then the button; removed, it fails', async () => {
    const page = await newPage(labels);
    const first = await addVirtualAuthenticator(page);
    await signInWithPassword(page, labels, employee);
    await addPasskeyInProfile(page, labels);

    // Passkey autofill (conditional mediation) on the identifier field: the virtual authenticator
    // answers it at once, no identifier typed → the homepage.
    await signOut(page, labels);
    await page.waitForURL('**/home');
    expect(await h1Text(page)).toContain('Ana');
    await checkAccessibility(page);

    // The button, in a browser that offers no passkey autofill, holding the same passkey.
    const other = await newPage(labels, { conditional: false });
    const second = await addVirtualAuthenticator(other);
    await copyCredentials(first, second);
    await other.goto('/login');
    const button = other.getByRole('button', { name: labels.signInWithPasskey, exact: true });
    await button.waitFor();
    expect(await other.locator('#identifier').getAttribute('autocomplete')).toBe('username webauthn');
    await checkAccessibility(other);
    await button.click();
    await other.waitForURL('**/home');
    await checkAccessibility(other);

    // Removed in Edit My Profile, the passkey signs in no more: the page says so and stays.
    await other.goto('/profile/passkeys');
    await checkAccessibility(other);
    await other.getByRole('button', { name: labels.remove, exact: true }).click();
    await other.waitForURL('**/profile/passkeys?removed');
    expect(await other.getByRole('status').innerText()).toContain(labels.removed);
    await checkAccessibility(other);
    await signOut(other, labels);
    await other.getByRole('button', { name: labels.signInWithPasskey, exact: true }).click();
    const alert = other.locator('[data-passkey-error]');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.innerText()).toContain(labels.refused);
    expect(new URL(other.url()).pathname).toBe('/login');
    await checkAccessibility(other);
  });

  it('a help-desk agent with a passkey opens the console with no code step', async () => {
    const page = await newPage(labels);
    await addVirtualAuthenticator(page);
    await signInWithPassword(page, labels, agent);
    // A password alone, with no second factor, does not open the console (MFA-5).
    expect((await page.goto('/admin'))?.status()).toBe(403);
    await addPasskeyInProfile(page, labels);
    await signOut(page, labels);
    await page.waitForURL('**/home');
    const visited: string[] = [];
    page.on('framenavigated', (frame) => visited.push(new URL(frame.url()).pathname));
    const console = await page.goto('/admin/employees');
    expect(console?.status()).toBe(200);
    expect(visited).not.toContain('/login/code');
    expect(new URL(page.url()).pathname).toBe('/admin/employees');
    await checkAccessibility(page);
  });
});

describe.each(Object.entries(LANGUAGES))('a passkey as the second step (%s)', (language, labels) => {
  const employee = language === 'en' ? '690007' : '690008';

  it('after a password, stands in for the code; and with the reset link, it resets the password of an MFA account', async () => {
    const page = await newPage(labels);
    const first = await addVirtualAuthenticator(page);
    await signInWithPassword(page, labels, employee);
    await addPasskeyInProfile(page, labels);
    await testApp.deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: testApp.clock.now() }).where('employee_id', '=', employee).execute();

    const other = await newPage(labels, { conditional: false });
    const second = await addVirtualAuthenticator(other);
    await copyCredentials(first, second);
    await other.goto('/login');
    await other.getByLabel(labels.identifier, { exact: true }).fill(employee);
    await other.getByLabel(labels.password, { exact: true }).fill('Harbor2026');
    await other.getByRole('button', { name: labels.logIn, exact: true }).click();
    await other.waitForURL('**/login/code');
    const instead = other.getByRole('button', { name: labels.useInstead, exact: true });
    await instead.waitFor();
    await checkAccessibility(other);
    await instead.click();
    await other.waitForURL('**/home');
    await signOut(other, labels);

    // RECOV-6: the e-mailed link, then the passkey, then a new password.
    await other.getByRole('link', { name: labels.forgot, exact: true }).click();
    await other.getByLabel(labels.identifier, { exact: true }).fill(employee);
    await other.getByRole('button', { name: labels.continue, exact: true }).click();
    await other.getByLabel(labels.emailLink, { exact: true }).check();
    await other.getByRole('button', { name: labels.continue, exact: true }).click();
    await other.getByLabel(labels.registeredEmail, { exact: true }).fill(`${employee}@example.com`);
    await other.getByRole('button', { name: labels.sendLink, exact: true }).click();
    await other.getByRole('status').waitFor();
    const mail = (await outbox.emailsTo(`${employee}@example.com`)).find((m) => m.subject === labels.resetSubject)!;
    const link = new URL(/http:\/\/\S+\/recovery\/link\?token=[\w-]+/.exec(mail.text)![0]);
    await other.goto(`${link.pathname}${link.search}`);
    await other.getByRole('button', { name: labels.continue, exact: true }).click();
    await other.getByLabel(labels.useMyPasskey, { exact: true }).check();
    await checkAccessibility(other);
    await other.getByRole('button', { name: labels.continue, exact: true }).click();
    await other.waitForURL('**/passkey');
    const confirm = other.getByRole('button', { name: labels.confirmWithPasskey, exact: true });
    await confirm.waitFor();
    await checkAccessibility(other);
    await confirm.click();
    await other.waitForURL('**/password');
    expect(await h1Text(other)).toBe(labels.newPassword);
  });
});

describe('without JavaScript, or without WebAuthn', () => {
  it('with JavaScript off, shows no passkey controls, and a password sign-in works as before', async () => {
    const page = await newPage(LANGUAGES.en, { javaScriptEnabled: false });
    await page.goto('/login');
    expect(await page.getByRole('button', { name: LANGUAGES.en.signInWithPasskey }).isVisible()).toBe(false);
    await signInWithPassword(page, LANGUAGES.en, '690005');
    await page.goto('/profile/passkeys');
    expect(await page.getByText(LANGUAGES.en.needsScript).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: LANGUAGES.en.add }).isVisible()).toBe(false);
    await signOut(page, LANGUAGES.en);
    expect(await h1Text(page)).toBe('Sign in to Portico');
  });

  it.each(Object.entries(LANGUAGES))('in a browser without WebAuthn (%s), the pages say so, stay accessible, and the password works', async (language, labels) => {
    const page = await newPage(labels);
    await page.addInitScript(() => {
      delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
    });
    await page.goto('/login');
    expect(await page.getByRole('button', { name: labels.signInWithPasskey }).isVisible()).toBe(false);
    await checkAccessibility(page);
    await signInWithPassword(page, labels, language === 'en' ? '690005' : '690006');
    await page.goto('/profile/passkeys');
    expect(await page.getByText(labels.needsScript).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: labels.add }).isVisible()).toBe(false);
    await checkAccessibility(page);
  });
});
