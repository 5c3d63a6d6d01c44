// The console a help-desk agent works in, in Chromium, by labels only (HELP-3..7, AUDIT-2, SPEC
// §14.1): a signed-out /admin goes to sign-in and back after the e-mailed code; the agent opens the
// account from the queue, verifies the caller by a code read back, unlocks it, cancels an MFA reset
// at its confirmation page (MFA unchanged), confirms ending the sessions with the keyboard alone,
// closes the request with a note; an admin
// pages the audit log with its filters kept in the URL. At 390 px no console page scrolls
// sideways, in English and in French. axe-core WCAG 2.2 AA on every page visited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, listen, type TestApp } from '../support/test-app.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../support/outbox.js';
import { seedRegistered } from '../support/seed.js';
import { grantRole } from '../../src/storage/repositories/roles.js';
import { createHelpRequest } from '../../src/storage/repositories/help-requests.js';

let testApp: TestApp;
let baseUrl: string;
let browser: Browser;
let outbox: OutboxReader;
const contexts: BrowserContext[] = [];

const EMPLOYEE = { employeeId: '491001', givenName: 'Lucía', familyName: 'Ortiz-Villanueva', password: 'Harbor2026', email: 'lucia.ortiz@example.com' };
const AGENT = { employeeId: '491900', givenName: 'Hector', familyName: 'Agent', password: 'Console2026', email: 'hector@example.com' };
const ADMIN = { employeeId: '491901', givenName: 'Ada', familyName: 'Admin', password: 'Console2026', email: 'ada@example.com' };
const NAME = `${EMPLOYEE.givenName} ${EMPLOYEE.familyName}`;
let reference = '';

beforeAll(async () => {
  testApp = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
  const { deps } = testApp;
  const db = deps.storage.db;
  const now = deps.clock.now();
  for (const person of [EMPLOYEE, AGENT, ADMIN]) {
    await seedRegistered(deps, person);
    await db.updateTable('accounts').set({ mfa: 'email', email_verified_at: now }).where('employee_id', '=', person.employeeId).execute();
  }
  await db.updateTable('accounts').set({ helpdesk_locked_at: now }).where('employee_id', '=', EMPLOYEE.employeeId).execute();
  await grantRole(db, AGENT.employeeId, 'helpdesk', now);
  await grantRole(db, ADMIN.employeeId, 'admin', now);
  ({ reference } = await createHelpRequest(db, {
    year: 2026,
    employeeId: EMPLOYEE.employeeId,
    name: NAME,
    contact: EMPLOYEE.email,
    contactChannel: 'email',
    category: 'unlock',
    description: 'My account is locked after my challenge answers.',
    clientIp: '127.0.0.1',
    createdAt: now - 3_600_000,
  }));
  // More than one page of audit events for the employee (50 a page).
  const failures = Array.from({ length: 65 }, (_, n) => ({
    at: now - 86_400_000 + n * 60_000,
    event: 'login.failure',
    outcome: 'failure',
    actor_id: EMPLOYEE.employeeId,
    subject_id: EMPLOYEE.employeeId,
    ip: '203.0.113.7',
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
    request_id: `req-${n}`,
    detail: JSON.stringify({ reason: 'invalid_credentials', method: 'password' }),
  }));
  await db.insertInto('audit_events').values(failures).execute();
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

async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width, height: 900 }, locale: 'en-US' });
  contexts.push(context);
  return context.newPage();
}

/** Arrives on a page: its one h1 says `heading`, and axe-core finds no WCAG 2.2 AA violation. */
async function expectPage(page: Page, heading: string): Promise<void> {
  await page.waitForLoadState('load');
  const headings = page.getByRole('heading', { level: 1 });
  expect(await headings.count()).toBe(1);
  expect((await headings.innerText()).trim()).toBe(heading);
  await checkAccessibility(page);
  await screenshot(page);
}

/** For looking at the pages: PORTICO_SCREENSHOT_DIR=dir saves each page visited as a PNG. */
async function screenshot(page: Page): Promise<void> {
  const dir = process.env.PORTICO_SCREENSHOT_DIR;
  if (!dir) return;
  const width = page.viewportSize()?.width ?? 0;
  const url = new URL(page.url());
  const name = `${width}-${(url.pathname + url.search).replace(/\W+/g, '-').slice(0, 60)}-${Date.now()}.png`;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({ path: `${dir}/${name}`, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, 1800) } });
}

async function click(page: Page, name: string, scope: Page | ReturnType<Page['locator']> = page): Promise<void> {
  await Promise.all([page.waitForEvent('load'), scope.getByRole('button', { name, exact: true }).click()]);
}

async function follow(page: Page, name: string | RegExp, scope: Page | ReturnType<Page['locator']> = page): Promise<void> {
  await Promise.all([page.waitForEvent('load'), scope.getByRole('link', { name, exact: typeof name === 'string' }).first().click()]);
}

