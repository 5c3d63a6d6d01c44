import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { normaliseEmail, normaliseMobile } from '../../identity/normalise.js';
import type { RecoveryAccount } from '../../storage/repositories/recovery.js';
import { claimSendSlot } from '../../storage/repositories/send-slots.js';
import { CLIENT_SENDS_PER_WINDOW, SEND_WINDOW_MS } from './flow.js';

// RECOV-1/2/3/11, the same for every method that sends: the person types the registered e-mail or
// mobile; something is sent only when it matches the account's VERIFIED contact. Whatever happens,
// the caller answers the same "If these details match our records, we have sent …".

/** RECOV-11: every send request of a client counts, matching or not (so the 429 says nothing about accounts). */
export async function claimClientSend(deps: AppDeps, meta: RequestMeta): Promise<void> {
  const claim = await claimSendSlot(deps.storage.db, `client:${meta.ip}`, CLIENT_SENDS_PER_WINDOW, SEND_WINDOW_MS, deps.clock.now());
  if (!claim.allowed) throw new AppError('RATE_LIMITED', 'recoveryRateLimited', { retryAfterSeconds: Math.ceil(claim.retryAfterMs / 1000) });
}

/** RECOV-11: the account's own count of links and codes. */
export function accountSlotKey(employeeId: string): string {
  return `account:${employeeId}`;
}

/** The typed e-mail, normalised; 400 when it is not an address at all (says nothing about accounts). */
export function typedEmail(typed: string, field: string): { key: string } {
  if (typed.trim() === '') throw new AppError('VALIDATION', 'emailRequired', { fields: { [field]: 'emailRequired' } });
  const email = normaliseEmail(typed);
  if (!email) throw new AppError('VALIDATION', 'emailInvalid', { fields: { [field]: 'emailInvalid' } });
  return email;
}

export function typedMobile(typed: string, field: string): string {
  if (typed.trim() === '') throw new AppError('VALIDATION', 'mobileRequired', { fields: { [field]: 'mobileRequired' } });
  const mobile = normaliseMobile(typed);
  if (!mobile) throw new AppError('VALIDATION', 'mobileInvalid', { fields: { [field]: 'mobileInvalid' } });
  return mobile;
}

export function emailMatches(account: RecoveryAccount, key: string): boolean {
  return account.emailKey !== null && account.emailVerifiedAt !== null && account.emailKey === key;
}

export function mobileMatches(account: RecoveryAccount, mobile: string): boolean {
  return account.mobile !== null && account.mobileVerifiedAt !== null && account.mobile === mobile;
}
