import { CodeField } from '../../../web/components/code-field.js';
import { fieldClass, FieldError } from '../../../web/components/field.js';
import { describeControl } from '../../../web/components/form-errors.js';
import { PostForm } from '../../../web/components/post-form.js';
import type { PageContext } from '../../../web/page-context.js';
import type { CallerChannel, CallerPanelFacts } from '../../helpdesk/verify-caller.js';
import { formatConsoleTime } from '../../views/console-time.js';
import { ActionForm, type ActionFailure } from './action-form.js';

// HELP-7 on the account page, before the actions that need it (issue PIN, reset MFA): send a code
// to the registered e-mail or mobile (the agent sees them masked, never the code), then type the
// code the caller reads back. The panel says where this agent stands: nothing sent, code sent,
// verified until…, or blocked after three wrong codes.

interface PanelProps {
  ctx: PageContext;
  employeeId: string;
  facts: CallerPanelFacts;
  timeZone: string;
  failure: ActionFailure | null;
}

const ACTION = 'verify-caller';
const CODE_ID = `${ACTION}-code`;

function ChannelFields({ ctx, facts, failure }: { ctx: PageContext; facts: CallerPanelFacts; failure: ActionFailure | null }) {
  const v = ctx.t.console.verifyCaller;
  const errors = failure?.errors ?? null;
  const groupId = `${ACTION}-channel`;
  const channels = (['email', 'sms'] as const).filter((channel): channel is CallerChannel => facts.contacts[channel] !== undefined);
  return (
    <fieldset class={fieldClass(errors, groupId)} id={groupId} aria-describedby={describeControl(errors, groupId)}>
      <legend>{v.channelLegend}</legend>
      <FieldError errors={errors} id={groupId} />
      {channels.map((channel, index) => {
        const masked = facts.contacts[channel] ?? '';
        return (
          <div class="choice" key={channel}>
            <input type="radio" id={`${ACTION}-channel-${channel}`} name="channel" value={channel} checked={index === 0} />{' '}
            <label for={`${ACTION}-channel-${channel}`}>{channel === 'email' ? v.emailTo(masked) : v.smsTo(masked)}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

function CodeForm({ ctx, href, failure }: { ctx: PageContext; href: string; failure: ActionFailure | null }) {
  const v = ctx.t.console.verifyCaller;
  // The form is named as its one field is.
  return (
    <PostForm ctx={ctx} action={`${href}/code`} class="action-form" label={v.codeLabel}>
      <CodeField
        ctx={ctx}
        errors={failure?.errors ?? null}
        id={CODE_ID}
        name="code"
        label={v.codeLabel}
        hint={v.codeHint}
        // The agent types the caller's code: the browser has nothing to fill in.
        autocomplete="off"
        pattern="[0-9 ]*"
        maxLength={8}
        inputClass="input--code"
        required
      />
      <button type="submit" class="button button--primary">
        {v.confirm}
      </button>
    </PostForm>
  );
}

export function VerifyCallerPanel({ ctx, employeeId, facts, timeZone, failure }: PanelProps) {
  const v = ctx.t.console.verifyCaller;
  const time = (at: number) => formatConsoleTime(at, ctx.language, timeZone);
  const href = `/admin/employees/${employeeId}/${ACTION}`;
  const mine = failure?.action === ACTION ? failure : null;
  const { view } = facts;
  const canSend = facts.contacts.email !== undefined || facts.contacts.sms !== undefined;
  const sendText = { title: view.kind === 'sent' ? v.sendAgain : v.send, intro: '', submit: view.kind === 'sent' ? v.sendAgain : v.send };
  return (
    <section class="console-panel verify-caller" aria-labelledby="verify-caller-heading">
      <h2 id="verify-caller-heading">{v.heading}</h2>
      <p>{v.intro}</p>
      {view.kind === 'verified' ? (
<p class="notice notice--success">{v.verified(time(view.until))}</p>
      ) : null}
      {view.kind === 'blocked' ? <p class="notice notice--error">{v.blocked(time(view.until))}</p> : null}
      {view.kind === 'sent' ? (
        <>
          <p class="notice">
            {v.sent(view.sentTo, time(view.expiresAt))} {v.attemptsLeft(view.attemptsLeft)}
          </p>
          <CodeForm ctx={ctx} href={href} failure={mine} />
        </>
      ) : null}
      {view.kind !== 'blocked' && !canSend ? <p>{v.noContact}</p> : null}
      {view.kind !== 'blocked' && canSend ? (
        <ActionForm ctx={ctx} action={ACTION} href={href} text={sendText} failure={mine?.errors.fields[CODE_ID] ? null : mine}>
          <ChannelFields ctx={ctx} facts={facts} failure={mine} />
        </ActionForm>
      ) : null}
    </section>
  );
}
