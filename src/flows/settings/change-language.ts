import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { setLanguage } from '../../storage/repositories/profile.js';
import { isLanguage, type Language } from '../../web/i18n.js';
import { auditOwnChange } from './own-account.js';
import type { SignedIn } from '../../session/signed-in.js';

/** PROF-1 / REG-1: the language of every page, e-mail and text message. No fresh sign-in needed. */
export async function changeLanguage(deps: AppDeps, signedIn: SignedIn, language: string, meta: RequestMeta): Promise<Language> {
  if (!isLanguage(language)) throw new AppError('VALIDATION', 'languageInvalid', { fields: { language: 'languageInvalid' } });
  await setLanguage(deps.storage.db, signedIn.profile.employeeId, language, deps.clock.now());
  await auditOwnChange(deps, signedIn, meta, 'language.changed', { language });
  return language;
}
