import { ErrorSummary } from '../../../web/components/error-summary.js';
import { Field } from '../../../web/components/field.js';
import type { FormErrors } from '../../../web/components/form-errors.js';
import { PostForm } from '../../../web/components/post-form.js';
import { CurrentPassword } from './current-password.js';
import { displayMobile } from './format.js';
import { BackToProfile, ProfileLayout, type ProfileContext } from './profile-layout.js';

export interface ContactDetails {
  email: string | null;
  mobile: string | null;
  appId: string | null;
}

export interface ContactPageProps {
  ctx: ProfileContext;
  contact: ContactDetails;
  askCurrent: boolean;
  /** What was typed in a form that failed, and its errors. */
  failed: { values: Record<string, string>; errors: FormErrors } | null;
}

/** PROF-1: /profile/contact, the e-mail, mobile phone and ID for other applications. */
export function ContactPage({ ctx, contact, askCurrent, failed }: ContactPageProps) {
  const c = ctx.t.profile.contact;
  const errors = failed?.errors ?? null;
  const mobile = contact.mobile ? displayMobile(contact.mobile) : '';
  const valueOf = (name: string, fallback: string) => (failed ? (failed.values[name] ?? '') : fallback);
  return (
    <ProfileLayout ctx={ctx} page="contact" title={c.changeHeading} intro={c.changeIntro} failed={errors !== null}>
      <section class="card card--narrow" aria-label={c.changeHeading}>
        {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
        <PostForm ctx={ctx} action="/profile/contact" submit={c.submit}>
          <Field errors={errors} id="email" name="email" type="email" label={c.email} value={valueOf('email', contact.email ?? '')} autocomplete="email" maxLength={254} />
          <Field errors={errors} id="mobile" name="mobile" type="tel" label={c.mobileLabel} hint={c.mobileHint} value={valueOf('mobile', mobile)} autocomplete="tel" maxLength={40} />
          <Field errors={errors} id="appId" name="appId" label={c.appIdLabel} value={valueOf('appId', contact.appId ?? '')} autocomplete="off" maxLength={64} />
          <CurrentPassword ctx={ctx} errors={errors} id="contact-current" asked={askCurrent} />
        </PostForm>
        <BackToProfile ctx={ctx} />
      </section>
    </ProfileLayout>
  );
}
