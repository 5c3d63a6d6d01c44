// The registration wizard in Chromium (REG, SPEC §14.1): from a PIN sign-in to /home using labels
// only, in English and in Spanish (Puerto Rico); codes read from the outbox the way an employee
// reads their mail; axe-core WCAG 2.2 AA on every step and on error states; Back keeps what was
// saved; closing the browser and signing in again with the PIN resumes at the first unfinished step.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, listen, type TestApp } from '../support/test-app.js';
import { answerChallengeQuestions, checkAccessibility, launchBrowser } from '../support/browser.js';
import { seedUnregistered } from '../support/seed.js';
import { startDeliveryWorker, type DeliveryWorker } from '../../src/delivery/delivery-worker.js';
import { suiteTempDir } from '../support/temp-root.js';

let dataDir: string;
let testApp: TestApp;
let baseUrl: string;
let browser: Browser;
let worker: DeliveryWorker;

beforeAll(async () => {
  dataDir = suiteTempDir('portico-register-e2e-');
  testApp = await createTestApp({ env: { PORTICO_DATA_DIR: dataDir } });
  await seedUnregistered(testApp.deps, { employeeId: '300101', pin: 'hjkm2345', givenName: 'Ana', familyName: 'Ortiz' });
  await seedUnregistered(testApp.deps, { employeeId: '300102', pin: 'pqrs6789', givenName: 'Luis', familyName: 'Rosa', country: 'PR' });
  baseUrl = await listen(testApp.app);
  browser = await launchBrowser();
  // Polls rarely: each test drains the queue when it expects a message.
  worker = startDeliveryWorker(testApp.deps, { pollMs: 3_600_000 });
});

afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await testApp?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function newContext(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  return { context, page: await context.newPage() };
}

