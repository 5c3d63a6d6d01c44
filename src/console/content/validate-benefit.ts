import { BENEFIT_CATEGORIES, type NewBenefit } from '../../storage/repositories/content/benefits.js';
import { checkTranslations, otherLanguages } from './check-translations.js';
import { asFields, checkDate, checkEmployee, checkKnownFields, checkRef, checkText, LIMITS, optionalText, type Problem, type Validated, type ValidationContext } from './content-rules.js';

// HOME-1..3: a benefit plan of an employee on the roster: in force from `startsOn` (to `endsOn`),
// with the enrolment window in which it can next be changed (both dates, or neither). The plan name
// and coverage may be given in the other languages too.

export const BENEFIT_FIELDS = ['ref', 'employeeId', 'plan', 'category', 'coverage', 'startsOn', 'endsOn', 'enrolmentOpensOn', 'enrolmentClosesOn', 'translations'] as const;

/** The texts, in English and in each other language alike. */
export const BENEFIT_TEXT_RULES = otherLanguages({
  plan: (field, value, problems) => checkText(field, value, LIMITS.line, 'lineLength', problems),
  coverage: (field, value, problems) => checkText(field, value, LIMITS.line, 'lineLength', problems),
});

export function validateBenefit(input: unknown, context: ValidationContext): Validated<NewBenefit> {
  const fields = asFields(input) ?? {};
  const problems: Problem[] = [];
  checkKnownFields(fields, BENEFIT_FIELDS, problems);
  const ref = checkRef(fields.ref, problems);
  const employeeId = checkEmployee('employeeId', fields.employeeId, context, problems);
  const plan = BENEFIT_TEXT_RULES.texts.plan('plan', fields.plan, problems);
  const category = checkCategory(fields.category, problems);
  const coverage = BENEFIT_TEXT_RULES.texts.coverage('coverage', fields.coverage, problems);
  const translations = checkTranslations(fields.translations, BENEFIT_TEXT_RULES, problems);
  const startsOn = checkDate('startsOn', fields.startsOn, problems);
  if (startsOn === null && optionalText(fields.startsOn) === null) problems.push({ field: 'startsOn', code: 'dateInvalid' });
  const endsOn = checkDate('endsOn', fields.endsOn, problems);
  if (startsOn !== null && endsOn !== null && endsOn < startsOn) problems.push({ field: 'endsOn', code: 'endsBeforeStart', value: endsOn });
  const enrolmentOpensOn = checkDate('enrolmentOpensOn', fields.enrolmentOpensOn, problems);
  const enrolmentClosesOn = checkDate('enrolmentClosesOn', fields.enrolmentClosesOn, problems);
  const opensGiven = optionalText(fields.enrolmentOpensOn) !== null;
  const closesGiven = optionalText(fields.enrolmentClosesOn) !== null;
  if (opensGiven !== closesGiven) problems.push({ field: opensGiven ? 'enrolmentClosesOn' : 'enrolmentOpensOn', code: 'enrolmentIncomplete' });
  if (enrolmentOpensOn !== null && enrolmentClosesOn !== null && enrolmentClosesOn < enrolmentOpensOn) {
    problems.push({ field: 'enrolmentClosesOn', code: 'closesBeforeOpens', value: enrolmentClosesOn });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { ref, employeeId, plan, category, coverage, startsOn: startsOn!, endsOn, enrolmentOpensOn, enrolmentClosesOn, translations } };
}

function checkCategory(value: unknown, problems: Problem[]): string {
  const text = optionalText(value);
  const category = typeof text === 'string' ? text.toLowerCase() : '';
  if (!(BENEFIT_CATEGORIES as readonly string[]).includes(category)) problems.push({ field: 'category', code: 'categoryInvalid', value: String(text ?? '') });
  return category;
}
