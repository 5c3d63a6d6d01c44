import type { CodeChannel } from '../../../methods/one-time-code/codes.js';
import { StepForm, TextField, WizardLayout, type WizardFrame } from './wizard-layout.js';

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
              <TextField
                errors={errors}
                name="emailCode"
                label={w.emailCode}
                hint={w.emailSent(email)}
                value={values.emailCode}
                autocomplete="one-time-code"
                inputMode="numeric"
                maxLength={20}
              />
            ) : null}
            {needMobile ? (
              <TextField
                errors={errors}
                name="mobileCode"
                label={w.mobileCode}
                hint={w.mobileSent(mobile ?? '')}
                value={values.mobileCode}
                autocomplete="one-time-code"
                inputMode="numeric"
                maxLength={20}
              />
            ) : null}
          </StepForm>
          <section class="resend" aria-labelledby="resend-heading">
            <h2 id="resend-heading">{w.resendHeading}</h2>
            <p class="hint">{w.resendHint}</p>
            {needEmail ? <ResendForm csrf={frame.ctx.csrfToken} channel="email" label={w.resendEmail} /> : null}
            {needMobile ? <ResendForm csrf={frame.ctx.csrfToken} channel="sms" label={w.resendSms} /> : null}
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

function ResendForm({ csrf, channel, label }: { csrf: string; channel: CodeChannel; label: string }) {
  return (
    <form method="post" action="/register/verify/resend" class="resend-form">
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="channel" value={channel} />
      <button type="submit" class="button">
        {label}
      </button>
    </form>
  );
}
