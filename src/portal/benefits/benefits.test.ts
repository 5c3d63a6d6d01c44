// HOME-1/2: the benefits summary — current, upcoming and ended plans, and the next enrolment
// window, saying whether it is open now or when it opens. Both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { DAY } from '../../security/clock.js';
import { saveBenefit, type NewBenefit } from '../../storage/repositories/content/benefits.js';
import { mainOf, signedInEmployee, type Employee } from '../../../test/support/portal.js';

type Plan = { plan: string };
type Summary = { items: Plan[]; upcoming: Plan[]; ended: Plan[]; nextEnrolment: { opensOn: string; closesOn: string; open: boolean; plans: string[] } | null };

describe.each(ENGINES)('benefits on %s', (engine) => {
  let t: TestApp;
  let me: Employee;
  let other: Employee;
  const plan = (employeeId: string, input: Partial<NewBenefit> & { plan: string }): NewBenefit => ({
    employeeId,
    category: 'medical',
    coverage: 'Employee + family',
    startsOn: '2026-01-01',
    ...input,
  });
  beforeAll(async () => {
    // The fake clock starts on 2026-11-02 (company time zone).
    t = await createTestApp({ engine });
    me = await signedInEmployee(t, { employeeId: '640001', givenName: 'Beatriz', country: 'PR' });
    other = await signedInEmployee(t, { employeeId: '640002', givenName: 'Omar', country: 'US' });
    const db = t.deps.storage.db;
    const now = t.clock.now();
    await saveBenefit(db, plan(me.employeeId, { plan: 'Triple-S Gold', enrolmentOpensOn: '2026-11-01', enrolmentClosesOn: '2026-11-20' }), now);
    await saveBenefit(db, plan(me.employeeId, { plan: 'Dental Basic', category: 'dental', enrolmentOpensOn: '2027-05-01', enrolmentClosesOn: '2027-05-15' }), now);
    await saveBenefit(db, plan(me.employeeId, { plan: 'Vision 2027', category: 'vision', startsOn: '2027-01-01' }), now);
    await saveBenefit(db, plan(me.employeeId, { plan: 'Old Life Cover', category: 'life', startsOn: '2024-01-01', endsOn: '2025-12-31' }), now);
    await saveBenefit(db, plan(other.employeeId, { plan: 'Wellness Club', category: 'wellness', enrolmentOpensOn: '2026-12-01', enrolmentClosesOn: '2026-12-10' }), now);
  });
  afterAll(async () => {
    await t.close();
  });

  it('splits plans into current, upcoming and ended, with an enrolment window open now', async () => {
    const summary = (await me.api('GET', '/api/v1/benefits')).json<Summary>();
    expect(summary.items.map((p) => p.plan)).toEqual(['Dental Basic', 'Triple-S Gold']);
    expect(summary.upcoming.map((p) => p.plan)).toEqual(['Vision 2027']);
    expect(summary.ended.map((p) => p.plan)).toEqual(['Old Life Cover']);
    expect(summary.nextEnrolment).toEqual({ opensOn: '2026-11-01', closesOn: '2026-11-20', open: true, plans: ['Triple-S Gold'] });

    const page = mainOf(await me.get('/benefits'));
    expect(page).toContain('Open enrolment: November 1, 2026 – November 20, 2026');
    expect(page).toContain('Open now: make your choices by November 20, 2026.');
    for (const heading of ['Current plans', 'Upcoming plans', 'Ended plans']) expect(page).toContain(`>${heading}</h2>`);
    expect(page).toContain('>Dental</td>');
    expect(page.indexOf('Vision 2027')).toBeGreaterThan(page.indexOf('Upcoming plans'));
    expect(page.indexOf('Old Life Cover')).toBeGreaterThan(page.indexOf('Ended plans'));

    const home = mainOf(await me.get('/home?lang=es-PR'));
    expect(home).toContain('Triple-S Gold');
    expect(home).not.toContain('Vision 2027');
    expect(home).toContain('Matrícula abierta: 1 de noviembre de 2026 – 20 de noviembre de 2026');
    expect(home).toContain('Abierta ahora');
    await me.get('/home?lang=en');
  });

  it('names the date an upcoming window opens on', async () => {
    const summary = (await other.api('GET', '/api/v1/benefits')).json<Summary>();
    expect(summary.nextEnrolment).toEqual({ opensOn: '2026-12-01', closesOn: '2026-12-10', open: false, plans: ['Wellness Club'] });
    const page = mainOf(await other.get('/benefits'));
    expect(page).toContain('Open enrolment: December 1, 2026 – December 10, 2026');
    expect(page).toContain('Opens on December 1, 2026.');
    expect(page).not.toContain('Open now');
  });

  it('moves on to the next window once the open one has closed', async () => {
    t.clock.advance(20 * DAY);
    // A new session: the old one has been idle too long.
    const later = await signedInEmployee(t, { employeeId: '640003', givenName: 'Lia', country: 'PR' });
    await saveBenefit(t.deps.storage.db, plan(later.employeeId, { plan: 'Late Plan', enrolmentOpensOn: '2026-11-01', enrolmentClosesOn: '2026-11-20' }), t.clock.now());
    await saveBenefit(t.deps.storage.db, plan(later.employeeId, { plan: 'Next Plan', enrolmentOpensOn: '2027-05-01', enrolmentClosesOn: '2027-05-15' }), t.clock.now());
    expect((await later.api('GET', '/api/v1/benefits')).json<Summary>().nextEnrolment).toEqual({ opensOn: '2027-05-01', closesOn: '2027-05-15', open: false, plans: ['Next Plan'] });
    const empty = await signedInEmployee(t, { employeeId: '640004', givenName: 'Nadie', country: 'US' });
    expect((await empty.api('GET', '/api/v1/benefits')).json()).toEqual({ items: [], upcoming: [], ended: [], nextEnrolment: null });
    const page = mainOf(await empty.get('/benefits'));
    expect(page).toContain('You have no benefit plans in force.');
    expect(page).toContain('No enrolment window is scheduled.');
  });
});
