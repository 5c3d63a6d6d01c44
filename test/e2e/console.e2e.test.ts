// The help desk console in Chromium (HELP-1..5, SPEC §14.1), by labels only: an employee locks
// themself out with three wrong sets of challenge answers, sends the Technical Help Form; a help
// desk agent who passed a second factor (an e-mailed code read from the outbox) finds the request
// with the account's state, unlocks the account with a reason, closes the request with a note; the
// requester gets the outcome by e-mail and signs in again. axe-core WCAG 2.2 AA on every console page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, listen, type TestApp } from '../support/test-app.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../support/outbox.js';
import { seedRegistered } from '../support/seed.js';
import { normaliseAnswer } from '../../src/identity/normalise.js';
import { replaceQuestions } from '../../src/storage/repositories/profile.js';
import { grantRole } from '../../src/storage/repositories/roles.js';

let testApp: TestApp;
let baseUrl: string;
let browser: Browser;
let outbox: OutboxReader;
const contexts: BrowserContext[] = [];

const EMPLOYEE = { employeeId: '490001', givenName: 'Lucía', familyName: 'Ortiz', password: 'Harbor2026', email: 'lucia@example.com' };
const AGENT = { employeeId: '490900', givenName: 'Hector', familyName: 'Agent', password: 'Console2026', email: 'hector@example.com' };

beforeAll(async () => {
  testApp = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
  const { deps } = testApp;
  await seedRegistered(deps, EMPLOYEE);
  await replaceQuestions(deps.storage.db, EMPLOYEE.employeeId, [
    { questionId: 'first-pet', answerHash: await deps.hasher.hash(normaliseAnswer('Biscuit')) },
    { questionId: 'birth-city', answerHash: await deps.hasher.hash(normaliseAnswer('Ponce')) },
    { questionId: 'first-job', answerHash: await deps.hasher.hash(normaliseAnswer('Lifeguard')) },
  ]);
  await seedRegistered(deps, AGENT);
  await deps.storage.db.updateTable('accounts').set({ mfa: 'email', email_verified_at: deps.clock.now() }).where('employee_id', '=', AGENT.employeeId).execute();
  await grantRole(deps.storage.db, AGENT.employeeId, 'helpdesk', deps.clock.now());
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

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: 'en-US' });
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

async function click(page: Page, name: string, scope: Page | ReturnType<Page['locator']> = page): Promise<void> {
  await Promise.all([page.waitForEvent('load'), scope.getByRole('button', { name, exact: true }).click()]);
}

async function signIn(page: Page, identifier: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Employee ID or e-mail', { exact: true }).fill(identifier);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await click(page, 'Log in');
}

