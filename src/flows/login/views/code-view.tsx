import type { MfaChannel } from '../../../storage/repositories/mfa.js';
import { Layout } from '../../../web/layout.js';
import type { PageContext } from '../../../web/page-context.js';

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
  error?: string | null;
}

/** MFA-2..4: `/login/code`, the one step between a right password and a session. */
export function CodeView({ ctx, channel, sentTo, others, sent, waiting, error }: CodeViewProps) {
  const c = ctx.t.mfa.code;
  const intro = channel === 'totp' ? c.intro.totp : waiting ? c.intro[channel](sentTo ?? '') : c.noCodeWaiting;
  const notice = !sent ? null : channel === 'totp' ? c.switchedToTotp : c.resent(sentTo ?? '');
  const hintIds = ['code-hint', channel === 'totp' ? 'code-recovery-hint' : null, error ? 'code-error' : null].filter(Boolean).join(' ');
  return (
    <Layout ctx={ctx} title={error ? ctx.t.wizard.errorTitle(c.title) : c.title}>
      <div class="auth-layout">
        <section class="card card--narrow" aria-labelledby="code-heading">
          <h1 id="code-heading">{c.title}</h1>
          <p class="lead">{intro}</p>
          {notice ? (
            <p class="notice notice--success" role="status">
              {notice}
            </p>
          ) : null}
          {error ? (
            <div class="notice notice--error" role="alert" id="code-error">
              <p>{error}</p>
            </div>
          ) : null}
          <form method="post" action="/login/code" class="form" novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <div class="field">
              <label for="code">{c.label}</label>
              <p class="hint" id="code-hint">
                {c.hint}
              </p>
              {channel === 'totp' ? (
                <p class="hint" id="code-recovery-hint">
                  {c.recoveryHint}
                </p>
              ) : null}
              <input
                id="code"
                name="code"
                type="text"
                // Recovery codes have letters; the phone keyboard shows digits only for sent codes.
                inputMode={channel === 'totp' ? 'text' : 'numeric'}
                autocomplete="one-time-code"
                autocapitalize="none"
                spellcheck={false}
                required
                maxLength={40}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={hintIds}
              />
            </div>
            <button type="submit" class="button button--primary button--block">
              {c.submit}
            </button>
          </form>
          {channel !== 'totp' ? (
            <section class="resend" aria-labelledby="resend-heading">
              <h2 id="resend-heading">{c.resendHeading}</h2>
              <p class="hint">{c.resendHint}</p>
              <SendForm ctx={ctx} channel={channel} label={c.resend} />
            </section>
          ) : null}
          {others.length > 0 ? (
            <section class="resend" aria-labelledby="other-heading">
              <h2 id="other-heading">{c.otherHeading}</h2>
              {others.map((other) => (
                <SendForm
                  key={other.channel}
                  ctx={ctx}
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

/** Sending a code changes state, so it is a form (POST with the CSRF token), not a link. */
function SendForm({ ctx, channel, label }: { ctx: PageContext; channel: MfaChannel; label: string }) {
  return (
    <form method="post" action="/login/code/send" class="resend-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <input type="hidden" name="channel" value={channel} />
      <button type="submit" class="button">
        {label}
      </button>
    </form>
  );
}
