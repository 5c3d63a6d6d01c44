// SPEC §14.1 on real pages: a signed-in employee reading in French sees the first of the month as
// "1er" (Intl writes "1 janvier"), dates taken in the company's time zone, and times that name it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { mainOf, publishNews, signedInEmployee, type Employee } from '../../test/support/portal.js';

// 22:00 in New York on 1 January 2027 is already 2 January in UTC: the page must say the 1st.
const NEW_YEAR_EVENING = Date.UTC(2027, 0, 2, 3, 0, 0);

let t: TestApp;
let employee: Employee;
let articleId: number;

beforeAll(async () => {
  t = await createTestApp();
  expect(t.deps.config.timeZone).toBe('America/New_York');
  t.clock.set(NEW_YEAR_EVENING);
  articleId = await publishNews(t, {
    publishedAt: NEW_YEAR_EVENING,
    translations: [
      { language: 'en', title: 'Happy new year', body: 'Welcome to 2027.' },
      { language: 'fr-CA', title: 'Bonne année', body: 'Bienvenue en 2027.' },
    ],
  });
  employee = await signedInEmployee(t, { employeeId: '560001', givenName: 'Élise', country: 'CA' });
});

afterAll(async () => {
  await t?.close();
});

describe('French dates and times on the pages', () => {
  it('an article published on the evening of 1 January says "1er janvier 2027"', async () => {
    const page = await employee.get(`/news/${articleId}?lang=fr-CA`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="fr-CA"');
    const main = mainOf(page);
    expect(main).toContain('Bonne année');
    expect(main).toContain('Publié le 1er janvier 2027');
    expect(main).not.toContain('2 janvier');
  });

  it('the news list and the homepage say it too', async () => {
    for (const url of ['/news?lang=fr-CA', '/home?lang=fr-CA']) {
      const main = mainOf(await employee.get(url));
      expect(main, url).toContain('1er janvier 2027');
    }
  });

  it('the security activity shows the sign-in at "1er janv. 2027, 22 h 00" in Eastern time, named', async () => {
    const page = await employee.get('/profile/security?lang=fr-CA');
    expect(page.statusCode).toBe(200);
    // Intl writes the zone's French abbreviation (HNE: heure normale de l'Est).
    expect(mainOf(page)).toMatch(/<td data-label="[^"]+">1er janv\. 2027, 22\sh\s00\sHNE<\/td>/u);
  });
});
