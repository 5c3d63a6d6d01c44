// The /login page works without JavaScript: a CSRF-protected form, errors next to what was typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered, seedUnregistered } from '../../../test/support/seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedRegistered(t.deps, { employeeId: '600600', password: 'Pages2026', givenName: 'Iris' });
  await seedUnregistered(t.deps, { employeeId: '600601', pin: 'abcd2345' });
});
afterAll(() => t.close());

async function loginPage(query = '') {
  const page = await t.app.inject({ method: 'GET', url: `/login${query}` });
  const csrf = page.cookies.find((c) => c.name === 'portico_csrf')!.value;
  expect(page.body).toContain(`name="_csrf" value="${csrf}"`);
  return { page, csrf };
}

function submit(form: Record<string, string>, cookie: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
    payload: new URLSearchParams(form).toString(),
  });
}

describe('the sign-in page', () => {
  it('has the labelled fields, the button, the links and one h1', async () => {
    const { page } = await loginPage();
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toMatch(/<label for="identifier">Employee ID or e-mail<\/label>/);
    expect(page.body).toMatch(/<label for="password">Password<\/label>/);
    expect(page.body).toMatch(/<button type="submit"[^>]*>Log in<\/button>/);
    expect(page.body).toContain('Forgot your password?');
    expect(page.body).toContain('Need help?');
    expect(page.body.match(/<h1/g)).toHaveLength(1);
    // MFA-7: the one script is the passkeys' (from 'self', deferred); the form itself needs none.
    expect(page.body.match(/<script[^>]*>/g)).toEqual([expect.stringMatching(/^<script src="\/assets\/passkeys\.[0-9a-f]{10}\.js" defer>$/)]);
  });

  it('is translated into fr-CA and es-PR, and remembers the choice', async () => {
    const { page } = await loginPage('?lang=fr-CA');
    expect(page.body).toContain('<html lang="fr-CA">');
    expect(page.body).toContain('Numéro d’employé ou courriel');
    expect(page.body).toContain('Se connecter');
    const remembered = page.cookies.find((c) => c.name === 'portico_lang')!.value;
    const again = await t.app.inject({ method: 'GET', url: '/login', headers: { cookie: `portico_lang=${remembered}` } });
    expect(again.body).toContain('<html lang="fr-CA">');
    const spanish = await t.app.inject({ method: 'GET', url: '/login', headers: { 'accept-language': 'es-PR,es;q=0.8' } });
    expect(spanish.body).toContain('Número de empleado o correo electrónico');
  });

  it('signs in and redirects to /home', async () => {
    const { csrf } = await loginPage();
    const response = await submit({ identifier: '600600', password: 'Pages2026', _csrf: csrf }, `portico_csrf=${csrf}`);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/home');
    const session = response.cookies.find((c) => c.name === 'portico_session')!.value;
    const home = await t.app.inject({ method: 'GET', url: '/home', headers: { cookie: `portico_session=${session}` } });
    expect(home.body).toContain('Welcome, Iris');
  });

  it('a wrong password re-shows the form with the error and the typed identifier, with status 401', async () => {
    const { csrf } = await loginPage();
    const response = await submit({ identifier: '600600', password: 'nope', _csrf: csrf }, `portico_csrf=${csrf}`);
    expect(response.statusCode).toBe(401);
    expect(response.body).toMatch(/role="alert"/);
    expect(response.body).toContain('do not match our records');
    expect(response.body).toContain('value="600600"');
    expect(response.body).toContain('aria-invalid="true"');
  });

  it('a PIN leads to the registration page', async () => {
    const { csrf } = await loginPage();
    const response = await submit({ identifier: '600601', password: 'abcd2345', _csrf: csrf }, `portico_csrf=${csrf}`);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/register');
    const flow = response.cookies.find((c) => c.name === 'portico_flow')!.value;
    const browser = `portico_flow=${flow}; ${response.cookies.filter((c) => c.name === 'portico_client').map((c) => `${c.name}=${c.value}`).join('; ')}`;
    const start = await t.app.inject({ method: 'GET', url: '/register', headers: { cookie: browser } });
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe('/register/language');
    const page = await t.app.inject({ method: 'GET', url: '/register/language', headers: { cookie: browser } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Your PIN was accepted');
  });

  it('refuses a form without the CSRF token, with a wrong one, or from another site (403)', async () => {
    const { csrf } = await loginPage();
    expect((await submit({ identifier: '600600', password: 'Pages2026' }, `portico_csrf=${csrf}`)).statusCode).toBe(403);
    expect((await submit({ identifier: '600600', password: 'Pages2026', _csrf: 'x'.repeat(43) }, `portico_csrf=${csrf}`)).statusCode).toBe(403);
    expect((await submit({ identifier: '600600', password: 'Pages2026', _csrf: csrf }, '')).statusCode).toBe(403);
    const crossSite = await submit({ identifier: '600600', password: 'Pages2026', _csrf: csrf }, `portico_csrf=${csrf}`, { origin: 'https://evil.example' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.body).toContain('another site');
  });

  it('sign-out from the page ends the session', async () => {
    const { csrf } = await loginPage();
    const signedIn = await submit({ identifier: '600600', password: 'Pages2026', _csrf: csrf }, `portico_csrf=${csrf}`);
    const session = signedIn.cookies.find((c) => c.name === 'portico_session')!.value;
    const cookie = `portico_csrf=${csrf}; portico_session=${session}`;
    const out = await t.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      payload: `_csrf=${csrf}`,
    });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login?signedOut');
    const home = await t.app.inject({ method: 'GET', url: '/home', headers: { cookie } });
    expect(home.statusCode).toBe(303);
  });

  it('/ redirects to /login when signed out', async () => {
    const root = await t.app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(303);
    expect(root.headers.location).toBe('/login');
  });
});
