import type { LengthLimits, PasswordRule } from '../../../identity/password-policy.js';
import type { ProfileContext } from './profile-layout.js';
import { ProfileLayout } from './profile-layout.js';
import { CurrentPassword } from './current-password.js';
import { ErrorSummary } from '../../../web/components/error-summary.js';
import { PasswordField } from '../../../web/components/password-field.js';
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

/**
 * PROF-2: the current password (when SESS-3 asks for it), then the kit's PasswordField: the new
 * password twice with REG-5's rules (and "not recent" once it is broken), as in the wizard.
 */
export function PasswordPage({ ctx, rules, limits, broken, errors, askCurrent }: PasswordPageProps) {
  const p = ctx.t.profile.password;
  return (
    <ProfileLayout ctx={ctx} page="password" title={p.title} intro={p.intro} failed={errors !== null}>
      <section class="card card--narrow" aria-label={p.title}>
        {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
        <PostForm ctx={ctx} action="/profile/password" submit={p.submit}>
          <CurrentPassword ctx={ctx} errors={errors} id="current" asked={askCurrent} />
          <PasswordField ctx={ctx} errors={errors} rules={rules} limits={limits} broken={broken} />
        </PostForm>
      </section>
    </ProfileLayout>
  );
}
