// HELP-1 / HELP-2 pages without a browser: every help page in three languages (200, one h1,
// localised), unknown topics 404, and the form: CSRF, errors next to fields, the reference, 429.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { signedInEmployee } from '../../../test/support/portal.js';
import { messagesFor, type Language } from '../../web/i18n.js';

const LANGUAGES: Language[] = ['en', 'fr-CA', 'es-PR'];
const PAGES = ['/help', '/help/reset-password', '/help/registration', '/help/mfa', '/help/troubleshooting', '/help/contact'];

function h1s(response: LightMyRequestResponse): string[] {
  return [...response.body.matchAll(/<h1[^>]*>([^<]*)<\/h1>/g)].map((m) => m[1]!);
}

function cookieOf(response: LightMyRequestResponse, name: string): string | undefined {
  return (response.cookies as { name: string; value: string }[]).find((c) => c.name === name)?.value;
}

/** Decodes the few entities preact writes into text. */
const decode = (text: string) => text.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PORTICO_TRUSTED_PROXIES: '127.0.0.1' } });
});
afterAll(() => t.close());

describe('help pages', () => {
  for (const language of LANGUAGES) {
    it(`render every page in ${language} with one localised h1 and no sign-in`, async () => {
      const t9n = messagesFor(language).help;
      const expected = [t9n.title, t9n.topics['reset-password'].title, t9n.topics.registration.title, t9n.topics.mfa.title, t9n.topics.troubleshooting.title, t9n.contact.title];
      for (const [i, url] of PAGES.entries()) {
        const response = await t.app.inject({ method: 'GET', url: `${url}?lang=${language}` });
        expect(response.statusCode, url).toBe(200);
        expect(response.body).toContain(`<html lang="${language}"`);
        const headings = h1s(response);
        expect(headings, url).toHaveLength(1);
        expect(decode(headings[0]!)).toBe(expected[i]);
      }
    });
  }

  it('tells the lockout timing and the e-mail advice, and shows the support centre with the form', async () => {
    const troubleshooting = (await t.app.inject({ method: 'GET', url: '/help/troubleshooting?lang=en' })).body;
    expect(troubleshooting).toContain('After 3 wrong passwords in a row, your account is locked for 15 minutes.');
    expect(troubleshooting).toContain('spam');
    expect(troubleshooting).toContain('after 30 seconds');
    const contact = (await t.app.inject({ method: 'GET', url: '/help/contact?lang=en' })).body;
    expect(contact).toContain('1-800-555-0142');
    for (const id of ['employeeId', 'name', 'contact', 'category', 'description']) expect(contact).toMatch(new RegExp(`<label for="${id}"`));
  });

  it('keeps the main navigation for a signed-in person, and shows none to a visitor', async () => {
    const employee = await signedInEmployee(t, { employeeId: '770001', givenName: 'Ines' });
    for (const url of PAGES) {
      const page = await employee.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('<nav class="user-menu" aria-label="Main">');
      expect(page.body, url).toContain('Signed in as Ines');
    }
    expect((await t.app.inject({ method: 'GET', url: '/help' })).body).not.toContain('class="user-menu"');
  });

  it('answers an unknown topic with a 404 page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/help/not-a-topic' });
    expect(response.statusCode).toBe(404);
    expect(h1s(response)).toHaveLength(1);
  });
});

describe('Technical Help Form page', () => {
  async function openForm(client: string) {
    const page = await t.app.inject({ method: 'GET', url: '/help/contact', headers: { 'x-forwarded-for': client } });
    const csrf = cookieOf(page, 'portico_csrf')!;
    return (form: Record<string, string>, token = csrf) =>
      t.app.inject({
        method: 'POST',
        url: '/help/contact',
        payload: new URLSearchParams({ _csrf: token, ...form }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `portico_csrf=${csrf}`, 'x-forwarded-for': client },
      });
  }
  const form = { employeeId: '470001', name: 'Ana Ríos', contact: 'ana@example.com', category: 'other', description: 'I cannot sign in.' };

  it('shows the reference after a good submit', async () => {
    const submit = await openForm('10.30.0.1');
    const response = await submit(form);
    expect(response.statusCode).toBe(200);
    expect(h1s(response)).toEqual(['Request received']);
    expect(response.body).toMatch(/Your reference number is HR-2026-\d{6}\./);
  });

  it('refuses a missing CSRF token', async () => {
    const submit = await openForm('10.30.0.2');
    expect((await submit(form, 'wrong')).statusCode).toBe(403);
  });

  it('re-shows the form with what was typed and each error next to its field', async () => {
    const submit = await openForm('10.30.0.3');
    const response = await submit({ ...form, contact: 'nope', category: '' });
    expect(response.statusCode).toBe(400);
    expect(h1s(response)).toHaveLength(1);
    expect(response.body).toContain('id="contact-error"');
    expect(response.body).toContain('id="category-error"');
    expect(response.body).toMatch(/id="contact"[^>]*aria-invalid="true"/);
    expect(response.body).toContain('value="Ana Ríos"');
    expect(response.body).toContain('I cannot sign in.');
    expect(response.body).toContain('href="#contact"');
  });

  it('says so when the reference went nowhere: a phone outside +1, or an address that had its 3 confirmations today (HELP-2)', async () => {
    const submit = await openForm('10.30.0.5');
    const abroad = await submit({ ...form, contact: '+44 20 7946 0958' });
    expect(abroad.statusCode).toBe(200);
    expect(abroad.body).toMatch(/Your reference number is HR-2026-\d{6}\. Please note it: we send text messages only to numbers in the US, Canada and Puerto Rico\./);
    const sent: string[] = [];
    for (let i = 0; i < 4; i++) sent.push((await submit({ ...form, contact: 'pages-limit@example.com' })).body);
    expect(sent.slice(0, 3).every((body) => body.includes('We also sent it to the contact you gave.'))).toBe(true);
    expect(sent[3]).toContain('so we did not send it again.');
  });

  it('answers the 11th submit in an hour with 429 and Retry-After', async () => {
    const submit = await openForm('10.30.0.4');
    for (let i = 0; i < 10; i++) expect((await submit(form)).statusCode).toBe(200);
    const refused = await submit(form);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toContain('role="alert"');
    expect(h1s(refused)).toHaveLength(1);
  });
});
