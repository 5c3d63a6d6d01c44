import type { LengthLimits, PasswordRule } from '../../../identity/password-policy.js';
import type { PageContext } from '../../../web/page-context.js';
import { PasswordField } from '../../../web/components/password-field.js';
import { PostForm } from '../../../web/components/post-form.js';
import { RecoveryLayout, type RecoveryErrors } from './recovery-layout.js';

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
 * RECOV-5: the new password typed twice, with the REG-5 rules next to the field (the kit's
 * PasswordField, as in the wizard; the server checks every rule).
 */
export function PasswordPage({ ctx, flowId, rules, limits, broken, errors }: PasswordPageProps) {
  const r = ctx.t.recovery.password;
  return (
    <RecoveryLayout ctx={ctx} title={r.title} intro={r.intro} errors={errors}>
      <PostForm ctx={ctx} action={`/recovery/${flowId}/password`} submit={r.submit}>
        <PasswordField ctx={ctx} errors={errors} rules={rules} limits={limits} broken={broken} />
      </PostForm>
    </RecoveryLayout>
  );
}
