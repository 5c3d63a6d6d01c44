import { assetUrl } from '../static-assets.js';
import type { LengthLimits, PasswordRule } from '../../identity/password-policy.js';
import type { PageContext } from '../page-context.js';
import { Field } from './field.js';
import type { FormErrors } from './form-errors.js';
import { PasswordRules } from './password-rules.js';

interface PasswordFieldProps {
  ctx: PageContext;
  errors: FormErrors | null;
  rules: PasswordRule[];
  limits: LengthLimits;
  /** After a failed submit: the rules the password broke (every other rule is met); null before. */
  broken: PasswordRule[] | null;
}

/**
 * REG-5: a new password typed twice ("New password", "Confirm new password") with the policy's
 * rules between them, tied to the field by `aria-describedby="password-rules"`. A password used
 * lately adds its rule. /assets/password-rules.js marks the rules while the person types.
 */
export function PasswordField({ ctx, errors, rules, limits, broken }: PasswordFieldProps) {
  const { t } = ctx;
  const w = t.wizard.password;
  const shown = broken?.includes('notRecent') && !rules.includes('notRecent') ? [...rules, 'notRecent' as const] : rules;
  return (
    <>
      <Field errors={errors} id="password" name="password" type="password" label={w.newPassword} autocomplete="new-password" describedByExtra="password-rules" />
      <PasswordRules t={t} rules={shown} limits={limits} broken={broken} />
      <Field errors={errors} id="confirm" name="confirm" type="password" label={w.confirm} autocomplete="new-password" />
      <script src={assetUrl('password-rules.js')} defer></script>
    </>
  );
}
