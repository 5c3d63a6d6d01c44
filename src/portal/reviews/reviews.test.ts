// HOME-1/2: performance reviews newest first with the rating in words, and the acknowledgement —
// with an optional comment (at most 1000 characters), once; again changes nothing. Both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { saveReview, type NewReview } from '../../storage/repositories/content/reviews.js';
import { mainOf, signedInEmployee, type Employee } from '../../../test/support/portal.js';

type ReviewJson = { id: number; period: string; rating: number; ratingLabel: string; acknowledged: boolean; acknowledgedAt: string | null; comment: string | null };

describe.each(ENGINES)('reviews on %s', (engine) => {
  let t: TestApp;
  let me: Employee;
  const review = (employeeId: string, period: string, reviewedOn: string, rating = 4): NewReview => ({
    employeeId,
    period,
    reviewer: 'Rosa Reviewer',
    rating,
    strengths: `Strengths for ${period}\nSecond line`,
    goals: `Goals for ${period}`,
    reviewedOn,
  });
  let older: number;
  let newer: number;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    me = await signedInEmployee(t, { employeeId: '630001', givenName: 'Rita', country: 'PR' });
    older = await saveReview(t.deps.storage.db, review(me.employeeId, 'FY2024', '2025-01-20', 3), t.clock.now());
    newer = await saveReview(t.deps.storage.db, review(me.employeeId, 'FY2025', '2026-01-20', 4), t.clock.now());
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists reviews newest first with the rating as number and words, in the reader’s language', async () => {
    const reviews = (await me.api('GET', '/api/v1/reviews')).json<{ items: ReviewJson[] }>().items;
    expect(reviews.map((r) => r.id)).toEqual([newer, older]);
    expect(reviews[0]).toMatchObject({ period: 'FY2025', rating: 4, ratingLabel: 'Exceeds expectations', acknowledged: false, comment: null });
    const page = mainOf(await me.get('/reviews'));
    expect(page.indexOf('FY2025')).toBeLessThan(page.indexOf('FY2024'));
    expect(page).toContain('4 — Exceeds expectations');
    expect(page).toContain('3 — Meets expectations');
    expect(page).toContain('class="pre-line">Strengths for FY2025\nSecond line');
    expect(mainOf(await me.get('/reviews?lang=es-PR'))).toContain('4 — Supera las expectativas');
    expect(mainOf(await me.get('/reviews?lang=fr-CA'))).toContain('4 — Dépasse les attentes');
    await me.get('/reviews?lang=en');
    // The homepage shows only the latest, with its acknowledge form.
    const home = mainOf(await me.get('/home'));
    expect(home).toContain('FY2025');
    expect(home).not.toContain('FY2024');
    expect(home).toContain(`action="/reviews/${newer}/acknowledge"`);
  });

  it('shows the form again (400) with the error next to the field when the comment is too long', async () => {
    const typed = 'é'.repeat(1001);
    const response = await me.form(`/reviews/${newer}/acknowledge`, { comment: typed });
    expect(response.statusCode).toBe(400);
    const page = mainOf(response);
    expect(page).toContain('Use at most 1000 characters in your comment.');
    expect(page).toContain(`aria-invalid="true"`);
    expect(page).toContain(typed);
    expect(response.body).toMatch(/<title>Error: /);
    const api = await me.api('POST', `/api/v1/reviews/${newer}/acknowledge`, { comment: 'x'.repeat(1001) });
    expect(api.statusCode).toBe(400);
    expect(api.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    expect((await me.api('POST', `/api/v1/reviews/${newer}/acknowledge`, { comment: 'ok', extra: true })).statusCode).toBe(400);
    const row = await t.deps.storage.db.selectFrom('reviews').select('acknowledged_at').where('id', '=', newer).executeTakeFirstOrThrow();
    expect(row.acknowledged_at).toBeNull();
  });

  it('acknowledges with a comment on the page, stores and shows it; a second time only says so', async () => {
    // Line breaks as a browser sends them (CRLF); exactly 1000 characters once normalised.
    const comment = `Thank you.\r\nI agree with the goals.${'!'.repeat(1000 - 'Thank you.\nI agree with the goals.'.length)}`;
    const response = await me.form(`/reviews/${newer}/acknowledge`, { comment, returnTo: '/home' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/home?done=reviewAcknowledged');
    expect(mainOf(await me.get('/home?done=reviewAcknowledged'))).toContain('Thank you. The review is acknowledged.');

    const row = await t.deps.storage.db.selectFrom('reviews').select(['acknowledged_at', 'acknowledgement']).where('id', '=', newer).executeTakeFirstOrThrow();
    expect(Number(row.acknowledged_at)).toBe(t.clock.now());
    expect(row.acknowledgement).toBe(comment.replace('\r\n', '\n'));

    const page = mainOf(await me.get('/reviews'));
    expect(page).toContain('Acknowledged on November 2, 2026');
    expect(page).toContain('Thank you.\nI agree with the goals.');
    expect(page).not.toContain(`action="/reviews/${newer}/acknowledge"`);
    expect(page).toContain(`action="/reviews/${older}/acknowledge"`);

    const again = await me.form(`/reviews/${newer}/acknowledge`, { comment: 'changed my mind' });
    expect(again.headers.location).toBe('/reviews?done=reviewAlready');
    expect(mainOf(await me.get(again.headers.location!))).toContain('This review was already acknowledged.');
    const api = await me.api('POST', `/api/v1/reviews/${newer}/acknowledge`, { comment: 'changed my mind' });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ id: newer, acknowledged: true, comment: comment.replace('\r\n', '\n') });
  });

  it('acknowledges through the API with no body at all, and with a comment', async () => {
    const bare = await me.api('POST', `/api/v1/reviews/${older}/acknowledge`);
    expect(bare.statusCode).toBe(200);
    expect(bare.json()).toMatchObject({ id: older, acknowledged: true, comment: null, acknowledgedAt: new Date(t.clock.now()).toISOString() });

    const third = await saveReview(t.deps.storage.db, review(me.employeeId, 'FY2026', '2026-10-20', 5), t.clock.now());
    const withComment = await me.api('POST', `/api/v1/reviews/${third}/acknowledge`, { comment: '  Great year  ' });
    expect(withComment.json()).toMatchObject({ id: third, rating: 5, ratingLabel: 'Outstanding', acknowledged: true, comment: 'Great year' });
    expect((await me.api('POST', '/api/v1/reviews/424242/acknowledge', {})).statusCode).toBe(404);
  });
});
