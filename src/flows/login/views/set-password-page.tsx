import type { LengthLimits, PasswordRule } from '../../../identity/password-policy.js';
import { PasswordField } from '../../../web/components/password-field.js';
import { PostForm } from '../../../web/components/post-form.js';
import type { PageContext } from '../../../web/page-context.js';
import { RecoveryLayout, type RecoveryErrors } from '../../recovery/views/recovery-layout.js';

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
 * to the field (the kit's PasswordField, as in the wizard). The flow id stays in the `portico_flow`
 * cookie; the form carries only the CSRF token.
 */
export function SetPasswordPage({ ctx, givenName, rules, limits, broken, errors }: SetPasswordPageProps) {
  const { t } = ctx;
  return (
    <RecoveryLayout ctx={ctx} title={t.register.setPasswordHeading} intro={t.login.setPasswordIntro(givenName)} errors={errors}>
      <PostForm ctx={ctx} action="/login/password" submit={t.login.setPasswordSubmit}>
        <PasswordField ctx={ctx} errors={errors} rules={rules} limits={limits} broken={broken} />
      </PostForm>
    </RecoveryLayout>
  );
}
