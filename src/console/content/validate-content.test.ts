// HOME-3: the validators the API, the console forms and the CSV import share, without a database.
import { describe, expect, it } from 'vitest';
import type { ValidationContext } from './content-rules.js';
import { parseMoment, toWallClock } from './moment.js';
import { problemText } from './problems.js';
import { validateContent } from './validate-content.js';

const NOW = Date.parse('2026-03-10T15:00:00Z');
const context: ValidationContext = { allowedCountries: ['US', 'CA', 'PR'], knownEmployees: new Set(['00123', '45678']), timeZone: 'America/New_York', now: NOW };
const problems = (kind: Parameters<typeof validateContent>[0], input: unknown) => {
  const result = validateContent(kind, input, context);
  return result.ok ? [] : result.problems.map((p) => `${p.field}:${p.code}`);
};

describe('publication moments', () => {
  it('reads dates and wall-clock times in the company time zone, and explicit offsets as given', () => {
    const zone = 'America/New_York';
    expect(parseMoment('2026-07-01T09:00', zone)).toBe(Date.parse('2026-07-01T13:00:00Z'));
    expect(parseMoment('2026-01-15', zone)).toBe(Date.parse('2026-01-15T05:00:00Z'));
    expect(parseMoment('2026-01-15 08:30:15', zone)).toBe(Date.parse('2026-01-15T13:30:15Z'));
    expect(parseMoment('2026-07-01T09:00:00.250Z', zone)).toBe(Date.parse('2026-07-01T09:00:00.250Z'));
    expect(parseMoment('2026-07-01T09:00+02:00', zone)).toBe(Date.parse('2026-07-01T07:00:00Z'));
    expect(parseMoment('2026-11-01T12:00', 'America/Puerto_Rico')).toBe(Date.parse('2026-11-01T16:00:00Z'));
    expect(toWallClock(Date.parse('2026-07-01T13:00:00Z'), zone)).toBe('2026-07-01T09:00');
  });

  it.each(['2026-02-30', '2026-01-01T24:00', '2026-1-1', 'next week', '2026-01-01T09:00+25:00', ''])('refuses %j', (text) => {
    expect(parseMoment(text, 'America/New_York')).toBeNull();
  });
});

describe('content validators', () => {
  it('news: languages once each, known countries (from one cell or a list), titles and texts within limits', () => {
    const good = validateContent('news', { ref: 'n-1', countries: 'us; ca PR', translations: [{ language: 'FR-ca', title: ' Bonjour ', body: 'Texte' }] }, context);
    expect(good).toEqual({ ok: true, value: { kind: 'news', value: { ref: 'n-1', countries: ['US', 'CA', 'PR'], publishedAt: NOW, translations: [{ language: 'fr-CA', title: 'Bonjour', body: 'Texte' }] } } });
    expect(problems('news', { ref: 'a b', countries: ['MX'], translations: [{ language: 'en', title: 'Tab\there', body: 'x'.repeat(20_001) }] })).toEqual([
      'ref:refInvalid',
      'countries:countryInvalid',
      'translations.0.title:textInvalid',
      'translations.0.body:bodyLength',
    ]);
    expect(problems('news', { translations: ['en', 'fr-CA', 'es-PR', 'en'] })).toEqual(['translations:translationsInvalid']);
    expect(problems('news', { translations: [{ language: 'en', title: 'x'.repeat(201), body: 'Line one\n\tLine two' }] })).toEqual(['translations.0.title:titleLength']);
  });

  it('tasks: one employee on the roster (normalised) or a group, said explicitly', () => {
    const personal = validateContent('tasks', { title: 'T', audience: 'employee', assigneeId: '00 123' }, context);
    expect(personal.ok && personal.value.value).toMatchObject({ assigneeId: '00123', countries: null, statuses: null, description: '' });
    const everyone = validateContent('tasks', { title: 'T', audience: 'group' }, context);
    expect(everyone.ok && everyone.value.value).toMatchObject({ assigneeId: null, countries: null, statuses: null });
    expect(problems('tasks', { title: 'T', audience: 'employee', assigneeId: '99999' })).toEqual(['assigneeId:employeeUnknown']);
    expect(problems('tasks', { title: 'T', audience: 'employee', assigneeId: 'abc', statuses: ['active'] })).toEqual(['assigneeId:employeeIdInvalid', 'statuses:assigneeWithGroup']);
    expect(problems('tasks', { title: 'T', audience: 'group', assigneeId: '00123' })).toEqual(['assigneeId:groupWithAssignee']);
    expect(problems('tasks', { title: 'T', audience: 'all', dueOn: '2026-13-01' })).toEqual(['dueOn:dateInvalid', 'audience:audienceInvalid']);
  });

  it('reviews: a whole rating 1 to 5 from JSON or text; reviewed today (company time) unless dated', () => {
    const base = { employeeId: '45678', period: '2025', reviewer: 'R', strengths: 'S', goals: 'G' };
    const text = validateContent('reviews', { ...base, rating: ' 4 ' }, context);
    expect(text.ok && text.value.value).toMatchObject({ rating: 4, reviewedOn: '2026-03-10' });
    for (const rating of [0, 6, 4.5, '4.0', 'four', null]) expect(problems('reviews', { ...base, rating })).toEqual(['rating:ratingInvalid']);
  });

  it('benefits: start required, end not before start, enrolment window whole and in order', () => {
    const base = { employeeId: '45678', plan: 'P', category: 'Dental', coverage: 'C', startsOn: '2026-01-01' };
    const good = validateContent('benefits', { ...base, endsOn: '2026-01-01', enrolmentOpensOn: '2026-11-01', enrolmentClosesOn: '2026-11-01' }, context);
    expect(good.ok && good.value.value).toMatchObject({ category: 'dental', endsOn: '2026-01-01' });
    expect(problems('benefits', { ...base, startsOn: '' })).toEqual(['startsOn:dateInvalid']);
    expect(problems('benefits', { ...base, endsOn: '2025-12-31', enrolmentOpensOn: '2026-11-01' })).toEqual(['endsOn:endsBeforeStart', 'enrolmentClosesOn:enrolmentIncomplete']);
    expect(problems('benefits', { ...base, enrolmentOpensOn: '2026-11-02', enrolmentClosesOn: '2026-11-01' })).toEqual(['enrolmentClosesOn:closesBeforeOpens']);
  });

  it('says each problem in plain English for the command line, after its CSV column', () => {
    expect(problemText({ field: 'rating', code: 'ratingInvalid', value: '7' }, ['US'])).toBe('rating "7": Give a rating as a whole number from 1 to 5.');
    expect(problemText({ field: 'enrolmentClosesOn', code: 'closesBeforeOpens' }, ['US'])).toBe('enrolment_closes_on: Enrolment must not close before it opens.');
    expect(problemText({ field: 'translations.2.language', code: 'languageInvalid', value: 'de' }, ['US'])).toBe('language "de": Use one of these languages: en, fr-CA, es-PR.');
    expect(problemText({ field: 'countries', code: 'countryInvalid', value: 'MX' }, ['US', 'PR'])).toBe('countries "MX": Use only these country codes: US, PR.');
  });
});
