import { checkCode, type CodeChannel, type CodeOwner } from '../../methods/one-time-code/codes.js';
import { codeProblem, sendContactCode } from '../../methods/one-time-code/contact-code.js';
import { saveProgress, type RegistrationProgress } from '../../storage/repositories/registration.js';
import { wizardLanguage, type RegistrationContext, type VerifiesContact } from './flow.js';

// REG-3: the verify step the e-mail and SMS code methods share. A contact counts only once the
// code sent to it comes back, and only to the contact saved now: a code sent before the contact
// changed proves nothing. The methods say which contact.

export interface ContactCodeField {
  channel: CodeChannel;
  purpose: 'register_email' | 'register_mobile';
  /** The contact saved at the contact step, and the column its proof is written to. */
  saved(progress: RegistrationProgress): string | null;
  verifiedColumn: 'email_verified_at' | 'mobile_verified_at';
}

export function contactCodeStep(field: ContactCodeField): Pick<VerifiesContact, 'destination' | 'isVerified' | 'send' | 'verify'> {
  const ownerOf = (context: RegistrationContext): CodeOwner => ({ employeeId: context.registrant.employeeId, purpose: field.purpose, channel: field.channel });
  return {
    destination: (progress) => field.saved(progress),
    isVerified: (progress) => progress[field.verifiedColumn] !== null,
    send: (deps, context, input) =>
      sendContactCode(deps, { owner: ownerOf(context), to: input.to, language: wizardLanguage(context), givenName: context.registrant.givenName }, input.refuseWhenLimited),
    verify: async (deps, context, code) => {
      const { db } = deps.storage;
      const now = deps.clock.now();
      const result = await checkCode(db, deps.config.secret, ownerOf(context), code, now);
      if (!result.valid || result.destination !== field.saved(context.progress)) return codeProblem(result);
      await saveProgress(db, context.registrant.employeeId, { [field.verifiedColumn]: now }, now);
      return null;
    },
  };
}