/** From a sign-in page reached by a redirect: password, then the e-mailed code. */
async function signInHere(page: Page, person: { employeeId: string; password: string; email: string }): Promise<void> {
  await expectPage(page, 'Sign in to Portico');
  await page.getByLabel('Employee ID or e-mail', { exact: true }).fill(person.employeeId);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await click(page, 'Log in');
  await expectPage(page, 'Enter your sign-in code');
  await page.getByLabel('Code', { exact: true }).fill(await outbox.latestCode(person.email));
  await click(page, 'Continue');
}

async function expectNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, `${label}: scrollWidth ${widths.scroll} > clientWidth ${widths.client}`).toBeLessThanOrEqual(widths.client);
}

describe('help desk console in Chromium', () => {
  let agent: Page;
  let admin: Page;

  it('a signed-out agent opening /admin signs in with password and code and lands on the queue', async () => {
    agent = await newPage();
    await agent.goto('/admin');
    expect(new URL(agent.url()).pathname).toBe('/login');
    expect(new URL(agent.url()).searchParams.get('return')).toBe('/admin');
    await signInHere(agent, AGENT);
    expect(new URL(agent.url()).pathname).toBe('/admin/help-requests');
    await expectPage(agent, 'Help requests');
    const card = agent.getByRole('article', { name: reference });
    expect(await card.getByRole('list', { name: 'Account state' }).innerText()).toContain('Help-desk lock');
    expect(await agent.getByRole('region', { name: 'Open requests by category' }).innerText()).toMatch(/My account is locked\s+1/);
  }, 30_000);

  it('works the request: opens the account from the queue, verifies the caller, unlocks it, cancels an MFA reset, ends sessions by keyboard, closes with a note', async () => {
    await follow(agent, `Open the account of ${EMPLOYEE.employeeId}`, agent.getByRole('article', { name: reference }));
    await expectPage(agent, `Account of ${NAME}`);
    const glance = agent.getByRole('region', { name: 'At a glance' });
    expect(await glance.innerText()).toContain('Locked for the help desk since');
    // Verify the caller first (HELP-7): a code to the registered e-mail, read back by the caller.
    const verify = agent.getByRole('region', { name: 'Verify the caller' });
    const send = verify.getByRole('form', { name: 'Send a code' });
    expect(await send.innerText()).not.toContain(EMPLOYEE.email);
    await send.getByLabel('Reason', { exact: true }).fill(`Caller asks to unlock, ${reference}`);
    await click(agent, 'Send a code', send);
    await expectPage(agent, `Account of ${NAME}`);
    const code = await outbox.latestCode(EMPLOYEE.email);
    expect(await agent.content()).not.toContain(code);
    const readBack = verify.getByRole('form', { name: 'The code the caller reads to you' });
    await readBack.getByLabel('The code the caller reads to you', { exact: true }).fill(code);
    await click(agent, 'Confirm the code', readBack);
    await expectPage(agent, `Account of ${NAME}`);
    expect(await agent.getByRole('status').innerText()).toContain('The caller is verified.');
    expect(await verify.innerText()).toContain('You verified the caller.');

    const unlock = agent.getByRole('form', { name: 'Unlock the account' });
    await unlock.getByLabel('Reason', { exact: true }).fill(`Caller verified, ${reference}`);
    await click(agent, 'Unlock', unlock);
    await expectPage(agent, `Account of ${NAME}`);
    expect(await agent.getByRole('status').innerText()).toContain('The account is unlocked.');
    expect(await glance.innerText()).not.toContain('Help-desk lock');

    // Reset MFA asks first; Cancel leaves the second factor as it was.
    const reset = agent.getByRole('form', { name: 'Reset multi-factor sign-in' });
    await reset.getByLabel('Reason', { exact: true }).fill('Caller says the phone is lost');
    await click(agent, 'Reset', reset);
    await expectPage(agent, `Reset multi-factor sign-in for ${NAME}?`);
    expect(await agent.locator('main').innerText()).toContain('Caller says the phone is lost');
    expect(await agent.getByRole('button', { name: 'Yes, reset MFA', exact: true }).count()).toBe(1);
    await follow(agent, 'Cancel');
    await expectPage(agent, `Account of ${NAME}`);
    expect(await glance.innerText()).toContain('MFA: Codes by e-mail');
    const mfa = await testApp.deps.storage.db.selectFrom('accounts').select('mfa').where('employee_id', '=', EMPLOYEE.employeeId).executeTakeFirstOrThrow();
    expect(mfa.mfa).toBe('email');

    // End sessions with the keyboard alone: Enter submits the reason, Tab reaches "Yes", Enter confirms.
    const end = agent.getByRole('form', { name: 'End all sessions' });
    await end.getByLabel('Reason', { exact: true }).fill('Shared computer at the branch');
    await Promise.all([agent.waitForEvent('load'), agent.keyboard.press('Enter')]);
    await expectPage(agent, `End all sessions of ${NAME}?`);
    const yes = agent.getByRole('button', { name: 'Yes, end all sessions', exact: true });
    for (let tab = 0; tab < 40 && !(await yes.evaluate((button) => button === document.activeElement)); tab += 1) await agent.keyboard.press('Tab');
    expect(await yes.evaluate((button) => button === document.activeElement)).toBe(true);
    await Promise.all([agent.waitForEvent('load'), agent.keyboard.press('Enter')]);
    await expectPage(agent, `Account of ${NAME}`);
    expect(await agent.getByRole('status').innerText()).toContain('All sessions were ended.');

    // Back to the queue: close the request with a note.
    await follow(agent, 'Help requests', agent.getByRole('navigation', { name: 'Console' }));
    await expectPage(agent, 'Help requests');
    const card = agent.getByRole('article', { name: reference });
    expect(await card.getByRole('list', { name: 'Account state' }).innerText()).not.toContain('Help-desk lock');
    await card.getByLabel('Reason', { exact: true }).fill('Account unlocked');
    await card.getByLabel('Note to the requester', { exact: true }).fill('Your account is unlocked. You can sign in again.');
    await click(agent, 'Close request', card);
    await expectPage(agent, 'Help requests');
    expect(await agent.getByRole('status').innerText()).toContain(`Request ${reference} was closed and the requester was told.`);
  }, 40_000);

  it('an admin pages the audit log, the filters kept in the URL', async () => {
    admin = await newPage();
    await admin.goto('/admin/audit');
    await signInHere(admin, ADMIN);
    expect(new URL(admin.url()).pathname).toBe('/admin/audit');
    await expectPage(admin, 'Audit log');
    await admin.getByLabel('Employee ID', { exact: true }).fill(EMPLOYEE.employeeId);
    await admin.getByLabel('Event', { exact: true }).selectOption('login.failure');
    await click(admin, 'Search');
    await expectPage(admin, 'Audit log');
    const rows = admin.locator('table tbody tr');
    expect(await rows.count()).toBe(50);
    expect(await rows.first().innerText()).toContain('Sign-in failed');
    expect(await rows.first().innerText()).toMatch(/[AP]M E[SD]T/);
    expect(await admin.getByRole('link', { name: /Newer events/ }).count()).toBe(0);
    await follow(admin, /Older events/);
    await expectPage(admin, 'Audit log');
    const url = new URL(admin.url());
    expect(url.searchParams.get('employeeId')).toBe(EMPLOYEE.employeeId);
    expect(url.searchParams.get('event')).toBe('login.failure');
    expect(url.searchParams.get('cursor')).toBeTruthy();
    expect(await rows.count()).toBe(15);
    expect(await admin.getByLabel('Event', { exact: true }).inputValue()).toBe('login.failure');
    await follow(admin, /Newer events/);
    await expectPage(admin, 'Audit log');
    expect(await rows.count()).toBe(50);
  }, 30_000);

  it('at 390 px no console page scrolls sideways, in English and in French', async () => {
    const narrow = async (signedIn: Page) => {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 390, height: 844 }, locale: 'en-US', storageState: await signedIn.context().storageState() });
      contexts.push(context);
      return context.newPage();
    };
    const pages: [Page, string[]][] = [
      [await narrow(agent), ['/admin/help-requests', '/admin/employees?q=Ortiz', `/admin/employees/${EMPLOYEE.employeeId}`, `/admin/audit?employeeId=${EMPLOYEE.employeeId}`, '/admin/audit']],
      [await narrow(admin), ['/admin', '/admin/audit?event=login.failure', '/admin/roster', '/admin/outbox', '/admin/news', '/admin/tasks', '/admin/reviews', '/admin/benefits']],
    ];
    for (const language of ['en', 'fr-CA']) {
      for (const [page, paths] of pages) {
        await page.goto(`/admin/employees?lang=${language}`);
        for (const path of paths) {
          await page.goto(path);
          await page.waitForLoadState('load');
          expect(await page.locator('html').getAttribute('lang')).toBe(language);
          await checkAccessibility(page);
          await expectNoSidewaysScroll(page, `${language} ${path}`);
          await screenshot(page);
        }
      }
      // The confirmation page too.
      const [agentNarrow] = pages[0]!;
      await agentNarrow.goto(`/admin/employees/${EMPLOYEE.employeeId}`);
      await agentNarrow.locator('#pin-reason').fill('Nouvelle lettre perdue');
      await Promise.all([agentNarrow.waitForEvent('load'), agentNarrow.locator('#pin-reason').press('Enter')]);
      expect(await agentNarrow.locator('input[name="confirm"]').count()).toBe(1);
      await checkAccessibility(agentNarrow);
      await expectNoSidewaysScroll(agentNarrow, `${language} confirmation`);
      await screenshot(agentNarrow);
    }
  }, 60_000);
});
