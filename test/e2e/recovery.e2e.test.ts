// Forgot password in Chromium (RECOV, SPEC §14.1): from "Forgot your password?" on the sign-in page
// to the homepage by every method — reset link and challenge questions in English, codes by e-mail
// and by SMS in French (Canada) — using labels only, reading the e-mail and SMS from the outbox the
// way an employee reads them, with an axe-core WCAG 2.2 AA check on every page visited (and on the
// error states met on the way).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, listen, type TestApp } from '../support/test-app.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../support/outbox.js';
import { seedRegistered } from '../support/seed.js';
import { normaliseAnswer } from '../../src/identity/normalise.js';
import { applyMobile, replaceQuestions } from '../../src/storage/repositories/profile.js';

let testApp: TestApp;
let baseUrl: string;
let browser: Browser;
let outbox: OutboxReader;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  testApp = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
  const { deps } = testApp;
  await seedRegistered(deps, { employeeId: '470001', givenName: 'Ada', familyName: 'Reyes', password: 'Harbor2026', email: 'ada@example.com' });
  await replaceQuestions(deps.storage.db, '470001', [
    { questionId: 'first-pet', answerHash: await deps.hasher.hash(normaliseAnswer('Biscuit')) },
    { questionId: 'birth-city', answerHash: await deps.hasher.hash(normaliseAnswer('Ponce')) },
    { questionId: 'first-job', answerHash: await deps.hasher.hash(normaliseAnswer('Lifeguard')) },
  ]);
  await seedRegistered(deps, { employeeId: '470002', givenName: 'Benoît', familyName: 'Roy', password: 'Erable2026', email: 'benoit@example.com', language: 'fr-CA' });
  await applyMobile(deps.storage.db, '470002', '+15145550102', deps.clock.now());
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

async function newPage(locale: 'en-US' | 'fr-CA'): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale });
  contexts.push(context);
  return context.newPage();
}

async function h1Text(page: Page): Promise<string> {
  const headings = page.getByRole('heading', { level: 1 });
  expect(await headings.count()).toBe(1);
  return (await headings.innerText()).trim();
}

/** Arrives on a page: its one h1 says `heading`, and axe-core finds no WCAG 2.2 AA violation. */
async function expectPage(page: Page, heading: string): Promise<void> {
  await page.waitForLoadState('load');
  expect(await h1Text(page)).toBe(heading);
  await checkAccessibility(page);
}

async function click(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()]);
}

/** From the sign-in page's "Forgot your password?" to the method choice. */
async function startRecovery(page: Page, labels: { forgot: string; identifier: string; submit: string; title: string; methods: string }, identifier: string) {
  await page.goto('/login');
  await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: labels.forgot, exact: true }).click()]);
  await expectPage(page, labels.title);
  await page.getByLabel(labels.identifier, { exact: true }).fill(identifier);
  await click(page, labels.submit);
  await expectPage(page, labels.methods);
}

async function chooseNewPassword(page: Page, labels: { title: string; password: string; confirm: string; submit: string }, password: string) {
  await expectPage(page, labels.title);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByLabel(labels.confirm, { exact: true }).fill(password);
  await click(page, labels.submit);
  await page.waitForURL('**/home');
  await checkAccessibility(page);
}

const EN = {
  forgot: 'Forgot your password?',
  identifier: 'Employee ID or e-mail',
  submit: 'Continue',
  title: 'Forgot your password?',
  methods: 'Choose how to reset your password',
};
const EN_PASSWORD = { title: 'Choose a new password', password: 'New password', confirm: 'Confirm new password', submit: 'Save password and sign in' };
const FR = {
  forgot: 'Mot de passe oublié\u202F?',
  identifier: 'Numéro d’employé ou courriel',
  submit: 'Continuer',
  title: 'Mot de passe oublié\u202F?',
  methods: 'Choisissez comment réinitialiser votre mot de passe',
};
const FR_PASSWORD = {
  title: 'Choisissez un nouveau mot de passe',
  password: 'Nouveau mot de passe',
  confirm: 'Confirmez le nouveau mot de passe',
  submit: 'Enregistrer et me connecter',
};

