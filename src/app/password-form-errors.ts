import type { AppError } from '../core/errors.js';
import type { PasswordRule } from '../identity/password-policy.js';
import { messagesFor, type Language } from '../web/i18n.js';

// What a refused new password shows on a form (choose-password.ts reports the rules it broke in
// `extra.rules`): the rule list marked, and the mismatch next to the confirmation field.

/** The rules the password broke; null when the error is not about them (the list stays unmarked). */
export function brokenPasswordRules(error: AppError): PasswordRule[] | null {
  const rules = error.options.extra?.rules;
  return Array.isArray(rules) ? rules.filter((rule): rule is PasswordRule => typeof rule === 'string') : null;
}

/** REG-5's "both passwords match" is the confirmation field's problem: formErrorsFor's `extra` for it. */
export function passwordMismatch(error: AppError, language: Language): Record<string, string> {
  return brokenPasswordRules(error)?.includes('matches') ? { confirm: messagesFor(language).wizard.password.mismatch } : {};
}
