// Dates and times as each language writes them (issue 12): French's "1er", the company's time zone
// named with every time, and French punctuation with its narrow no-break spaces.
import { describe, expect, it } from 'vitest';
import { formatDate, formatDayMonth, formatMoment, messagesFor } from './i18n.js';
import { frCA } from './messages/fr-CA.js';

const NEW_YEAR_NOON_UTC = Date.UTC(2027, 0, 1, 17, 7);

describe('dates and times in three languages', () => {
  it('writes the first of the month as "1er" in French only', () => {
    expect(formatDate('2027-01-01', 'fr-CA')).toBe('1er janvier 2027');
    expect(formatDate('2027-01-11', 'fr-CA')).toBe('11 janvier 2027');
    expect(formatDayMonth('2027-01-01', 'fr-CA')).toBe('1er janvier');
    expect(formatDate('2027-01-01', 'en')).toBe('January 1, 2027');
    expect(formatDate('2027-01-01', 'es-PR')).toBe('1 de enero de 2027');
  });

  it('names the time zone with every time', () => {
    // Intl separates "PM" and the French "h" with (narrow) no-break spaces.
    expect(formatMoment(NEW_YEAR_NOON_UTC, 'en', 'America/New_York')).toMatch(/^Jan 1, 2027, 12:07\sPM EST$/u);
    expect(formatMoment(NEW_YEAR_NOON_UTC, 'en', 'America/Puerto_Rico')).toMatch(/^Jan 1, 2027, 1:07\sPM AST$/u);
    expect(formatMoment(NEW_YEAR_NOON_UTC, 'fr-CA', 'America/Toronto')).toMatch(/^1er janv\. 2027,? 12\sh\s07\sHNE$/u);
  });
});

describe('French typography', () => {
  /** Every string of a catalogue, functions called with placeholder arguments. */
  function strings(value: unknown): string[] {
    if (typeof value === 'string') return [value];
    if (typeof value === 'function') return strings((value as (...args: unknown[]) => unknown)('X', 'Y', 'Z'));
    if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
    return [];
  }

  it('puts a narrow no-break space before ? ! ; and a no-break space before :', () => {
    const texts = strings(frCA);
    expect(texts.length).toBeGreaterThan(300);
    const slips = texts.filter((text) => /[\p{L}\d»)][?!;](\s|$)/u.test(text) || /[\p{L}\d»)] ?:(\s|$)/u.test(text) || / [?!;:]/.test(text));
    expect(slips).toEqual([]);
    expect(messagesFor('fr-CA').login.forgot).toBe('Mot de passe oublié\u202F?');
  });
});