describe('forgot password in Chromium', () => {
  it('resets by e-mailed link in English: the link page only shows a button, Continue leads to a new password', async () => {
    const page = await newPage('en-US');
    await startRecovery(page, EN, '470001');
    await page.getByLabel('E-mail me a reset link', { exact: true }).check();
    await click(page, 'Continue');
    await expectPage(page, 'Get a reset link by e-mail');
    await page.getByLabel('Registered e-mail address', { exact: true }).fill('Ada@Example.com');
    await click(page, 'Send me a reset link');
    await expectPage(page, 'Check your e-mail');
    expect(await page.getByRole('status').innerText()).toContain('If these details match our records, we have sent a link');

    const mail = (await outbox.emailsTo('ada@example.com'))[0]!;
    expect(mail.subject).toBe('Reset your Portico password');
    const link = new URL(/http:\/\/\S+\/recovery\/link\?token=[\w-]+/.exec(mail.text)![0]);
    // Opened in another browser, as from a phone's mail app.
    const fromMail = await newPage('en-US');
    await fromMail.goto(`${link.pathname}${link.search}`);
    await expectPage(fromMail, 'Reset your password');
    await click(fromMail, 'Continue');
    // A mistake first: the error sits next to the field, and the page stays accessible.
    await expectPage(fromMail, 'Choose a new password');
    await fromMail.getByLabel('New password', { exact: true }).fill('Seaglass27');
    await fromMail.getByLabel('Confirm new password', { exact: true }).fill('Seaglass72');
    await click(fromMail, 'Save password and sign in');
    expect(await fromMail.getByRole('alert').innerText()).toContain('The two passwords do not match.');
    expect(await fromMail.getByLabel('Confirm new password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await checkAccessibility(fromMail);
    await chooseNewPassword(fromMail, EN_PASSWORD, 'Seaglass27');
    expect(await h1Text(fromMail)).toBe('Welcome, Ada');

    // Signed in, the link goes to the homepage (RECOV-9); elsewhere, used, it explains itself.
    await fromMail.goto(`${link.pathname}${link.search}`);
    expect(new URL(fromMail.url()).pathname).toBe('/home');
    await page.goto(`${link.pathname}${link.search}`);
    await expectPage(page, 'This link no longer works');
  });

  it('resets by challenge questions in English, after one wrong set', async () => {
    const page = await newPage('en-US');
    await startRecovery(page, EN, 'ada@example.com');
    await page.getByLabel('Answer my challenge questions', { exact: true }).check();
    await click(page, 'Continue');
    await expectPage(page, 'Answer your challenge questions');
    const fill = async (answers: string[]) => {
      await page.getByLabel('What was the name of your first pet?', { exact: true }).fill(answers[0]!);
      await page.getByLabel('In what city or town were you born?', { exact: true }).fill(answers[1]!);
      await page.getByLabel('What was your first job?', { exact: true }).fill(answers[2]!);
      await click(page, 'Continue');
    };
    await fill(['Rex', 'Ponce', 'Lifeguard']);
    expect(await page.getByRole('alert').innerText()).toContain('You have 2 more tries.');
    await checkAccessibility(page);
    await fill(['  biscuit ', 'PONCE', 'life guard'.replace(' ', '')]);
    await chooseNewPassword(page, EN_PASSWORD, 'Tidepool38');
    expect(await h1Text(page)).toBe('Welcome, Ada');
  });

  it('resets by a code sent by e-mail, then by SMS, in French (Canada)', async () => {
    for (const channel of ['email', 'sms'] as const) {
      const page = await newPage('fr-CA');
      await startRecovery(page, FR, '470002');
      expect(await page.getAttribute('html', 'lang')).toBe('fr-CA');
      await page.getByLabel(channel === 'email' ? 'M’envoyer un code par courriel' : 'M’envoyer un code par texto (SMS)', { exact: true }).check();
      await click(page, 'Continuer');
      await expectPage(page, channel === 'email' ? 'Recevoir un code par courriel' : 'Recevoir un code par texto');
      const field = page.getByLabel(channel === 'email' ? 'Adresse courriel enregistrée' : 'Numéro de cellulaire enregistré', { exact: true });
      // An address that is not one shows its error next to the field.
      await field.fill('12');
      await click(page, 'M’envoyer un code');
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      await checkAccessibility(page);
      await field.fill(channel === 'email' ? 'benoit@example.com' : '514 555-0102');
      await click(page, 'M’envoyer un code');
      await expectPage(page, 'Entrez votre code');
      expect(await page.getByRole('status').innerText()).toContain('Si ces renseignements correspondent à nos dossiers');
      const code = await outbox.latestCode(channel === 'email' ? 'benoit@example.com' : '+15145550102');
      await page.getByLabel('Code', { exact: true }).fill(code);
      await click(page, 'Continuer');
      await chooseNewPassword(page, FR_PASSWORD, channel === 'email' ? 'Erable2027' : 'Erable2028');
      expect(await h1Text(page)).toBe('Bienvenue, Benoît');
      // RECOV-5: the confirmation goes by SMS too, since a phone is on file (read now, so the next
      // code is not sent in the same delivery batch).
      expect((await outbox.smsTo('+15145550102'))[0]!.body).toMatch(/mot de passe/i);
      // The next code may go out 30 seconds later.
      testApp.clock.advance(31_000);
    }
    const changed = (await outbox.emailsTo('benoit@example.com'))[0]!;
    expect(changed.subject).toMatch(/mot de passe/i);
  });
});
