import type { AppDeps } from '../../core/deps.js';
import { listSecurityActivity, type ActivityRow } from '../../storage/repositories/profile.js';
import type { SignedIn } from '../../session/signed-in.js';

/** PROF-1: how many recent security events the profile shows. */
export const ACTIVITY_LIMIT = 50;

/**
 * Recent security activity (sign-ins, lockouts, resets, changes) about the caller, from the audit
 * log. Only time, event, outcome and IP address: the detail column is never read here.
 */
export function listActivity(deps: AppDeps, signedIn: SignedIn): Promise<ActivityRow[]> {
  return listSecurityActivity(deps.storage.db, signedIn.profile.employeeId, ACTIVITY_LIMIT);
}
