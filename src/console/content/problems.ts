import { STATUSES } from '../../identity/eligibility.js';
import { BENEFIT_CATEGORIES } from '../../storage/repositories/content/benefits.js';
import { AppError, snakeCase, type FieldProblem } from '../../core/errors.js';
import { LANGUAGES, messagesFor, type Language } from '../../web/i18n.js';
import type { Messages } from '../../web/messages/en.js';
import { OTHER_LANGUAGES } from './check-translations.js';
import type { Problem } from './content-rules.js';

// HOME-3: a validation problem in words. The console shows it in the reader's language; the JSON
// API sends it per field; the CLI prints the English text after the CSV column it concerns.

type ProblemMessages = Messages['consoleContent']['problems'];
/** Every problem has a message in each catalogue (a missing one is a compile error). */
export type ProblemCode = keyof ProblemMessages;

/** The codes a field accepts, for messages that list them. */
function allowedFor(code: ProblemCode, allowedCountries: readonly string[]): string {
  switch (code) {
    case 'countryInvalid':
      return allowedCountries.join(', ');
    case 'statusInvalid':
      return STATUSES.join(', ');
    case 'categoryInvalid':
      return BENEFIT_CATEGORIES.join(', ');
    case 'translationLanguageInvalid':
      return OTHER_LANGUAGES.join(', ');
    default:
      return LANGUAGES.join(', ');
  }
}

export function problemMessage(t: Messages, problem: Problem, allowedCountries: readonly string[]): string {
  const message: ProblemMessages[ProblemCode] = t.consoleContent.problems[problem.code];
  return typeof message === 'function' ? message(allowedFor(problem.code, allowedCountries)) : message;
}

/** The problems as the API's `fields`, first one per field, in the reader's language; `code` is the problem's in snake_case. */
export function fieldProblemsOf(language: Language, problems: readonly Problem[], allowedCountries: readonly string[]): FieldProblem[] {
  const t = messagesFor(language);
  const fields: FieldProblem[] = [];
  for (const problem of problems) {
    if (!fields.some((known) => known.field === problem.field)) fields.push({ field: problem.field, code: snakeCase(problem.code), message: problemMessage(t, problem, allowedCountries) });
  }
  return fields;
}

/** 400 VALIDATION with `fields: [{field, code, message}]`, the same shape as every other API validation error. */
export function validationError(problems: readonly Problem[], language: Language, allowedCountries: readonly string[]): AppError {
  return new AppError('VALIDATION', 'validation', { extra: { fields: fieldProblemsOf(language, problems, allowedCountries) } });
}

/** `dueOn` → `due_on`; `translations.0.title` → `title`. */
export function csvColumn(field: string): string {
  return snakeCase(field.split('.').pop() ?? field);
}

/** One problem in plain English for `portico content import`, e.g. `rating "7": Give a rating …`. */
export function problemText(problem: Problem, allowedCountries: readonly string[]): string {
  const value = problem.value ? ` ${quote(problem.value)}` : '';
  return `${csvColumn(problem.field)}${value}: ${problemMessage(messagesFor('en'), problem, allowedCountries)}`;
}

/** Quotes a value for a message, shortened so one bad cell cannot flood the report. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
