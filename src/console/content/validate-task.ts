import { STATUSES } from '../../identity/eligibility.js';
import type { NewTask } from '../../storage/repositories/content/tasks.js';
import { checkTranslations, otherLanguages } from './check-translations.js';
import { asFields, checkCodes, checkDate, checkEmployee, checkKnownFields, checkOptionalText, checkRef, checkText, LIMITS, optionalText, type Problem, type Validated, type ValidationContext } from './content-rules.js';

// HOME-3: a task for one employee on the roster, or for a group: everyone of the given countries
// and/or statuses (none of them: everyone). `audience` says which, so "everyone" is never an accident.
// The title and description may be given in the other languages too (`translations`).

export const TASK_FIELDS = ['ref', 'title', 'description', 'dueOn', 'audience', 'assigneeId', 'countries', 'statuses', 'translations'] as const;

/** The texts, in English and in each other language alike. */
export const TASK_TEXT_RULES = otherLanguages({
  title: (field, value, problems) => checkText(field, value, LIMITS.title, 'titleLength', problems),
  description: (field, value, problems) => checkOptionalText(field, value, LIMITS.text, 'descriptionLength', problems),
});
export const TASK_AUDIENCES = ['employee', 'group'] as const;

export function validateTask(input: unknown, context: ValidationContext): Validated<NewTask> {
  const fields = asFields(input) ?? {};
  const problems: Problem[] = [];
  checkKnownFields(fields, TASK_FIELDS, problems);
  const ref = checkRef(fields.ref, problems);
  const title = TASK_TEXT_RULES.texts.title('title', fields.title, problems);
  const description = TASK_TEXT_RULES.texts.description('description', fields.description, problems);
  const translations = checkTranslations(fields.translations, TASK_TEXT_RULES, problems);
  const dueOn = checkDate('dueOn', fields.dueOn, problems);
  const audience = optionalText(fields.audience);
  const countries = checkCodes('countries', fields.countries, context.allowedCountries, 'countryInvalid', problems, (v) => v.toUpperCase());
  const statuses = checkCodes('statuses', fields.statuses, STATUSES, 'statusInvalid', problems, (v) => v.toLowerCase());
  let assigneeId: string | null = null;
  if (audience === 'employee') {
    assigneeId = checkEmployee('assigneeId', fields.assigneeId, context, problems);
    if (countries.length > 0 || statuses.length > 0) problems.push({ field: countries.length > 0 ? 'countries' : 'statuses', code: 'assigneeWithGroup' });
  } else if (audience === 'group') {
    if (optionalText(fields.assigneeId) !== null) problems.push({ field: 'assigneeId', code: 'groupWithAssignee' });
  } else {
    problems.push({ field: 'audience', code: 'audienceInvalid', value: String(audience ?? '') });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { ref, title, description, dueOn, assigneeId, countries: countries.length > 0 ? countries : null, statuses: statuses.length > 0 ? statuses : null, translations },
  };
}
