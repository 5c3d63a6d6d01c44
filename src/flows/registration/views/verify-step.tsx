import type { CodeChannel } from '../../../methods/one-time-code/codes.js';
import { CodeField } from '../../../web/components/code-field.js';
import { SendCodeForm } from '../../../web/components/send-code-form.js';
import { StepForm, WizardLayout, type WizardFrame } from './wizard-layout.js';

export interface VerifyProps {
  frame: WizardFrame;
  email: string;
  /** Shown as typed for reading, e.g. 787-555-1234; null when no mobile was given. */
  mobile: string | null;
  emailVerified: boolean;
  mobileVerified: boolean;
  values: { emailCode: string; mobileCode: string };
  /** A new code just went out on this channel. */
  sent: CodeChannel | null;
  /** Where to go when everything is confirmed already (the person came Back). */
  nextHref: string;
}

const RESEND = '/register/verify/resend';

/** REG-3: the codes sent to the e-mail and, when given, the mobile; a new code per channel. */
export function VerifyStep({ frame, email, mobile, emailVerified, mobileVerified, values, sent, nextHref }: VerifyProps) {
  const { t } = frame.ctx;
  const w = t.wizard.verify;
  const { errors } = frame;
  const needEmail = !emailVerified;
  const needMobile = mobile !== null && !mobileVerified;
  const done: string[] = [];
  if (emailVerified) done.push(w.emailDone(email));
  if (mobile !== null && mobileVerified) done.push(w.mobileDone(mobile));
  return (
    <WizardLayout frame={frame} title={w.title} intro={w.intro}>
      {sent ? (
        <p class="notice notice--success" role="status">
          {w.resent(sent === 'email' ? email : (mobile ?? ''))}
        </p>
      ) : null}
      {done.map((text) => (
        <p class="notice notice--success" key={text}>
          {text}
        </p>
      ))}
      {needEmail || needMobile ? (
        <>
          <StepForm frame={frame}>
            {needEmail ? (
              <CodeField ctx={frame.ctx} errors={errors} id="emailCode" label={w.emailCode} hint={w.emailSent(email)} value={values.emailCode} />
            ) : null}
            {needMobile ? (
              <CodeField ctx={frame.ctx} errors={errors} id="mobileCode" label={w.mobileCode} hint={w.mobileSent(mobile ?? '')} value={values.mobileCode} />
            ) : null}
          </StepForm>
          <section class="resend" aria-labelledby="resend-heading">
            <h2 id="resend-heading">{w.resendHeading}</h2>
            <p class="hint">{w.resendHint}</p>
            {needEmail ? <SendCodeForm ctx={frame.ctx} action={RESEND} channel="email" label={w.resendEmail} /> : null}
            {needMobile ? <SendCodeForm ctx={frame.ctx} action={RESEND} channel="sms" label={w.resendSms} /> : null}
          </section>
        </>
      ) : (
        <p>
          <a class="button button--primary" href={nextHref}>
            {t.wizard.continue}
          </a>
        </p>
      )}
      <ul class="link-list">
        <li>
          <a href="/register/contact">{w.changeContact}</a>
        </li>
      </ul>
    </WizardLayout>
  );
}
