import type { NewNews } from '../../storage/repositories/content/news.js';
import { LANGUAGES } from '../../web/i18n.js';
import { checkTranslations, type TranslationRules } from './check-translations.js';
import { asFields, checkCodes, checkKnownFields, checkRef, checkText, LIMITS, optionalText, type Problem, type Validated, type ValidationContext } from './content-rules.js';
import { parseMoment } from './moment.js';

// HOME-2/3: a news article: its text in one to three languages (Markdown, rendered safely when
// read), the countries it is for (none: everyone) and when it is published (default: now).

export const NEWS_FIELDS = ['ref', 'countries', 'publishedAt', 'translations'] as const;
const TRANSLATIONS: TranslationRules<'title' | 'body'> = {
  languages: LANGUAGES,
  texts: {
    title: (field, value, problems) => checkText(field, value, LIMITS.title, 'titleLength', problems),
    body: (field, value, problems) => checkText(field, value, LIMITS.body, 'bodyLength', problems, true),
  },
  min: 1,
  listCode: 'translationsInvalid',
  languageCode: 'languageInvalid',
};

export function validateNews(input: unknown, context: ValidationContext): Validated<NewNews> {
  const fields = asFields(input);
  if (!fields) return { ok: false, problems: [{ field: 'translations', code: 'translationsInvalid' }] };
  const problems: Problem[] = [];
  checkKnownFields(fields, NEWS_FIELDS, problems);
  const ref = checkRef(fields.ref, problems);
  const countries = checkCodes('countries', fields.countries, context.allowedCountries, 'countryInvalid', problems, (v) => v.toUpperCase());
  const publishedAt = checkPublishedAt(fields.publishedAt, context, problems);
  const translations = checkTranslations(fields.translations, TRANSLATIONS, problems);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { ref, countries: countries.length > 0 ? countries : null, publishedAt, translations } };
}

function checkPublishedAt(value: unknown, context: ValidationContext, problems: Problem[]): number {
  const text = optionalText(value);
  if (text === null) return context.now;
  const at = text === undefined ? null : parseMoment(text, context.timeZone);
  if (at === null) problems.push({ field: 'publishedAt', code: 'momentInvalid', value: String(text ?? '') });
  return at ?? context.now;
}
