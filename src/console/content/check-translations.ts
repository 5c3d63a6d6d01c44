import { BENEFIT_TEXTS } from '../../storage/repositories/content/benefits.js';
import { REVIEW_TEXTS } from '../../storage/repositories/content/reviews.js';
import { TASK_TEXTS } from '../../storage/repositories/content/tasks.js';
import { LANGUAGES } from '../../web/i18n.js';
import { asFields, checkKnownFields, optionalText, type Problem } from './content-rules.js';
import type { ProblemCode } from './problems.js';

// HOME-3: the `translations` list of every kind, checked one way: each entry an object naming its
// language (matched without regard to case) once, with the kind's texts under the same rules as
// the English ones. News gives every language there; tasks, reviews and benefit plans keep English
// in their own fields, so their list holds only the other languages.

/** The languages a task, review or benefit plan may be translated into (English is its own fields). */
export const OTHER_LANGUAGES = LANGUAGES.filter((language) => language !== 'en');

/** The texts of each kind that has its English in its own fields and its other languages as translations. */
export const TRANSLATED_TEXTS = { tasks: TASK_TEXTS, reviews: REVIEW_TEXTS, benefits: BENEFIT_TEXTS } as const;

/** Checks one text at `field` (`translations.0.title`), adding any problem; returns the text. */
export type TextCheck = (field: string, value: unknown, problems: Problem[]) => string;

export interface TranslationRules<Text extends string> {
  /** The languages an entry may name. */
  languages: readonly string[];
  /** What an entry holds besides its language, each with its check. */
  texts: Record<Text, TextCheck>;
  /** How many entries the list needs at least. */
  min: number;
  /** The problem for a list that is not one, or has too few or too many entries. */
  listCode: ProblemCode;
  /** The problem for a language not in `languages`. */
  languageCode: ProblemCode;
}

export type CheckedTranslation<Text extends string> = { language: string } & Record<Text, string>;

/** A translations list; absent (or null) is an empty list when `min` is 0. */
export function checkTranslations<Text extends string>(value: unknown, rules: TranslationRules<Text>, problems: Problem[]): CheckedTranslation<Text>[] {
  if ((value === undefined || value === null) && rules.min === 0) return [];
  if (!Array.isArray(value) || value.length < rules.min || value.length > rules.languages.length) {
    problems.push({ field: 'translations', code: rules.listCode });
    return [];
  }
  const texts = Object.keys(rules.texts) as Text[];
  const translations: CheckedTranslation<Text>[] = [];
  const seen = new Set<string>();
  value.forEach((item, index) => {
    const path = `translations.${index}`;
    const fields = asFields(item);
    if (!fields) {
      problems.push({ field: path, code: rules.listCode });
      return;
    }
    checkKnownFields(fields, ['language', ...texts], problems, `${path}.`);
    const raw = optionalText(fields.language);
    const language = rules.languages.find((l) => l.toLowerCase() === raw?.toLowerCase());
    if (!language) problems.push({ field: `${path}.language`, code: raw?.toLowerCase() === 'en' ? 'translationEnglish' : rules.languageCode, value: String(raw ?? '') });
    else if (seen.has(language)) problems.push({ field: `${path}.language`, code: 'languageRepeated', value: language });
    else seen.add(language);
    const checked = Object.fromEntries(texts.map((text) => [text, rules.texts[text](`${path}.${text}`, fields[text], problems)]));
    translations.push({ ...checked, language: language ?? '' } as CheckedTranslation<Text>);
  });
  return translations;
}

/** The rules for a task, review or benefit plan: none to one per other language. */
export function otherLanguages<Text extends string>(texts: Record<Text, TextCheck>): TranslationRules<Text> {
  return { languages: OTHER_LANGUAGES, texts, min: 0, listCode: 'translationsListInvalid', languageCode: 'translationLanguageInvalid' };
}
