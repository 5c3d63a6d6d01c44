import { formatDayMonth } from '../web/i18n.js';
import type { NewsTranslation } from '../storage/repositories/content/news.js';

// Helpers for the demo's texts: articles are written indented in the source and stored flush left.

/** A demo article: `ageHours` before the seed's "now" (negative: scheduled for later). */
export interface DemoArticle {
  ref: string;
  countries: string[] | null;
  ageHours: number;
  translations: NewsTranslation[];
}

/** The dates the articles mention, computed from the company date at seeding. */
export interface NewsContext {
  enrolmentOpensOn: string;
  enrolmentClosesOn: string;
  holidayYear: number;
}

type Text = readonly [title: string, body: string];

export function article(ref: string, countries: string[] | null, ageHours: number, texts: { en: Text; fr: Text; es: Text }): DemoArticle {
  return {
    ref,
    countries,
    ageHours,
    translations: [
      { language: 'en', title: texts.en[0], body: texts.en[1] },
      { language: 'fr-CA', title: texts.fr[0], body: texts.fr[1] },
      { language: 'es-PR', title: texts.es[0], body: texts.es[1] },
    ],
  };
}

/** A Markdown block written indented in a template literal, without its common indentation. */
export function md(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  const text = strings.reduce((out, part, i) => out + part + (i < values.length ? String(values[i]) : ''), '');
  const lines = text.split('\n');
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length));
  return lines.map((line) => line.slice(indent).trimEnd()).join('\n');
}

/** `YYYY-MM-DD` as "December 1" / "1er décembre" / "1 de diciembre". */
export function dayAndMonth(isoDate: string, language: 'en' | 'fr-CA' | 'es-PR'): string {
  return formatDayMonth(isoDate, language);
}

/** Calendar arithmetic on `YYYY-MM-DD` dates. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function firstOfNextMonth(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}
