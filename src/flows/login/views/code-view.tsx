import type { MfaChannel } from '../../../storage/repositories/mfa.js';
import { CodeField } from '../../../web/components/code-field.js';
import { ErrorSummary } from '../../../web/components/error-summary.js';
import type { FormErrors } from '../../../web/components/form-errors.js';
import { PostForm } from '../../../web/components/post-form.js';
import { SendCodeForm } from '../../../web/components/send-code-form.js';
import { Layout } from '../../../web/layout.js';
import type { PageContext } from '../../../web/page-context.js';
import { PasskeyScript } from '../../../web/components/passkey-script.js';

export interface CodeViewProps {
  ctx: PageContext;
  channel: MfaChannel;
  /** Masked destination of the current channel's code; null for an authenticator. */
  sentTo: string | null;
  /** The other verified channels, each with its masked destination. */
  others: { channel: MfaChannel; sentTo: string | null }[];
  /** A new code just went out (or the person just switched to the authenticator). */
  sent: boolean;
  /** A live e-mail or SMS code waits to be typed; when not, the page says so instead of "type the code we sent" (MFA-2). */
  waiting: boolean;
  errors?: FormErrors | null;
  /** MFA-7: the account has a passkey and passkeys are offered at this origin: the script shows "Use a passkey instead". */
  passkeyOrigin?: string | null;
  /** Where a passkey leads once accepted (the return path, or the landing page). */
  landing?: string;
}

/** MFA-2..4: `/login/code`, the one step between a right password and a session. */
export function CodeView({ ctx, channel, sentTo, others, sent, waiting, errors = null, passkeyOrigin = null, landing = '/home' }: CodeViewProps) {
  const c = ctx.t.mfa.code;
  const intro = channel === 'totp' ? c.intro.totp : waiting ? c.intro[channel](sentTo ?? '') : c.noCodeWaiting;
  const notice = !sent ? null : channel === 'totp' ? c.switchedToTotp : c.resent(sentTo ?? '');
  return (
    <Layout ctx={ctx} title={errors ? ctx.t.wizard.errorTitle(c.title) : c.title}>
      <div class="auth-layout">
        <section class="card card--narrow" aria-labelledby="code-heading">
          <h1 id="code-heading">{c.title}</h1>
          <p class="lead">{intro}</p>
          {notice ? (
            <p class="notice notice--success" role="status">
              {notice}
            </p>
          ) : null}
          {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
          <PostForm ctx={ctx} action="/login/code" submit={c.submit}>
            <CodeField
              ctx={ctx}
              errors={errors}
              hint={c.hint}
              extraHint={channel === 'totp' ? { id: 'code-recovery-hint', text: c.recoveryHint } : null}
              letters={channel === 'totp'}
              maxLength={40}
              required
            />
          </PostForm>
          {passkeyOrigin ? (
            // Shown by /assets/passkeys.js only where WebAuthn exists.
            <div class="passkey-signin" data-passkey="code" data-origin={passkeyOrigin} data-return={landing} data-failed={ctx.t.errors.passkeyRefused} hidden>
              <button type="button" class="button button--block" data-passkey-start>
                {ctx.t.passkeys.useInstead}
              </button>
              <p class="notice notice--error" data-passkey-error role="alert" hidden></p>
              <PasskeyScript />
            </div>
          ) : null}
          {channel !== 'totp' ? (
            <section class="resend" aria-labelledby="resend-heading">
              <h2 id="resend-heading">{c.resendHeading}</h2>
              <p class="hint">{c.resendHint}</p>
              <SendCodeForm ctx={ctx} action="/login/code/send" channel={channel} label={c.resend} />
            </section>
          ) : null}
          {others.length > 0 ? (
            <section class="resend" aria-labelledby="other-heading">
              <h2 id="other-heading">{c.otherHeading}</h2>
              {others.map((other) => (
                <SendCodeForm
                  key={other.channel}
                  ctx={ctx}
                  action="/login/code/send"
                  channel={other.channel}
                  label={other.channel === 'totp' ? c.use.totp : c.use[other.channel](other.sentTo ?? '')}
                />
              ))}
            </section>
          ) : null}
          <ul class="link-list">
            <li>
              <a href="/login">{c.startOver}</a>
            </li>
            <li>
              <a href="/help">{ctx.t.login.needHelp}</a>
            </li>
          </ul>
        </section>
      </div>
    </Layout>
  );
}
