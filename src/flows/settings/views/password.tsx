import { assetUrl } from '../../../web/static-assets.js';
import type { LengthLimits, PasswordRule } from '../../../identity/password-policy.js';
import type { ProfileContext } from './profile-layout.js';
import { PasswordRules } from '../../../web/components/password-rules.js';
import { ProfileLayout } from './profile-layout.js';
import { CurrentPassword } from './current-password.js';
import { ErrorSummary } from '../../../web/components/error-summary.js';
import { Field } from '../../../web/components/field.js';
import { PostForm } from '../../../web/components/post-form.js';
import type { FormErrors } from '../../../web/components/form-errors.js';

export interface PasswordPageProps {
  ctx: ProfileContext;
  rules: PasswordRule[];
  limits: LengthLimits;
  /** After a failed submit: the rules the password broke; null before (or when the problem was elsewhere). */
  broken: PasswordRule[] | null;
  errors: FormErrors | null;
  askCurrent: boolean;
}

/** PROF-2: current password, then the new one twice, with REG-5's rules (and "not recent") next to it. */
export function PasswordPage({ ctx, rules, limits, broken, errors, askCurrent }: PasswordPageProps) {
  const { t } = ctx;
  const p = t.profile.password;
  const w = t.wizard.password;
  return (
    <ProfileLayout ctx={ctx} page="password" title={p.title} intro={p.intro} failed={errors !== null}>
      <section class="card card--narrow" aria-label={p.title}>
        {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
        <PostForm ctx={ctx} action="/profile/password" submit={p.submit}>
          <CurrentPassword ctx={ctx} errors={errors} id="current" asked={askCurrent} />
          <Field errors={errors} id="password" name="password" type="password" label={w.newPassword} autocomplete="new-password" describedByExtra="password-rules" />
          <PasswordRules t={t} rules={rules} limits={limits} broken={broken} />
          <Field errors={errors} id="confirm" name="confirm" type="password" label={w.confirm} autocomplete="new-password" />
        </PostForm>
      </section>
      <script src={assetUrl('password-rules.js')} defer></script>
    </ProfileLayout>
  );
}
