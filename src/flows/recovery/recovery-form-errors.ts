import type { AppError } from '../../core/errors.js';
import { formErrorsFor, type FormControls } from '../../app/form-errors.js';
import { passwordMismatch } from '../../app/password-form-errors.js';
import { messagesFor, type Language } from '../../web/i18n.js';
import type { RecoveryErrors } from './views/recovery-layout.js';

/**
 * The kit's form errors with what the recovery pages (and the new password after a help-desk PIN)
 * add: the passwords' mismatch next to the confirmation, RECOV-7's tries left, and the Technical
 * Help Form once the help desk holds the lock (LOGIN-7).
 */
export function recoveryFormErrors(error: AppError, language: Language, controls: FormControls): RecoveryErrors {
  const errors = formErrorsFor(error, language, controls, passwordMismatch(error, language));
  const attemptsLeft = error.options.extra?.attemptsLeft;
  if (typeof attemptsLeft === 'number') errors.summary.push({ anchor: null, message: messagesFor(language).recovery.questions.attemptsLeft(attemptsLeft) });
  return { ...errors, helpForm: error.code === 'ACCOUNT_LOCKED_HELPDESK' };
}
