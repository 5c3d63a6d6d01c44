import type { AppDeps, RequestMeta } from '../../core/deps.js';
import type { AuditEventName } from '../../audit/events.js';
import { AppError } from '../../core/errors.js';
import { auditOwnEvent } from '../../audit/record-audit.js';
import type { SignedIn } from '../../session/signed-in.js';
import { findMfaState, type MfaState } from '../../storage/repositories/mfa.js';
import { findAccountSecurity, type AccountSecurity } from '../../storage/repositories/profile.js';

/** AUDIT-1: a change the person made to their own account (only ids and facts in `detail`, never values). */
export function auditOwnChange(
  deps: AppDeps,
  signedIn: SignedIn,
  meta: RequestMeta,
  event: AuditEventName,
  detail: Record<string, string | number | boolean> = {},
): Promise<void> {
  return auditOwnEvent(deps, meta, signedIn.profile.employeeId, event, 'success', detail);
}

/** The account behind the session, read fresh (the session's profile may predate this request's change). */
export async function requireAccount(deps: AppDeps, signedIn: SignedIn): Promise<AccountSecurity> {
  const account = await findAccountSecurity(deps.storage.db, signedIn.profile.employeeId);
  if (!account) throw new AppError('UNAUTHENTICATED', 'unauthenticated');
  return account;
}

/** The account's second-factor state, read fresh. */
export async function requireOwnMfaState(deps: AppDeps, signedIn: SignedIn): Promise<MfaState> {
  const state = await findMfaState(deps.storage.db, signedIn.profile.employeeId);
  if (!state) throw new AppError('UNAUTHENTICATED', 'unauthenticated');
  return state;
}
