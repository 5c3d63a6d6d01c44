import type { ProfileContext } from './profile-layout.js';
import { displayMobile } from './format.js';
import { ProfileLayout } from './profile-layout.js';
import { ErrorSummary } from '../../../web/components/error-summary.js';
import { Field } from '../../../web/components/field.js';
import { PostForm } from '../../../web/components/post-form.js';
import type { FormErrors } from '../../../web/components/form-errors.js';

export interface VerifyPageProps {
  ctx: ProfileContext;
  pending: { email: string | null; mobile: string | null };
  values: { emailCode: string; mobileCode: string };
  errors: FormErrors | null;
}

/** PROF-1: the code step of a contact change; the new address is used only once its code is typed. */
export function ContactVerifyPage({ ctx, pending, values, errors }: VerifyPageProps) {
  const v = ctx.t.profile.verify;
  const both = pending.email !== null && pending.mobile !== null;
  const nothing = pending.email === null && pending.mobile === null;
  return (
    <ProfileLayout ctx={ctx} page={null} title={v.title} intro={v.intro} failed={errors !== null}>
      <section class="card card--narrow" aria-label={v.title}>
        {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
        {nothing ? (
          <p>
            <a href="/profile/contact">{v.nothingPending}</a>
          </p>
        ) : (
          <PostForm ctx={ctx} action="/profile/contact/verify" submit={v.submit}>
            {pending.email !== null ? (
              <Field
                errors={errors}
                id="emailCode"
                name="emailCode"
                label={both ? v.emailCode : v.code}
                hint={v.sentTo(pending.email)}
                value={values.emailCode}
                autocomplete="one-time-code"
                inputMode="numeric"
                maxLength={20}
              />
            ) : null}
            {pending.mobile !== null ? (
              <Field
                errors={errors}
                id="mobileCode"
                name="mobileCode"
                label={both ? v.mobileCode : v.code}
                hint={v.sentTo(displayMobile(pending.mobile))}
                value={values.mobileCode}
                autocomplete="one-time-code"
                inputMode="numeric"
                maxLength={20}
              />
            ) : null}
          </PostForm>
        )}
        <p class="hint">{v.again}</p>
      </section>
    </ProfileLayout>
  );
}
