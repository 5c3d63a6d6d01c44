import { wizardLanguage, type RegistrationContext, type RegistrationMethod, type VerifiesContact } from '../../flows/registration/flow.js';
import { saveProgress } from '../../storage/repositories/registration.js';
import { checkCode, type CodeOwner } from '../one-time-code/codes.js';
import { codeProblem, sendContactCode } from '../one-time-code/contact-code.js';

// REG-3 by e-mail: the address typed at the contact step counts only once the code sent to it
// comes back.

function ownerOf(context: RegistrationContext): CodeOwner {
  return { employeeId: context.registrant.employeeId, purpose: 'register_email', channel: 'email' };
}

const send: VerifiesContact['send'] = async (deps, context, input) => {
  const delivery = { owner: ownerOf(context), to: input.to, language: wizardLanguage(context), givenName: context.registrant.givenName };
  return sendContactCode(deps, delivery, input.refuseWhenLimited);
};

/** The code must have gone to the address saved now: one sent before the address changed proves nothing. */
const verify: VerifiesContact['verify'] = async (deps, context, code) => {
  const { db } = deps.storage;
  const now = deps.clock.now();
  const result = await checkCode(db, deps.config.secret, ownerOf(context), code, now);
  if (!result.valid || result.destination !== context.progress.email) return codeProblem(result);
  await saveProgress(db, context.registrant.employeeId, { email_verified_at: now }, now);
  return null;
};

export const emailCodeRegistration = {
  name: 'email_code',
  channel: 'email',
  codeField: 'emailCode',
  destination: (progress) => progress.email,
  isVerified: (progress) => progress.email_verified_at !== null,
  send,
  verify,
} as const satisfies RegistrationMethod & VerifiesContact;
