import { MFA_METHODS, type MfaMethod } from '../../../storage/repositories/mfa.js';
import { svgDataUrl, groupSecret } from '../../../methods/totp/totp.js';
import type { Messages } from '../../../web/messages/en.js';
import type { TotpEnrolment } from '../flow.js';
import type { MfaOverview } from '../mfa.js';
import { displayMobile } from './format.js';
import { ProfileLayout, type ProfileContext } from './profile-layout.js';
import { CurrentPassword } from './current-password.js';
import { ErrorSummary } from '../../../web/components/error-summary.js';
import { Field, fieldClass, FieldError } from '../../../web/components/field.js';
import { PostForm } from '../../../web/components/post-form.js';
import { describedBy, errorId, type FormErrors } from '../../../web/components/form-errors.js';

// MFA-1, MFA-3 in Edit My Profile: the "Multi-factor sign-in" page /profile/mfa, the
// authenticator set-up page (QR code, key for typing by hand, code field) and the one-time list
// of recovery codes.

/** `?done=mfa` / `?done=mfaTotp` after a change (the profile's other notices have their own keys); `done` is the query's value. */
export function mfaDoneMessage(done: unknown, t: Messages): string | null {
  if (done === 'mfa') return t.mfa.settings.done;
  if (done === 'mfaTotp') return t.mfa.settings.doneTotp;
  if (done === 'mfaProofSent') return t.mfa.settings.proofSent;
  return null;
}

/** How sign-in codes reach the employee now, in words. */
export function mfaState(t: Messages, mfa: MfaOverview): string {
  const s = t.mfa.settings.state;
  if (mfa.method === 'email') return s.email(mfa.email ?? '');
  if (mfa.method === 'sms') return s.sms(displayMobile(mfa.mobile ?? ''));
  return mfa.method === 'totp' ? s.totp : s.off;
}

interface MfaPageProps {
  ctx: ProfileContext;
  mfa: MfaOverview;
  askCurrent: boolean;
  done: string | null;
  /** The method typed in a form that failed, and its errors. */
  failed: { values: Record<string, string>; errors: FormErrors } | null;
}

/** MFA-1, MFA-6: /profile/mfa, how sign-in codes reach you, with the current factor's proof for a change. */
export function MfaPage({ ctx, mfa, askCurrent, done, failed }: MfaPageProps) {
  const s = ctx.t.mfa.settings;
  const errors = failed?.errors ?? null;
  const selected = failed?.values.method ?? mfa.method;
  const error = errors?.fields['mfa-off'];
  const state = mfaState(ctx.t, mfa);
  const hintOf = (method: MfaMethod) =>
    method === 'email' && !mfa.email ? s.needsEmail : method === 'sms' && !mfa.mobile ? s.needsMobile : s.optionHints[method];
  return (
    <ProfileLayout ctx={ctx} page="mfa" title={s.heading} intro={s.intro} done={done} failed={errors !== null}>
    <section class="card" aria-label={s.heading}>
      {mfa.consoleNeedsMfa ? <p class="notice notice--error">{s.consoleNeeded}</p> : null}
      <dl class="facts">
        <div>
          <dt>{s.now}</dt>
          <dd>{state}</dd>
        </div>
        {mfa.recoveryCodesLeft !== null ? (
          <div>
            <dt>{s.recoveryLeft}</dt>
            <dd>{mfa.recoveryCodesLeft}</dd>
          </div>
        ) : null}
      </dl>
      {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
      <PostForm ctx={ctx} action="/profile/mfa" submit={s.submit}>
        <fieldset class={fieldClass(errors, 'mfa-off')} aria-describedby={describedBy(error ? errorId('mfa-off') : null)}>
          <legend>{s.legend}</legend>
          <FieldError errors={errors} id="mfa-off" />
          {MFA_METHODS.map((method) => (
            <div class="choice" key={method}>
              <input
                type="radio"
                id={`mfa-${method}`}
                name="method"
                value={method}
                checked={method === selected}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={`mfa-${method}-hint`}
              />{' '}
              <div>
                <label for={`mfa-${method}`}>{s.options[method]}</label>
                <p class="hint" id={`mfa-${method}-hint`}>
                  {hintOf(method)}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        <CurrentPassword ctx={ctx} errors={errors} id="mfa-current" asked={askCurrent} />
        {mfa.method !== 'off' ? (
          <Field errors={errors} id="mfa-code" name="code" label={s.proofLabel} hint={s.proofHint[mfa.method]} autocomplete="one-time-code" inputMode="numeric" />
        ) : null}
      </PostForm>
      {mfa.method === 'email' || mfa.method === 'sms' ? (
        <PostForm ctx={ctx} action="/profile/mfa/code" submit={s.sendProof} secondary />
      ) : null}
    </section>
    </ProfileLayout>
  );
}

interface TotpSetupProps {
  ctx: ProfileContext;
  enrolment: TotpEnrolment | null;
  errors: FormErrors | null;
}

/** MFA-3: scan the QR code (or type the key), then type a code from the app to turn it on. */
export function TotpSetupPage({ ctx, enrolment, errors }: TotpSetupProps) {
  const p = ctx.t.mfa.totp;
  return (
    <ProfileLayout ctx={ctx} page={null} title={p.title} intro={p.intro} failed={errors !== null}>
      <section class="card card--narrow" aria-label={p.title}>
        {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
        {enrolment ? (
          <>
            <h2>{p.scanHeading}</h2>
            <p>{p.scanHint}</p>
            <p>
              <img src={svgDataUrl(enrolment.qrSvg)} alt={p.qrAlt} width={220} height={220} />
            </p>
            <h3>{p.keyHeading}</h3>
            <p class="hint">{p.keyHint}</p>
            <dl class="facts">
              <div>
                <dt>{p.keyLabel}</dt>
                <dd>
                  <code id="totp-key">{groupSecret(enrolment.secret)}</code>
                </dd>
              </div>
            </dl>
            <h2>{p.confirmHeading}</h2>
            <PostForm ctx={ctx} action="/profile/mfa/totp" submit={p.submit}>
              <Field
                errors={errors}
                id="totp-code"
                name="code"
                label={ctx.t.mfa.code.label}
                hint={ctx.t.mfa.code.hint}
                autocomplete="one-time-code"
                inputMode="numeric"
                maxLength={20}
              />
            </PostForm>
            <p>
              <a href="/profile/mfa">{p.cancel}</a>
            </p>
          </>
        ) : (
          <p>
            <a href="/profile/mfa">{p.nothingPending}</a>
          </p>
        )}
      </section>
    </ProfileLayout>
  );
}

/** MFA-3: the 10 recovery codes, shown this once (the page is the answer to the confirming POST). */
export function RecoveryCodesPage({ ctx, codes }: { ctx: ProfileContext; codes: string[] }) {
  const r = ctx.t.mfa.recoveryCodes;
  return (
    <ProfileLayout ctx={ctx} page={null} title={r.title} intro={r.intro}>
      <section class="card card--narrow" aria-labelledby="recovery-codes-heading">
        <h2 id="recovery-codes-heading">{r.listLabel}</h2>
        <p class="notice notice--success">{r.keep}</p>
        <ol aria-labelledby="recovery-codes-heading">
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
        <p>
          <a class="button button--primary" href="/profile/mfa?done=mfaTotp">
            {r.done}
          </a>
        </p>
      </section>
    </ProfileLayout>
  );
}
