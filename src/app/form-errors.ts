import type { AppError } from '../core/errors.js';
import type { Language } from '../web/i18n.js';
import type { FormErrors } from '../web/components/form-errors.js';
import { fieldMessages, messageFor } from './error-handler.js';

/** A form's controls in page order: the field name the flow reports → the control's id on the page. */
export type FormControls = readonly (readonly [name: string, id: string])[];

/**
 * The one mapping from an AppError to what a form shows: each field's problem next to its control,
 * the summary in form order, and the error's own message when no control is named. `extra` adds
 * messages a page knows better (by field name), e.g. "the passwords do not match" for `confirm`.
 */
export function formErrorsFor(error: AppError, language: Language, controls: FormControls, extra: Record<string, string> = {}): FormErrors {
  const byName = { ...fieldMessages(error, language), ...extra };
  const message = messageFor(language, error);
  // LOGIN-4's lock concerns the current password being typed: say so next to it too.
  if (error.code === 'ACCOUNT_LOCKED' && controls.some(([name]) => name === 'current')) byName.current ??= message;
  const fields: Record<string, string> = {};
  const summary: FormErrors['summary'] = [];
  for (const [name, id] of controls) {
    const text = byName[name];
    if (text) {
      fields[id] = text;
      summary.push({ anchor: id, message: text });
    }
  }
  if (summary.length === 0) summary.push({ anchor: null, message });
  return { fields, summary };
}
