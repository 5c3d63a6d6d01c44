import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError, type ErrorMessageKey } from '../../core/errors.js';
import { assertSafeRecipient, enqueueMessage } from '../../delivery/enqueue-message.js';
import { normaliseEmail, normaliseMobile, type NormalisedEmail } from '../../identity/normalise.js';
import { checkCode, voidCodes, type CodeChannel, type CodePurpose } from '../../methods/one-time-code/codes.js';
import { sendCode } from '../../methods/one-time-code/send-code.js';
import { emailTakenByOther } from '../../storage/repositories/registration.js';
import { applyMobile, applyVerifiedEmail, pendingContactChanges, setAppId, type AccountSecurity } from '../../storage/repositories/profile.js';
import { asLanguage, messagesFor, type Language } from '../../web/i18n.js';
import { confirmFreshAuth } from './fresh-auth.js';
import { maskEmail, maskMobile } from './mask.js';
import { auditOwnChange, requireAccount } from './own-account.js';
import type { SignedIn } from '../../session/signed-in.js';

// PROF-1: a new e-mail address or mobile number is used only once the code sent to it comes back;
// the old address is told at once (with the new one masked), so a hijacked session cannot move
// the account's contact details away quietly. SESS-3 guards every change of e-mail or phone.

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

  const { db } = deps.storage;
  const now = deps.clock.now();
  const language = asLanguage(account.language);
  if (plan.appId !== undefined) {
    await setAppId(db, account.employeeId, plan.appId, now);
    await auditOwnChange(deps, signedIn, meta, 'contact.changed', { field: 'appId' });
  }
  if (plan.removeMobile && account.mobile) {
    await applyMobile(db, account.employeeId, null, now);
    await voidCodes(db, { employeeId: account.employeeId, purpose: 'profile_mobile', channel: 'sms' }, now);
    const removed = messagesFor(language).profile.noticeRemoved;
    await enqueueMessage(
      db,
      deps.config.secret,
      { channel: 'sms', to: account.mobile, template: 'contact-change-notice', language, data: { givenName: account.givenName, channel: 'sms', maskedNewAddress: removed } },
      now,
    );
    await auditOwnChange(deps, signedIn, meta, 'contact.changed', { field: 'mobile', removed: true });
  }

  const sent: CodeChannel[] = [];
  if (plan.email) {
    await sendContactCode(deps, account, { purpose: 'profile_email', channel: 'email', to: plan.email.value, language });
    if (account.email) await sendNotice(deps, account, account.email, 'email', maskEmail(plan.email.value), language);
    await auditOwnChange(deps, signedIn, meta, 'contact.change_requested', { field: 'email' });
    sent.push('email');
  }
  if (plan.mobile) {
    await sendContactCode(deps, account, { purpose: 'profile_mobile', channel: 'sms', to: plan.mobile, language });
    // The old number is told; someone adding a first number hears about it by e-mail.
    const oldContact = account.mobile ?? account.email;
    if (oldContact) await sendNotice(deps, account, oldContact, 'sms', maskMobile(plan.mobile), language);
    await auditOwnChange(deps, signedIn, meta, 'contact.change_requested', { field: 'mobile' });
    sent.push('sms');
  }
  return sent;
}

async function sendContactCode(deps: AppDeps, account: AccountSecurity, delivery: { purpose: CodePurpose; channel: CodeChannel; to: string; language: Language }) {
  const owner = { employeeId: account.employeeId, purpose: delivery.purpose, channel: delivery.channel };
  const message = { kind: 'verify-contact', givenName: account.givenName } as const;
  const result = await sendCode(deps, { owner, to: delivery.to, language: delivery.language, message, fresh: false });
  // MFA-2's resend limits keep the form from flooding someone else's inbox or phone.
  if (!result.sent) throw new AppError('RATE_LIMITED', 'codeResendWait', { retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) });
}

/** The notice goes to the old address or number: an SMS when `to` is a number, else an e-mail. */
async function sendNotice(deps: AppDeps, account: AccountSecurity, to: string, changed: CodeChannel, maskedNewAddress: string, language: Language) {
  const data = { givenName: account.givenName, channel: changed, maskedNewAddress };
  await enqueueMessage(
    deps.storage.db,
    deps.config.secret,
    to.startsWith('+')
      ? { channel: 'sms', to, template: 'contact-change-notice', language, data }
      : { channel: 'email', to, template: 'contact-change-notice', language, data },
    deps.clock.now(),
  );
}

export interface ContactCodes {
  emailCode?: string | undefined;
  mobileCode?: string | undefined;
}

/** POST /me/contact/verify: each valid code applies the address it was sent to. */
export async function verifyContactChange(deps: AppDeps, signedIn: SignedIn, input: ContactCodes, meta: RequestMeta): Promise<void> {
  const account = await requireAccount(deps, signedIn);
  const { db } = deps.storage;
  const now = deps.clock.now();
  const owner = (purpose: CodePurpose, channel: CodeChannel) => ({ employeeId: account.employeeId, purpose, channel });
  const fields: Record<string, ErrorMessageKey> = {};
  const emailCode = (input.emailCode ?? '').trim();
  const mobileCode = (input.mobileCode ?? '').trim();
  if (emailCode === '' && mobileCode === '') {
    const pending = await pendingContactChanges(db, account.employeeId, now);
    fields[pending.mobile !== null && pending.email === null ? 'mobileCode' : 'emailCode'] = 'codeRequired';
  }

  if (emailCode !== '') {
    const result = await checkCode(db, deps.config.secret, owner('profile_email', 'email'), emailCode, now);
    const email = result.valid ? normaliseEmail(result.destination) : null;
    if (!result.valid || !email) fields.emailCode = !result.valid && result.dead ? 'codeDead' : 'codeWrong';
    else if (!(await applyUniqueEmail(deps, account.employeeId, email, now))) fields.emailCode = 'emailTaken';
    else await auditOwnChange(deps, signedIn, meta, 'contact.changed', { field: 'email' });
  }
  if (mobileCode !== '') {
    const result = await checkCode(db, deps.config.secret, owner('profile_mobile', 'sms'), mobileCode, now);
    if (!result.valid) fields.mobileCode = result.dead ? 'codeDead' : 'codeWrong';
    else {
      await applyMobile(db, account.employeeId, result.destination, now);
      await auditOwnChange(deps, signedIn, meta, 'contact.changed', { field: 'mobile' });
    }
  }
  if (Object.keys(fields).length > 0) {
    const problems = Object.values(fields);
    const first = problems[0] ?? 'codeWrong';
    // A wrong or dead code is INVALID_CODE; a missing code or a taken address is a VALIDATION problem.
    const isCodeProblem = problems.every((p) => p === 'codeWrong' || p === 'codeDead');
    throw new AppError(isCodeProblem ? 'INVALID_CODE' : 'VALIDATION', first, { fields });
  }
}

/** NORM-2: the address may have been taken by another account since the code was sent. */
async function applyUniqueEmail(deps: AppDeps, employeeId: string, email: NormalisedEmail, now: number): Promise<boolean> {
  const { db } = deps.storage;
  if (await emailTakenByOther(db, email.key, employeeId)) return false;
  try {
    await applyVerifiedEmail(db, employeeId, email, now);
    return true;
  } catch (error) {
    // A racing writer won the unique index: the same answer as the check above.
    if (await emailTakenByOther(db, email.key, employeeId)) return false;
    throw error;
  }
}