async function signInWithPin(page: Page, employeeId: string, pin: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Employee ID or e-mail', { exact: true }).fill(employeeId);
  await page.getByLabel('Password', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

async function h1Text(page: Page): Promise<string> {
  const headings = page.getByRole('heading', { level: 1 });
  expect(await headings.count()).toBe(1);
  return (await headings.innerText()).trim();
}

/** Arrives on a step: its address, its one h1, "Step N of M", and no WCAG 2.2 AA violation. */
async function expectStep(page: Page, step: string, heading: string, progress: string): Promise<void> {
  await page.waitForURL(new RegExp(`/register/${step}(\\?.*)?$`));
  expect(await h1Text(page)).toBe(heading);
  expect(await page.getByText(progress, { exact: true }).isVisible()).toBe(true);
  await checkAccessibility(page);
}

/** An error state: the alert summary says what is wrong and has the focus, and the page stays accessible. */
async function expectError(page: Page, message: string): Promise<void> {
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.innerText()).toContain(message);
  expect(await alert.evaluate((summary) => summary === document.activeElement)).toBe(true);
  await checkAccessibility(page);
}

async function click(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
}

/** The code in the newest e-mail to this address, after the worker has sent what is queued. */
async function codeFromEmail(to: string): Promise<{ code: string; subject: string }> {
  await worker.drain();
  const dir = path.join(dataDir, 'outbox', 'mail');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.eml')).sort().reverse();
  for (const name of names) {
    const mail = await simpleParser(await readFile(path.join(dir, name)));
    const recipients: AddressObject[] = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
    if (!recipients.some((r) => r.value.some((a) => a.address?.toLowerCase() === to.toLowerCase()))) continue;
    const code = /\b(\d{6})\b/.exec(mail.text ?? '')?.[1];
    if (!code) throw new Error(`no 6-digit code in the text part of ${name}:\n${mail.text ?? ''}`);
    return { code, subject: mail.subject ?? '' };
  }
  throw new Error(`no e-mail to ${to} in ${dir}`);
}

/** The code in the newest text message to this number (outbox sms.jsonl). */
async function codeFromSms(to: string): Promise<string> {
  await worker.drain();
  const lines = (await readFile(path.join(dataDir, 'outbox', 'sms.jsonl'), 'utf8')).trim().split('\n');
  const messages = lines.map((line) => JSON.parse(line) as { to: string; body: string }).filter((m) => m.to === to);
  const code = /\b(\d{6})\b/.exec(messages.at(-1)?.body ?? '')?.[1];
  if (!code) throw new Error(`no text message with a code to ${to}`);
  return code;
}

/** The rule's line in the list next to the password field, e.g. "7 to 14 characters (done)". */
function rule(page: Page, text: string) {
  return page.locator('#password-rules li').filter({ hasText: text });
}

describe('registration wizard in Chromium', () => {
  it('takes a new employee from the PIN to the homepage in English, with errors, resuming and Back', async () => {
    let { context, page } = await newContext();
    await signInWithPin(page, '300101', 'HJKM2345');

    // Step 1: language.
    await expectStep(page, 'language', 'Choose your language', 'Step 1 of 6');
    expect(await page.getByRole('link', { name: 'Back', exact: true }).count()).toBe(0);
    expect(await page.getByLabel('English', { exact: true }).isChecked()).toBe(true);
    await click(page, 'Continue');

    // Step 2: terms, first without agreeing.
    await expectStep(page, 'terms', 'Terms and Conditions', 'Step 2 of 6');
    expect(await page.getByRole('heading', { name: 'Portico Terms and Conditions of Use' }).isVisible()).toBe(true);
    await click(page, 'Continue');
    await expectError(page, 'Tick “I agree” to continue.');
    const agree = page.getByLabel('I agree to the Terms and Conditions', { exact: true });
    expect(await agree.getAttribute('aria-invalid')).toBe('true');
    await agree.check();
    await click(page, 'Continue');

    // Step 3: contact, first with a mistyped e-mail; what was typed stays.
    await expectStep(page, 'contact', 'Your contact details', 'Step 3 of 6');
    await page.getByLabel('E-mail', { exact: true }).fill('ana.ortiz@example');
    await page.getByLabel('Mobile phone (optional)', { exact: true }).fill('787-555-0101');
    await page.getByLabel('ID for other company applications (optional)', { exact: true }).fill('ana.o');
    await click(page, 'Continue');
    await expectError(page, 'Enter an e-mail address like name@example.com.');
    expect(await page.getByLabel('E-mail', { exact: true }).inputValue()).toBe('ana.ortiz@example');
    expect(await page.getByLabel('Mobile phone (optional)', { exact: true }).inputValue()).toBe('787-555-0101');
    expect(await page.getByLabel('ID for other company applications (optional)', { exact: true }).inputValue()).toBe('ana.o');
    await page.getByLabel('E-mail', { exact: true }).fill('ana.ortiz@example.com');
    await click(page, 'Continue');

    // Step 4 is reached; the browser closes here. Signing in again with the PIN resumes at it.
    await expectStep(page, 'verify', 'Confirm your contact details', 'Step 4 of 6');
    await context.close();
    ({ context, page } = await newContext());
    await signInWithPin(page, '300101', 'hjkm2345');
    await expectStep(page, 'verify', 'Confirm your contact details', 'Step 4 of 6');
    expect(await page.getByText('We sent it to ana.ortiz@example.com.').isVisible()).toBe(true);
    expect(await page.getByText('We sent it to 787-555-0101.').isVisible()).toBe(true);

    // A wrong e-mail code with the right SMS code: the phone is confirmed, the e-mail code is asked again.
    const first = await codeFromEmail('ana.ortiz@example.com');
    await page.getByLabel('Code from the e-mail', { exact: true }).fill(first.code === '111111' ? '222222' : '111111');
    await page.getByLabel('Code from the text message', { exact: true }).fill(await codeFromSms('+17875550101'));
    await click(page, 'Continue');
    await expectError(page, 'That code is not right.');
    expect(await page.getByText('Your mobile number 787-555-0101 is confirmed.').isVisible()).toBe(true);
    expect(await page.getByLabel('Code from the text message', { exact: true }).count()).toBe(0);

    // "Send a new code" works after 30 seconds; the newest code is the one that counts.
    testApp.clock.advance(31_000);
    await click(page, 'Send a new code by e-mail');
    await page.waitForURL('**/register/verify?sent=email');
    expect(await page.getByRole('status').innerText()).toContain('We sent a new code to ana.ortiz@example.com.');
    await checkAccessibility(page);
    const second = await codeFromEmail('ana.ortiz@example.com');
    await page.getByLabel('Code from the e-mail', { exact: true }).fill(second.code);
    await click(page, 'Continue');

    // Step 5: challenge questions, chosen by their text.
    await expectStep(page, 'questions', 'Challenge questions', 'Step 5 of 6');
    await answerChallengeQuestions(page);
    await click(page, 'Continue');

    // Step 6: a password that breaks rules; the server marks each rule, and the fields are emptied.
    await expectStep(page, 'password', 'Choose your password', 'Step 6 of 6');
    expect(await page.locator('#password-rules li').count()).toBe(7);
    await page.getByLabel('New password', { exact: true }).fill('ana1');
    await page.getByLabel('Confirm new password', { exact: true }).fill('ana1');
    await click(page, 'Finish and sign in');
    await expectError(page, 'Your new password does not meet every rule listed.');
    expect(await rule(page, '7 to 14 characters').innerText()).toContain('(not yet)');
    expect(await rule(page, 'At least one letter').innerText()).toContain('(done)');
    expect(await rule(page, 'Both passwords match').innerText()).toContain('(done)');
    // On screen the mark says it; the words are there for screen readers only.
    expect((await rule(page, 'At least one letter').locator('.rule__state').boundingBox())?.width).toBeLessThanOrEqual(1);
    expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    // With JavaScript, the rules a browser can check follow the typing.
    await page.getByLabel('New password', { exact: true }).pressSequentially('Harbor7');
    await rule(page, '7 to 14 characters').filter({ hasText: '(done)' }).waitFor();
    await page.getByLabel('Confirm new password', { exact: true }).pressSequentially('Harbor8');
    await rule(page, 'Both passwords match').filter({ hasText: '(not yet)' }).waitFor();
    expect(await rule(page, 'Not a common password').innerText()).not.toMatch(/\((done|not yet)\)/);

    // Back from the password step to the contact step: everything saved is still there.
    await page.getByRole('link', { name: 'Back', exact: true }).click();
    await expectStep(page, 'questions', 'Challenge questions', 'Step 5 of 6');
    expect(await page.getByLabel('Question 2', { exact: true }).inputValue()).toBe('first-job');
    await page.getByRole('link', { name: 'Back', exact: true }).click();
    await expectStep(page, 'verify', 'Confirm your contact details', 'Step 4 of 6');
    expect(await page.getByText('Your e-mail address ana.ortiz@example.com is confirmed.').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Back', exact: true }).click();
    await expectStep(page, 'contact', 'Your contact details', 'Step 3 of 6');
    expect(await page.getByLabel('E-mail', { exact: true }).inputValue()).toBe('ana.ortiz@example.com');
    expect(await page.getByLabel('Mobile phone (optional)', { exact: true }).inputValue()).toBe('787-555-0101');
    expect(await page.getByLabel('ID for other company applications (optional)', { exact: true }).inputValue()).toBe('ana.o');
    // Unchanged details need no new code: Continue goes straight back to the password.
    await click(page, 'Continue');
    await expectStep(page, 'password', 'Choose your password', 'Step 6 of 6');

    await page.getByLabel('New password', { exact: true }).fill('Ponce2026a');
    await page.getByLabel('Confirm new password', { exact: true }).fill('Ponce2026a');
    await click(page, 'Finish and sign in');
    await page.waitForURL('**/home?done=accountReady');
    expect(await h1Text(page)).toBe('Welcome, Ana');
    expect(await page.getByRole('heading', { name: 'Your account is ready' }).count()).toBe(1);
    await checkAccessibility(page);

    // The PIN is spent: a later visit to the wizard leads to the homepage.
    await page.goto('/register');
    await page.waitForURL('**/home');
    await context.close();
  });

  it('continues in Spanish (Puerto Rico) once it is chosen in step 1, pages and e-mail alike', async () => {
    const { context, page } = await newContext();
    await signInWithPin(page, '300102', 'pqrs6789');

    await expectStep(page, 'language', 'Choose your language', 'Step 1 of 6');
    await page.getByLabel('Español (Puerto Rico)', { exact: true }).check();
    await click(page, 'Continue');

    await expectStep(page, 'terms', 'Términos y condiciones', 'Paso 2 de 6');
    expect(await page.getAttribute('html', 'lang')).toBe('es-PR');
    expect(await page.getByRole('heading', { name: 'Términos y condiciones de uso de Portico' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Regresar', exact: true }).getAttribute('href')).toBe('/register/language');
    await page.getByLabel('Acepto los Términos y Condiciones', { exact: true }).check();
    await click(page, 'Continuar');

    await expectStep(page, 'contact', 'Sus datos de contacto', 'Paso 3 de 6');
    await page.getByLabel('Correo electrónico', { exact: true }).fill('luis.rosa@example.com');
    await click(page, 'Continuar');

    // No mobile was given: one code, for the e-mail, which also arrives in Spanish.
    await expectStep(page, 'verify', 'Confirme sus datos de contacto', 'Paso 4 de 6');
    expect(await page.getByLabel('Código del mensaje de texto', { exact: true }).count()).toBe(0);
    const mail = await codeFromEmail('luis.rosa@example.com');
    expect(mail.subject).toBe('Su código de verificación de Portico');
    await page.getByLabel('Código del correo electrónico', { exact: true }).fill(mail.code);
    await click(page, 'Continuar');

    await expectStep(page, 'questions', 'Preguntas de seguridad', 'Paso 5 de 6');
    await page.getByLabel('Pregunta 1', { exact: true }).selectOption({ label: '¿Cómo se llamaba su primera mascota?' });
    await page.getByLabel('Respuesta 1', { exact: true }).fill('Coquí');
    await page.getByLabel('Pregunta 2', { exact: true }).selectOption({ label: '¿Cuál fue su primer empleo?' });
    await page.getByLabel('Respuesta 2', { exact: true }).fill('Cajero');
    await page.getByLabel('Pregunta 3', { exact: true }).selectOption({ label: '¿En qué ciudad o pueblo nació usted?' });
    await page.getByLabel('Respuesta 3', { exact: true }).fill('Mayagüez');
    await click(page, 'Continuar');

    await expectStep(page, 'password', 'Elija su contraseña', 'Paso 6 de 6');
    expect(await rule(page, 'De 7 a 14 caracteres').count()).toBe(1);
    await page.getByLabel('Contraseña nueva', { exact: true }).fill('Yunque2026');
    await page.getByLabel('Confirme la contraseña nueva', { exact: true }).fill('Yunque2027');
    await click(page, 'Terminar y entrar');
    await expectError(page, 'Las dos contraseñas no coinciden.');
    expect(await rule(page, 'Las dos contraseñas coinciden').innerText()).toContain('(todavía no)');

    await page.getByLabel('Contraseña nueva', { exact: true }).fill('Yunque2026');
    await page.getByLabel('Confirme la contraseña nueva', { exact: true }).fill('Yunque2026');
    await click(page, 'Terminar y entrar');
    await page.waitForURL('**/home?done=accountReady');
    expect(await page.getAttribute('html', 'lang')).toBe('es-PR');
    expect(await h1Text(page)).toBe('Bienvenido(a), Luis');
    await checkAccessibility(page);
    await context.close();
  });
});
