import type { LengthLimits, PasswordRule } from '../../../identity/password-policy.js';
import type { PageContext } from '../../../web/page-context.js';
import { PasswordRules } from '../../../web/components/password-rules.js';
import { TextField } from '../../registration/views/wizard-layout.js';
import { RecoveryForm, RecoveryLayout, type RecoveryErrors } from './recovery-layout.js';

interface PasswordPageProps {
  ctx: PageContext;
  flowId: string;
  rules: PasswordRule[];
  limits: LengthLimits;
  /** After a failed submit: the rules the password broke; null before. */
  broken: PasswordRule[] | null;
  errors: RecoveryErrors | null;
}

/**
 * RECOV-5: the new password typed twice, with the REG-5 rules next to the field (the same markup
 * as the wizard, so password-rules.js marks them while typing; the server checks every rule).
 */
export function PasswordPage({ ctx, flowId, rules, limits, broken, errors }: PasswordPageProps) {
  const { t } = ctx;
  const r = t.recovery.password;
  const shown = broken?.includes('notRecent') ? [...rules, 'notRecent' as const] : rules;
  return (
    <RecoveryLayout ctx={ctx} title={r.title} intro={r.intro} errors={errors}>
      <RecoveryForm ctx={ctx} action={`/recovery/${flowId}/password`} submit={r.submit}>
        <TextField errors={errors} name="password" type="password" label={r.newPassword} autocomplete="new-password" describedByExtra="password-rules" />
        <PasswordRules t={t} rules={shown} limits={limits} broken={broken} />
        <TextField errors={errors} name="confirm" type="password" label={r.confirm} autocomplete="new-password" />
      </RecoveryForm>
      <script src="/assets/password-rules.js" defer></script>
    </RecoveryLayout>
  );
}
