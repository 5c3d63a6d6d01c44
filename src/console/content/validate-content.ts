import type { Db } from '../../storage/database.js';
import { asFields, loadKnownEmployees, type Validated, type ValidationContext } from './content-rules.js';
import type { ContentItem, ContentKind } from './save-content.js';
import { validateBenefit } from './validate-benefit.js';
import { validateNews } from './validate-news.js';
import { validateReview } from './validate-review.js';
import { validateTask } from './validate-task.js';

// HOME-3: the one entry to the four validators, for the API, the console pages and the CSV import.

/** The raw Employee IDs an input names, to look up on the roster before validating. */
export function employeeInputs(kind: ContentKind, input: unknown): unknown[] {
  const fields = asFields(input);
  if (!fields) return [];
  if (kind === 'tasks') return [fields.assigneeId];
  if (kind === 'reviews' || kind === 'benefits') return [fields.employeeId];
  return [];
}

/** What validation needs to know, with the roster entries for `employees` (raw inputs) loaded. */
export async function loadValidationContext(
  db: Db,
  settings: { allowedCountries: readonly string[]; timeZone: string; now: number },
  employees: readonly unknown[],
): Promise<ValidationContext> {
  return { ...settings, knownEmployees: await loadKnownEmployees(db, employees) };
}

export function validateContent(kind: ContentKind, input: unknown, context: ValidationContext): Validated<ContentItem> {
  switch (kind) {
    case 'news':
      return wrap(kind, validateNews(input, context));
    case 'tasks':
      return wrap(kind, validateTask(input, context));
    case 'reviews':
      return wrap(kind, validateReview(input, context));
    case 'benefits':
      return wrap(kind, validateBenefit(input, context));
  }
}

function wrap<K extends ContentKind>(kind: K, result: Validated<Extract<ContentItem, { kind: K }>['value']>): Validated<ContentItem> {
  return result.ok ? { ok: true, value: { kind, value: result.value } as ContentItem } : result;
}
