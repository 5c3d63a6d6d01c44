import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError, type ErrorMessageKey } from '../../core/errors.js';
import { assertSafeRecipient } from '../../delivery/enqueue-message.js';
import { normaliseEmail, normaliseMobile, type NormalisedEmail } from '../../identity/normalise.js';
import type { CodeChannel } from '../../methods/one-time-code/codes.js';
import type { SignedIn } from '../../session/signed-in.js';
import { emailTakenByOther } from '../../storage/repositories/registration.js';
import { pendingContactChanges, setAppId, type AccountSecurity } from '../../storage/repositories/profile.js';
import { confirmFreshAuth } from './fresh-auth.js';
import { CONTACT_CODE_METHODS, codeMethodFor, SETTINGS_METHODS } from './methods.js';
import { auditOwnChange, requireAccount } from './own-account.js';

// PROF-1: a new e-mail address or mobile number is used only once the code sent to it comes back;
// the old address is told at once (with the new one masked), so a hijacked session cannot move
// the account's contact details away quietly. SESS-3 guards every change of e-mail or phone.
// Sending and checking the codes is the e-mail and SMS methods' (src/methods/*/settings.ts).

export interface ContactChangeInput {
  current?: string | undefined;
  email?: string | undefined;
  /** An empty string removes the phone. */
  mobile?: string | undefined;
  appId?: string | undefined;
}

interface PlannedChange {
  email: NormalisedEmail | null;
  mobile: string | null;
  removeMobile: boolean;
  /** undefined: unchanged; null: cleared. */
  appId: string | null | undefined;
}

/** Checks everything before anything is changed or queued; 400 with the problem of each field. */
async function planChange(deps: AppDeps, account: AccountSecurity, input: ContactChangeInput): Promise<PlannedChange> {
  const fields: Record<string, ErrorMessageKey> = {};
  const plan: PlannedChange = { email: null, mobile: null, removeMobile: false, appId: undefined };

  if (input.email !== undefined) {
    const email = input.email.trim() === '' ? null : normaliseEmail(input.email);
    if (input.email.trim() === '') fields.email = 'emailRequired';
    else if (!email || !isSafe('email', email.value)) fields.email = 'emailInvalid';
    else if (email.key !== account.email?.toLowerCase() || account.emailVerifiedAt === null) {
      if (await emailTakenByOther(deps.storage.db, email.key, account.employeeId)) fields.email = 'emailTaken';
      else plan.email = email;
    }
  }

  if (input.mobile !== undefined) {
    const typed = input.mobile.trim();
    const mobile = typed === '' ? null : normaliseMobile(typed);
    if (typed === '') {
      if (account.mobile !== null && account.mfa === 'sms') fields.mobile = 'mobileNeededForMfa';
      else plan.removeMobile = account.mobile !== null;
    } else if (!mobile || !isSafe('sms', mobile)) fields.mobile = 'mobileInvalid';
    else if (mobile !== account.mobile || account.mobileVerifiedAt === null) plan.mobile = mobile;
  }

  if (input.appId !== undefined) {
    const appId = input.appId.trim();
    if (appId !== '' && !/^[\w.-]{1,64}$/.test(appId)) fields.appId = 'appIdInvalid';
    else if ((appId === '' ? null : appId) !== account.appId) plan.appId = appId === '' ? null : appId;
  }

  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', 'validation', { fields });
  return plan;
}

/** CR/LF or a second address can never reach the queue (DELIV): refused here as a typing mistake. */
function isSafe(channel: 'email' | 'sms', to: string): boolean {
  try {
    assertSafeRecipient(channel, to);
    return true;
  } catch {
    return false;
  }
}

/** PUT /me/contact: the ID for other applications changes at once; a new e-mail or phone waits for its code. */
export async function requestContactChange(deps: AppDeps, signedIn: SignedIn, input: ContactChangeInput, meta: RequestMeta): Promise<CodeChannel[]> {
  const account = await requireAccount(deps, signedIn);
  const plan = await planChange(deps, account, input);
  if (plan.email || plan.mobile || plan.removeMobile) await confirmFreshAuth(deps, signedIn, input.current, meta);

  if (plan.appId !== undefined) {
    await setAppId(deps.storage.db, account.employeeId, plan.appId, deps.clock.now());
    await auditOwnChange(deps, signedIn, meta, 'contact.changed', { field: 'appId' });
  }
  if (plan.removeMobile) await SETTINGS_METHODS.sms_code.remove(deps, signedIn, account, meta);

  const sent: CodeChannel[] = [];
  if (plan.email) {
    await codeMethodFor('email').send(deps, signedIn, { account, to: plan.email.value }, meta);
    sent.push('email');
  }
  if (plan.mobile) {
    await codeMethodFor('sms').send(deps, signedIn, { account, to: plan.mobile }, meta);
    sent.push('sms');
  }
  return sent;
}

export interface ContactCodes {
  emailCode?: string | undefined;
  mobileCode?: string | undefined;
}

/** POST /me/contact/verify: each valid code applies the address it was sent to. */
export async function verifyContactChange(deps: AppDeps, signedIn: SignedIn, input: ContactCodes, meta: RequestMeta): Promise<void> {
  const account = await requireAccount(deps, signedIn);
  const typed = CONTACT_CODE_METHODS.map((method) => ({ method, code: (input[method.codeField] ?? '').trim() }));
  const fields: Record<string, ErrorMessageKey> = {};
  if (typed.every(({ code }) => code === '')) {
    const pending = await pendingContactChanges(deps.storage.db, account.employeeId, deps.clock.now());
    fields[pending.mobile !== null && pending.email === null ? 'mobileCode' : 'emailCode'] = 'codeRequired';
  }
  for (const { method, code } of typed) {
    const problem = code === '' ? null : await method.verify(deps, signedIn, code, meta);
    if (problem) fields[method.codeField] = problem;
  }
  if (Object.keys(fields).length > 0) {
    const problems = Object.values(fields);
    const first = problems[0] ?? 'codeWrong';
    // A wrong or dead code is INVALID_CODE; a missing code or a taken address is a VALIDATION problem.
    const isCodeProblem = problems.every((p) => p === 'codeWrong' || p === 'codeDead');
    throw new AppError(isCodeProblem ? 'INVALID_CODE' : 'VALIDATION', first, { fields });
  }
}
