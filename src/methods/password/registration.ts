import type { PasswordInput, RegistrationContext, RegistrationMethod, SetsFirstPassword } from '../../flows/registration/flow.js';
import { commitPasswordChange } from '../../identity/after-password-change.js';
import { checkNewPassword, choosePassword, type PasswordChoice } from '../../identity/choose-password.js';

// REG-5: the first password, chosen as everywhere (identity/choose-password.ts): never the PIN,
// the policy's rules. It is set by the one after-password-change step, with the flow's writes.

function choiceOf(context: RegistrationContext, input: PasswordInput): PasswordChoice {
  const { registrant } = context;
  return { employeeId: registrant.employeeId, password: input.password, confirm: input.confirm, pinHash: registrant.pinHash, currentHash: null };
}

const check: SetsFirstPassword['check'] = (deps, context, input) => checkNewPassword(deps, choiceOf(context, input));

const commit: SetsFirstPassword['commit'] = async (deps, context, input, meta) => {
  const newHash = await choosePassword(deps, choiceOf(context, input));
  // The first password is not a change: no "your password was changed" notice.
  const employeeId = context.registrant.employeeId;
  await commitPasswordChange(deps, { employeeId, previousHash: null, newHash, via: 'registration', recipient: null, meta, alongside: input.alongside });
};

export const passwordRegistration = { name: 'password', check, commit } as const satisfies RegistrationMethod & SetsFirstPassword;
