import type { CodeChannel } from '../../../methods/one-time-code/codes.js';
import { CodeField } from '../../../web/components/code-field.js';
import { Field } from '../../../web/components/field.js';
import { PostForm } from '../../../web/components/post-form.js';
import type { PageContext } from '../../../web/page-context.js';
import { RecoveryLayout, StatusNotice, type RecoveryErrors } from './recovery-layout.js';

// RECOV-1/2/3: the person types the registered e-mail or mobile. What the page says afterwards is
// the same whether it matched or not ("If these details match our records, we have sent …").

interface LinkFormProps {
  ctx: PageContext;
  flowId: string;
  email: string;
  errors: RecoveryErrors | null;
}

export function LinkFormPage({ ctx, flowId, email, errors }: LinkFormProps) {
  const r = ctx.t.recovery.link;
  return (
    <RecoveryLayout ctx={ctx} title={r.title} intro={r.intro} errors={errors} backHref={`/recovery/${flowId}`}>
      <PostForm ctx={ctx} action={`/recovery/${flowId}/link`} submit={r.submit}>
        <Field errors={errors} id="email" name="email" type="email" label={r.email} hint={r.emailHint} value={email} autocomplete="email" inputMode="email" required maxLength={254} />
      </PostForm>
    </RecoveryLayout>
  );
}

export function LinkSentPage({ ctx, flowId }: { ctx: PageContext; flowId: string }) {
  const r = ctx.t.recovery.link;
  return (
    <RecoveryLayout ctx={ctx} title={r.sentTitle} backHref={`/recovery/${flowId}`}>
      <StatusNotice>
        <p>{r.sent}</p>
      </StatusNotice>
      <p>{r.sentHint}</p>
      <ul class="link-list">
        <li>
          <a href={`/recovery/${flowId}/link`}>{r.again}</a>
        </li>
        <li>
          <a href="/login">{ctx.t.recovery.start.backToLogin}</a>
        </li>
      </ul>
    </RecoveryLayout>
  );
}

interface CodeSendProps {
  ctx: PageContext;
  flowId: string;
  channel: CodeChannel;
  to: string;
  errors: RecoveryErrors | null;
}

export function CodeSendPage({ ctx, flowId, channel, to, errors }: CodeSendProps) {
  const r = ctx.t.recovery.code;
  return (
    <RecoveryLayout ctx={ctx} title={r.sendTitle[channel]} intro={r.sendIntro[channel]} errors={errors} backHref={`/recovery/${flowId}`}>
      <PostForm ctx={ctx} action={`/recovery/${flowId}/code/send`} submit={r.send}>
        <input type="hidden" name="channel" value={channel} />
        <Field
          errors={errors}
          id="to"
          name="to"
          type={channel === 'email' ? 'email' : 'tel'}
          label={r.to[channel]}
          hint={r.toHint[channel]}
          value={to}
          autocomplete={channel === 'email' ? 'email' : 'tel'}
          inputMode={channel === 'email' ? 'email' : 'tel'}
          required
          maxLength={254}
        />
      </PostForm>
    </RecoveryLayout>
  );
}

interface CodeEntryProps {
  ctx: PageContext;
  flowId: string;
  /** The channel of the last send request (its notice is shown), or null. */
  sent: CodeChannel | null;
  /** Where the "send a new code" link goes. */
  channel: CodeChannel;
  errors: RecoveryErrors | null;
}

export function CodeEntryPage({ ctx, flowId, sent, channel, errors }: CodeEntryProps) {
  const r = ctx.t.recovery.code;
  return (
    <RecoveryLayout ctx={ctx} title={r.title} intro={r.intro} errors={errors} backHref={`/recovery/${flowId}`}>
      {sent ? (
        <StatusNotice>
          <p>{r.sent[sent]}</p>
        </StatusNotice>
      ) : null}
      <PostForm ctx={ctx} action={`/recovery/${flowId}/code`} submit={r.submit}>
        <CodeField ctx={ctx} errors={errors} label={r.label} hint={r.hint} required />
      </PostForm>
      <section class="resend" aria-labelledby="resend-heading">
        <h2 id="resend-heading">{r.againHeading}</h2>
        <p class="hint">{r.againHint}</p>
        <p>
          <a href={`/recovery/${flowId}/code/send?channel=${channel}`}>{r.again[channel]}</a>
        </p>
      </section>
    </RecoveryLayout>
  );
}
