import { companyDate } from '../../identity/eligibility.js';
import { RATINGS, type NewReview } from '../../storage/repositories/content/reviews.js';
import { checkTranslations, otherLanguages } from './check-translations.js';
import { asFields, checkDate, checkEmployee, checkKnownFields, checkRef, checkText, LIMITS, optionalText, type Problem, type Validated, type ValidationContext } from './content-rules.js';

// HOME-2/3: a performance review of an employee on the roster, rated 1 to 5; reviewed today unless
// a date is given. The period, strengths and goals may be given in the other languages too.

export const REVIEW_FIELDS = ['ref', 'employeeId', 'period', 'reviewer', 'rating', 'strengths', 'goals', 'reviewedOn', 'translations'] as const;

/** The texts, in English and in each other language alike. */
export const REVIEW_TEXT_RULES = otherLanguages({
  period: (field, value, problems) => checkText(field, value, LIMITS.line, 'lineLength', problems),
  strengths: (field, value, problems) => checkText(field, value, LIMITS.text, 'textLength', problems, true),
  goals: (field, value, problems) => checkText(field, value, LIMITS.text, 'textLength', problems, true),
});

export function validateReview(input: unknown, context: ValidationContext): Validated<NewReview> {
  const fields = asFields(input) ?? {};
  const problems: Problem[] = [];
  checkKnownFields(fields, REVIEW_FIELDS, problems);
  const ref = checkRef(fields.ref, problems);
  const employeeId = checkEmployee('employeeId', fields.employeeId, context, problems);
  const period = REVIEW_TEXT_RULES.texts.period('period', fields.period, problems);
  const reviewer = checkText('reviewer', fields.reviewer, LIMITS.line, 'lineLength', problems);
  const rating = checkRating(fields.rating, problems);
  const strengths = REVIEW_TEXT_RULES.texts.strengths('strengths', fields.strengths, problems);
  const goals = REVIEW_TEXT_RULES.texts.goals('goals', fields.goals, problems);
  const translations = checkTranslations(fields.translations, REVIEW_TEXT_RULES, problems);
  const reviewedOn = checkDate('reviewedOn', fields.reviewedOn, problems) ?? companyDate(new Date(context.now), context.timeZone);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { ref, employeeId, period, reviewer, rating, strengths, goals, reviewedOn, translations } };
}

/** A whole number 1..5, as a JSON number or as text (forms and CSV). */
function checkRating(value: unknown, problems: Problem[]): number {
  const text = optionalText(value);
  const rating = typeof text === 'string' && /^\d$/.test(text) ? Number(text) : NaN;
  if (!(RATINGS as readonly number[]).includes(rating)) {
    problems.push({ field: 'rating', code: 'ratingInvalid', value: String(text ?? '') });
    return 0;
  }
  return rating;
}