describe('help desk console in Chromium', () => {
  it('takes a locked-out employee from the help form back to the homepage through the console', async () => {
    // 1. The employee answers the challenge questions wrong three times: recovery by questions is locked (RECOV-7).
    const employee = await newPage();
    await employee.goto('/recovery');
    await expectPage(employee, 'Forgot your password?');
    await employee.getByLabel('Employee ID or e-mail', { exact: true }).fill(EMPLOYEE.employeeId);
    await click(employee, 'Continue');
    await expectPage(employee, 'Choose how to reset your password');
    await employee.getByLabel('Answer my challenge questions', { exact: true }).check();
    await click(employee, 'Continue');
    await expectPage(employee, 'Answer your challenge questions');
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await employee.getByLabel('What was the name of your first pet?', { exact: true }).fill('Rex');
      await employee.getByLabel('In what city or town were you born?', { exact: true }).fill('Boston');
      await employee.getByLabel('What was your first job?', { exact: true }).fill('Cashier');
      await click(employee, 'Continue');
      const alert = await employee.getByRole('alert').innerText();
      if (attempt < 3) expect(alert).toContain(`You have ${3 - attempt} more ${3 - attempt === 1 ? 'try' : 'tries'}.`);
      else expect(alert).toContain('Recovery by challenge questions is locked after too many wrong answers.');
    }
    await checkAccessibility(employee);

    // 2. The lock message points to the Technical Help Form.
    const helpLink = employee.locator('a[href="/help/contact"]').first();
    await Promise.all([employee.waitForEvent('load'), helpLink.click()]);
    await expectPage(employee, 'Technical Help Form');
    await employee.getByLabel('Employee ID', { exact: true }).fill(EMPLOYEE.employeeId);
    await employee.getByLabel('Your name', { exact: true }).fill(`${EMPLOYEE.givenName} ${EMPLOYEE.familyName}`);
    await employee.getByLabel('E-mail or phone number', { exact: true }).fill(EMPLOYEE.email);
    await employee.getByLabel('What do you need help with?', { exact: true }).selectOption('unlock');
    await employee.getByLabel('Describe the problem', { exact: true }).fill('I answered my questions wrong and my account is locked.');
    await click(employee, 'Send request');
    await expectPage(employee, 'Request received');
    const reference = /HR-\d{4}-\d{6}/.exec(await employee.getByRole('status').innerText())?.[0];
    expect(reference).toBeDefined();

    // 3. The agent signs in with password and an e-mailed code (MFA-5).
    const agent = await newPage();
    await signIn(agent, AGENT.employeeId, AGENT.password);
    await agent.waitForURL('**/login/code');
    await agent.getByLabel('Code', { exact: true }).fill(await outbox.latestCode(AGENT.email));
    await click(agent, 'Continue');
    // A console account lands on the console: the help desk's queue.
    await agent.waitForURL('**/admin/help-requests');

    // 4. The queue shows the request with the account's state.
    await agent.goto('/admin/help-requests');
    await expectPage(agent, 'Help requests');
    const card = agent.getByRole('article', { name: reference! });
    const cardText = await card.innerText();
    expect(cardText).toContain(EMPLOYEE.employeeId);
    expect(cardText).toContain(EMPLOYEE.email);
    expect(cardText).toContain('Locked by the help desk');

    // 5. Employee search with results, then the employee's page: unlock with a reason.
    await agent.goto('/admin/employees');
    await expectPage(agent, 'Find an employee');
    await agent.getByLabel('Employee ID or name', { exact: true }).fill('Ortiz');
    await click(agent, 'Search');
    await expectPage(agent, 'Find an employee');
    expect(await agent.getByRole('heading', { level: 2, name: '1 employee found' }).count()).toBe(1);
    await Promise.all([agent.waitForEvent('load'), agent.getByRole('link', { name: EMPLOYEE.employeeId, exact: true }).click()]);
    expect(new URL(agent.url()).pathname).toBe(`/admin/employees/${EMPLOYEE.employeeId}`);
    await expectPage(agent, `Account of ${EMPLOYEE.givenName} ${EMPLOYEE.familyName}`);
    expect(await agent.locator('dl.facts').innerText()).toMatch(/Help-desk lock\s+Since/);
    const unlock = agent.getByRole('form', { name: 'Unlock the account' });
    await unlock.getByLabel('Reason', { exact: true }).fill(`Identity checked by phone, ${reference}`);
    await click(agent, 'Unlock', unlock);
    await expectPage(agent, `Account of ${EMPLOYEE.givenName} ${EMPLOYEE.familyName}`);
    expect(await agent.getByRole('status').innerText()).toContain('The account is unlocked.');
    expect(await agent.locator('dl.facts').innerText()).toMatch(/Help-desk lock\s+No/);

    // 6. Back in the queue: the account is no longer locked; close the request with a note.
    await agent.goto('/admin/help-requests');
    await expectPage(agent, 'Help requests');
    expect(await card.innerText()).not.toContain('Locked by the help desk');
    await card.getByLabel('Reason', { exact: true }).fill('Account unlocked');
    await card.getByLabel('Note to the requester', { exact: true }).fill('Your account is unlocked. You can sign in with your password again.');
    await click(agent, 'Close request', card);
    await expectPage(agent, 'Help requests');
    expect(await agent.getByRole('status').innerText()).toContain(`Request ${reference} was closed and the requester was told.`);
    expect(await agent.getByRole('article', { name: reference! }).count()).toBe(0);

    // 7. The audit log shows the unlock.
    await agent.goto(`/admin/audit?employeeId=${EMPLOYEE.employeeId}`);
    await expectPage(agent, 'Audit log');
    await agent.getByLabel('Employee ID', { exact: true }).fill(EMPLOYEE.employeeId);
    await click(agent, 'Search');
    await expectPage(agent, 'Audit log');
    expect(await agent.locator('main').innerText()).toContain('Account unlocked');

    // 8. The requester is told the outcome by e-mail, with the note.
    const mails = await outbox.emailsTo(EMPLOYEE.email);
    const outcome = mails.find((mail) => mail.text.includes('You can sign in with your password again.'));
    expect(outcome, `e-mails to the requester: ${mails.map((m) => m.subject).join(' | ')}`).toBeDefined();
    expect(`${outcome!.subject}\n${outcome!.text}`).toContain(reference!);

    // 9. The employee signs in with their password and lands on the homepage.
    await signIn(employee, EMPLOYEE.employeeId, EMPLOYEE.password);
    await employee.waitForURL('**/home');
    expect(await h1Text(employee)).toBe(`Welcome, ${EMPLOYEE.givenName}`);

    // 10. With the HR and administrator roles (checked on every request), the roster import and
    // the message queue pass axe too.
    await grantRole(testApp.deps.storage.db, AGENT.employeeId, 'hr', testApp.clock.now());
    await grantRole(testApp.deps.storage.db, AGENT.employeeId, 'admin', testApp.clock.now());
    await agent.goto('/admin/roster');
    await expectPage(agent, 'Roster import');
    await agent.goto('/admin/outbox');
    await expectPage(agent, 'Message queue');
  }, 40_000);
});
