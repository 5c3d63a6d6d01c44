import type { LengthLimits, PasswordRule } from '../../../identity/password-policy.js';
import type { PageContext } from '../../../web/page-context.js';
import { PasswordRules } from '../../../web/components/password-rules.js';
import { TextField } from '../../registration/views/wizard-layout.js';
import { RecoveryForm, RecoveryLayout, type RecoveryErrors } from '../../recovery/views/recovery-layout.js';

interface SetPasswordPageProps {
  ctx: PageContext;
  givenName: string;
  rules: PasswordRule[];
  limits: LengthLimits;
  /** After a failed submit: the rules the password broke; null before. */
  broken: PasswordRule[] | null;
  errors: RecoveryErrors | null;
}

/**
 * LOGIN-3 / HELP-4: after a help-desk PIN, the new password typed twice with the REG-5 rules next
 * to the field (the wizard's markup, so password-rules.js marks them while typing). The flow id
 * stays in the `portico_flow` cookie; the form carries only the CSRF token.
 */
export function SetPasswordPage({ ctx, givenName, rules, limits, broken, errors }: SetPasswordPageProps) {
  const { t } = ctx;
  const w = t.wizard.password;
  const shown = broken?.includes('notRecent') ? [...rules, 'notRecent' as const] : rules;
  return (
    <RecoveryLayout ctx={ctx} title={t.register.setPasswordHeading} intro={t.login.setPasswordIntro(givenName)} errors={errors}>
      <RecoveryForm ctx={ctx} action="/login/password" submit={t.login.setPasswordSubmit}>
        <TextField errors={errors} name="password" type="password" label={w.newPassword} autocomplete="new-password" describedByExtra="password-rules" />
        <PasswordRules t={t} rules={shown} limits={limits} broken={broken} />
        <TextField errors={errors} name="confirm" type="password" label={w.confirm} autocomplete="new-password" />
      </RecoveryForm>
      <script src="/assets/password-rules.js" defer></script>
    </RecoveryLayout>
  );
}
