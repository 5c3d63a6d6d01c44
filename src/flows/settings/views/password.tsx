import type { LengthLimits, PasswordRule } from '../../../identity/password-policy.js';
import type { PageContext } from '../../../web/page-context.js';
import { ruleText } from '../../registration/views/password-step.js';
import { ErrorSummary, Field, PostForm, ProfileLayout, type FormErrors } from './form.js';

export interface PasswordPageProps {
  ctx: PageContext;
  rules: PasswordRule[];
  limits: LengthLimits;
  /** After a failed submit: the rules the password broke; null before (or when the problem was elsewhere). */
  broken: PasswordRule[] | null;
  errors: FormErrors | null;
}

/** PROF-2: current password, then the new one twice, with REG-5's rules (and "not recent") next to it. */
export function PasswordPage({ ctx, rules, limits, broken, errors }: PasswordPageProps) {
  const { t } = ctx;
  const p = t.profile.password;
  const w = t.wizard.password;
  return (
    <ProfileLayout ctx={ctx} page="password" title={p.title} intro={p.intro} failed={errors !== null}>
      <section class="card card--narrow" aria-label={p.title}>
        {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
        <PostForm ctx={ctx} action="/profile/password" submit={p.submit}>
          <Field errors={errors} id="current" name="current" type="password" label={t.profile.currentPassword} hint={t.profile.currentHint} autocomplete="current-password" />
          <Field errors={errors} id="password" name="password" type="password" label={w.newPassword} autocomplete="new-password" describedByExtra="password-rules" />
          <div class="password-rules" id="password-rules" data-met={w.met} data-unmet={w.unmet} data-min={String(limits.min)} data-max={String(limits.max)}>
            <p id="password-rules-heading">{w.rulesHeading}</p>
            <ul aria-labelledby="password-rules-heading">
              {rules.map((rule) => {
                const state = broken === null ? '' : broken.includes(rule) ? 'unmet' : 'met';
                return (
                  <li key={rule} data-rule={rule} data-state={state}>
                    <span class="rule__mark" aria-hidden="true">
                      {state === 'met' ? '✓' : state === 'unmet' ? '✗' : ''}
                    </span>{' '}
                    <span class="rule__text">{ruleText(t, rule, limits)}</span>
                    <span class="rule__state">{state === '' ? '' : ` (${state === 'met' ? w.met : w.unmet})`}</span>
                  </li>
                );
              })}
            </ul>
            <p class="hint" id="password-rules-live" aria-live="polite"></p>
          </div>
          <Field errors={errors} id="confirm" name="confirm" type="password" label={w.confirm} autocomplete="new-password" />
        </PostForm>
      </section>
      <script src="/assets/password-rules.js" defer></script>
    </ProfileLayout>
  );
}
