import type { AppDeps, RequestMeta } from '../../core/deps.js';
import type { ChangePasswordInput, ChangesPassword, SettingsMethod } from '../../flows/settings/flow.js';
import { confirmFreshAuth } from '../../flows/settings/fresh-auth.js';
import { requireAccount } from '../../flows/settings/own-account.js';
import { commitPasswordChange } from '../../identity/after-password-change.js';
import { checkNewPassword, choosePassword, livePinHash, type PasswordChoice } from '../../identity/choose-password.js';
import type { SignedIn } from '../../session/signed-in.js';

/**
 * PROF-2 and SESS-3: a new password chosen as everywhere (identity/choose-password.ts), after the
 * current one or a recent sign-in is confirmed — before the history is compared, so that nobody
 * holding only a session learns the earlier passwords. Then the change as everywhere: every other
 * session ends, the locks clear, and the person is told.
 */
async function change(deps: AppDeps, signedIn: SignedIn, input: ChangePasswordInput, meta: RequestMeta): Promise<void> {
  const employeeId = signedIn.profile.employeeId;
  const account = await requireAccount(deps, signedIn);
  const choice: PasswordChoice = { employeeId, password: input.password, confirm: input.confirm, pinHash: livePinHash(account, deps.clock.now()), currentHash: account.passwordHash };
  checkNewPassword(deps, choice);
  await confirmFreshAuth(deps, signedIn, input.current, meta);
  const newHash = await choosePassword(deps, choice);
  await commitPasswordChange(deps, { employeeId, previousHash: account.passwordHash, newHash, via: 'settings', keepSessionIdHash: signedIn.sessionIdHash, recipient: account, meta });
}

export const passwordSettings = { name: 'password', change } as const satisfies SettingsMethod & ChangesPassword;
