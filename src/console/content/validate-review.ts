import { companyDate } from '../../identity/eligibility.js';
import { RATINGS, type NewReview } from '../../storage/repositories/content/reviews.js';
import { asFields, checkDate, checkEmployee, checkKnownFields, checkRef, checkText, LIMITS, optionalText, type Problem, type Validated, type ValidationContext } from './content-rules.js';

// HOME-2/3: a performance review of an employee on the roster, rated 1 to 5; reviewed today unless
// a date is given.

export const REVIEW_FIELDS = ['ref', 'employeeId', 'period', 'reviewer', 'rating', 'strengths', 'goals', 'reviewedOn'] as const;

export function validateReview(input: unknown, context: ValidationContext): Validated<NewReview> {
  const fields = asFields(input) ?? {};
  const problems: Problem[] = [];
  checkKnownFields(fields, REVIEW_FIELDS, problems);
  const ref = checkRef(fields.ref, problems);
  const employeeId = checkEmployee('employeeId', fields.employeeId, context, problems);
  const period = checkText('period', fields.period, LIMITS.line, 'lineLength', problems);
  const reviewer = checkText('reviewer', fields.reviewer, LIMITS.line, 'lineLength', problems);
  const rating = checkRating(fields.rating, problems);
  const strengths = checkText('strengths', fields.strengths, LIMITS.text, 'textLength', problems, true);
  const goals = checkText('goals', fields.goals, LIMITS.text, 'textLength', problems, true);
  const reviewedOn = checkDate('reviewedOn', fields.reviewedOn, problems) ?? companyDate(new Date(context.now), context.timeZone);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { ref, employeeId, period, reviewer, rating, strengths, goals, reviewedOn } };
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
