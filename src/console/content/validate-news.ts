import type { NewNews, NewsTranslation } from '../../storage/repositories/content/news.js';
import { LANGUAGES } from '../../web/i18n.js';
import { asFields, checkCodes, checkKnownFields, checkRef, checkText, LIMITS, optionalText, type Problem, type Validated, type ValidationContext } from './content-rules.js';
import { parseMoment } from './moment.js';

// HOME-2/3: a news article: its text in one to three languages (Markdown, rendered safely when
// read), the countries it is for (none: everyone) and when it is published (default: now).

export const NEWS_FIELDS = ['ref', 'countries', 'publishedAt', 'translations'] as const;
const TRANSLATION_FIELDS = ['language', 'title', 'body'] as const;

export function validateNews(input: unknown, context: ValidationContext): Validated<NewNews> {
  const fields = asFields(input);
  if (!fields) return { ok: false, problems: [{ field: 'translations', code: 'translationsInvalid' }] };
  const problems: Problem[] = [];
  checkKnownFields(fields, NEWS_FIELDS, problems);
  const ref = checkRef(fields.ref, problems);
  const countries = checkCodes('countries', fields.countries, context.allowedCountries, 'countryInvalid', problems, (v) => v.toUpperCase());
  const publishedAt = checkPublishedAt(fields.publishedAt, context, problems);
  const translations = checkTranslations(fields.translations, problems);
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

function checkTranslations(value: unknown, problems: Problem[]): NewsTranslation[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > LANGUAGES.length) {
    problems.push({ field: 'translations', code: 'translationsInvalid' });
    return [];
  }
  const translations: NewsTranslation[] = [];
  const seen = new Set<string>();
  value.forEach((item, index) => {
    const path = `translations.${index}`;
    const fields = asFields(item);
    if (!fields) {
      problems.push({ field: path, code: 'translationsInvalid' });
      return;
    }
    checkKnownFields(fields, TRANSLATION_FIELDS, problems, `${path}.`);
    const raw = optionalText(fields.language);
    const language = LANGUAGES.find((l) => l.toLowerCase() === raw?.toLowerCase());
    if (!language) problems.push({ field: `${path}.language`, code: 'languageInvalid', value: String(raw ?? '') });
    else if (seen.has(language)) problems.push({ field: `${path}.language`, code: 'languageRepeated', value: language });
    else seen.add(language);
    const title = checkText(`${path}.title`, fields.title, LIMITS.title, 'titleLength', problems);
    const body = checkText(`${path}.body`, fields.body, LIMITS.body, 'bodyLength', problems, true);
    translations.push({ language: language ?? '', title, body });
  });
  return translations;
}
