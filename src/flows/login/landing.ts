import type { AppDeps } from '../../core/deps.js';
import { holdsConsoleRole } from '../../storage/repositories/console-employees.js';

// Where a sign-in lands when no return path came with it: console accounts on the console once
// their second factor is passed (MFA-5: without it the console would only refuse them), others at home.

/** The return path waits at most as long as the code step (CODE_FLOW_MS). */
export const RETURN_COOKIE_SECONDS = 15 * 60;
/** Through the wizard or the new-password page, as long as an application's sign-in waits (INTERACTION_TTL_SECONDS). */
export const APPLICATION_RETURN_COOKIE_SECONDS = 60 * 60;

export async function landingAfterSignIn(deps: AppDeps, employeeId: string, secondFactor: boolean): Promise<string> {
  return secondFactor && (await holdsConsoleRole(deps.storage.db, employeeId)) ? '/admin' : '/home';
}
