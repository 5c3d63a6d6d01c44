// LOGIN-10 in a real browser: "Sign in with company SSO" goes to a real OpenID Connect provider on
// a loopback port, which sends the browser straight back; axe-core on every page visited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { checkAccessibility, launchBrowser } from '../support/browser.js';
import { startOidcProvider, type OidcTestProvider } from '../support/oidc-provider.js';
import { seedRegistered, seedUnregistered } from '../support/seed.js';
import { freePort } from '../support/server-process.js';

let provider: OidcTestProvider;
let testApp: TestApp;
let baseUrl: string;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  provider = await startOidcProvider();
  // The redirect URI is built from the public URL, so the app listens exactly there.
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  testApp = await createTestApp({
    env: { PORTICO_PUBLIC_URL: baseUrl, PORTICO_SSO_ISSUER: provider.url, PORTICO_SSO_CLIENT_ID: provider.clientId, PORTICO_SSO_CLIENT_SECRET: provider.clientSecret },
  });
  await seedRegistered(testApp.deps, { employeeId: '0490001', password: 'Sso2026ok', givenName: 'Noor', email: 'noor@example.com' });
  await seedUnregistered(testApp.deps, { employeeId: '0490002', pin: 'abcd2345', givenName: 'Otto' });
  await testApp.app.listen({ host: '127.0.0.1', port });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await testApp?.close();
  await provider?.close();
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

describe('company SSO in Chromium', () => {
  it('signs in with one click on "Sign in with company SSO" and lands on the homepage', async () => {
    provider.person = { sub: 'idp-noor', claims: { employee_id: '0490001', email: 'noor@example.com', email_verified: true } };
    const page = await newPage();
    await page.goto('/login');
    await checkAccessibility(page);
    await page.getByRole('link', { name: 'Sign in with company SSO', exact: true }).click();
    await page.waitForURL(`${baseUrl}/home`);
    expect(await h1Text(page)).toBe('Welcome, Noor');
    await checkAccessibility(page);
  });

  it('shows a first SSO sign-in the Terms step, then the homepage', async () => {
    provider.person = { sub: 'idp-otto', claims: { employee_id: '0490002' } };
    const page = await newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sign in with company SSO', exact: true }).click();
    await page.waitForURL(`${baseUrl}/register/terms`);
    expect(await h1Text(page)).toBe('Terms and Conditions');
    await checkAccessibility(page);
    await page.getByLabel('I agree to the Terms and Conditions').check();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.waitForURL(`${baseUrl}/home`);
    expect(await h1Text(page)).toBe('Welcome, Otto');
    await checkAccessibility(page);
  });

  it('shows someone the provider knows but Portico does not an accessible error page, in French, with the way back', async () => {
    provider.person = { sub: 'idp-stranger', claims: { employee_id: '0999999' } };
    const page = await newPage();
    await page.goto('/login?lang=fr-CA');
    await page.getByRole('link', { name: 'Se connecter avec le SSO de l’entreprise', exact: true }).click();
    await page.waitForURL(/\/login\/sso\/callback/);
    expect(await h1Text(page)).toBe('La connexion avec le SSO de l’entreprise n’a pas abouti');
    expect(await page.getByRole('alert').innerText()).toContain('Nous n’avons pas pu associer votre compte d’entreprise');
    await checkAccessibility(page);
    await page.getByRole('link', { name: 'Retour à la connexion', exact: true }).click();
    await page.waitForURL(`${baseUrl}/login`);
    expect(await h1Text(page)).toBe('Connexion à Portico');
    // Nobody was signed in.
    await page.goto('/home');
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
