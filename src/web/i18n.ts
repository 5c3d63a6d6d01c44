import { en, type Messages } from './messages/en.js';
import { frCA } from './messages/fr-CA.js';
import { esPR } from './messages/es-PR.js';
import { dateTimeFormat, formattedOnce } from '../security/clock.js';

export const LANGUAGES = ['en', 'fr-CA', 'es-PR'] as const;
export type Language = (typeof LANGUAGES)[number];

const catalogues: Record<Language, Messages> = { en, 'fr-CA': frCA, 'es-PR': esPR };

export function messagesFor(language: Language): Messages {
  return catalogues[language];
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps a tag such as `fr`, `fr-FR` or `es-US` to the closest language Portico speaks. */
export function matchLanguage(tag: string): Language | null {
  const lower = tag.trim().toLowerCase();
  const exact = LANGUAGES.find((language) => language.toLowerCase() === lower);
  if (exact) return exact;
  if (lower.startsWith('fr')) return 'fr-CA';
  if (lower.startsWith('es')) return 'es-PR';
  if (lower.startsWith('en')) return 'en';
  return null;
}

/** Picks from an Accept-Language header by quality order. */
export function languageFromAcceptHeader(header: string | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q) };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return null;
}

/** Intl's parts joined, with French's "1er" for the first day of a month (Intl writes "1 janvier"). */
function joinParts(format: Intl.DateTimeFormat, date: Date, language: string): string {
  const french = language.startsWith('fr');
  return format
    .formatToParts(date)
    .map((part) => (french && part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');
}

/** A date (YYYY-MM-DD) spelled out in the reader's language, e.g. "June 30, 2027", "1er janvier 2027". */
export function formatDate(isoDate: string, language: Language): string {
  return formattedOnce(`date|${isoDate}|${language}`, () => joinParts(dateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }), new Date(`${isoDate}T12:00:00Z`), language));
}

/** A day and month without the year in the reader's language, e.g. "January 1", "1er janvier". */
export function formatDayMonth(isoDate: string, language: string): string {
  return formattedOnce(`day-month|${isoDate}|${language}`, () =>
    joinParts(dateTimeFormat(language, { month: 'long', day: 'numeric', timeZone: 'UTC' }), new Date(`${isoDate}T12:00:00Z`), language),
  );
}

const MOMENT: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };

/**
 * A moment in the reader's language and the company's time zone, which it names (SPEC §14.1),
 * e.g. "Nov 2, 2026, 10:00 AM EST", "2 nov. 2026, 10 h 00 HNE".
 */
export function formatMoment(epochMs: number, language: string, timeZone: string): string {
  return formattedOnce(`moment|${epochMs}|${language}|${timeZone}`, () => joinParts(dateTimeFormat(language, { ...MOMENT, timeZone }), new Date(epochMs), language));
}

/** A stored language tag as a Language, English when unknown. */
export function asLanguage(value: string | null | undefined): Language {
  return isLanguage(value) ? value : 'en';
}
