import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { commitPasswordChange } from '../../identity/after-password-change.js';
import { checkNewPassword, choosePassword, livePinHash, type PasswordChoice } from '../../identity/choose-password.js';
import { confirmFreshAuth } from './fresh-auth.js';
import { requireAccount } from './own-account.js';
import type { SignedIn } from '../../session/signed-in.js';

export interface ChangePasswordInput {
  current?: string | undefined;
  password: string;
  confirm: string;
}

/**
 * PROF-2 and SESS-3: a new password chosen as everywhere (identity/choose-password.ts), after the
 * current one or a recent sign-in is confirmed — before the history is compared, so that nobody
 * holding only a session learns the earlier passwords. Then the change as everywhere: every other
 * session ends, the locks clear, and the person is told.
 */
export async function changePassword(deps: AppDeps, signedIn: SignedIn, input: ChangePasswordInput, meta: RequestMeta): Promise<void> {
  const employeeId = signedIn.profile.employeeId;
  const account = await requireAccount(deps, signedIn);
  const choice: PasswordChoice = { employeeId, password: input.password, confirm: input.confirm, pinHash: livePinHash(account, deps.clock.now()), currentHash: account.passwordHash };
  checkNewPassword(deps, choice);
  await confirmFreshAuth(deps, signedIn, input.current, meta);
  const newHash = await choosePassword(deps, choice);
  await commitPasswordChange(deps, { employeeId, previousHash: account.passwordHash, newHash, via: 'settings', keepSessionIdHash: signedIn.sessionIdHash, recipient: account, meta });
}
