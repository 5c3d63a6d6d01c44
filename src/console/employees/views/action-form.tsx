import type { ComponentChildren } from 'preact';
import { Field, fieldClass, FieldError } from '../../../web/components/field.js';
import { describeControl, type FormErrors } from '../../../web/components/form-errors.js';
import { PostForm } from '../../../web/components/post-form.js';
import type { PageContext } from '../../../web/page-context.js';
import { ROLES } from '../../../storage/repositories/roles.js';
import type { EmployeeAction } from '../actions.js';

// One small form per account action (HELP-5: each asks for a reason). A destructive one looks
// different and leads to a confirmation page first (confirm-action.tsx).

export interface ActionFailure {
  action: EmployeeAction;
  /** The problems, by control id (`<action>-reason`, …). */
  errors: FormErrors;
  reason: string;
}

interface ActionFormProps {
  ctx: PageContext;
  action: EmployeeAction;
  href: string;
  text: { title: string; intro: string; submit: string };
  failure: ActionFailure | null;
  danger?: boolean;
  children?: ComponentChildren;
}

export function ActionForm({ ctx, action, href, text, failure, danger, children }: ActionFormProps) {
  const c = ctx.t.console;
  const mine = failure?.action === action ? failure : null;
  return (
    <PostForm ctx={ctx} action={href} class={danger ? 'action-form action-form--danger' : 'action-form'} labelledBy={`${action}-title`}>
      <h3 id={`${action}-title`}>{text.title}</h3>
      {text.intro ? <p>{text.intro}</p> : null}
      {children}
      <Field errors={mine?.errors ?? null} id={`${action}-reason`} name="reason" label={c.reason} hint={c.reasonHint} required maxLength={500} value={mine?.reason ?? ''} />
      <button type="submit" class={danger ? 'button button--danger' : 'button button--primary'}>
        {text.submit}
      </button>
    </PostForm>
  );
}

/**
 * HELP-7: how the caller was confirmed, for a PIN or an MFA reset. "Code" sends no `identityCheck`,
 * so the server looks for this agent's verification; an in-person check is recorded with the action.
 */
export function CallerProofFields({ ctx, action, failure }: { ctx: PageContext; action: EmployeeAction; failure: ActionFailure | null }) {
  const v = ctx.t.console.verifyCaller;
  const options = [
    ['', v.proofOptions.code],
    ['badge', v.proofOptions.badge],
    ['government-id', v.proofOptions['government-id']],
  ] as const;
  const errors = failure?.action === action ? failure.errors : null;
  const groupId = `${action}-proof-0`;
  return (
    <fieldset class={fieldClass(errors, groupId)} aria-describedby={describeControl(errors, groupId)}>
      <legend>{v.proofLegend}</legend>
      <FieldError errors={errors} id={groupId} />
      {options.map(([value, label], index) => (
        <div class="choice" key={value}>
          <input type="radio" id={`${action}-proof-${index}`} name="identityCheck" value={value} checked={index === 0} />{' '}
          <label for={`${action}-proof-${index}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function RoleFields({ ctx, failure }: { ctx: PageContext; failure: ActionFailure | null }) {
  const c = ctx.t.console;
  const errors = failure?.errors ?? null;
  return (
    <>
      <div class={fieldClass(errors, 'roles-role')}>
        <label for="roles-role">{c.actions.roles.role}</label>
        <FieldError errors={errors} id="roles-role" />
        <select id="roles-role" name="role" aria-describedby={describeControl(errors, 'roles-role')}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {c.roleNames[role] ?? role}
            </option>
          ))}
        </select>
      </div>
      <fieldset class={fieldClass(errors, 'roles-action')} id="roles-action" aria-describedby={describeControl(errors, 'roles-action')}>
        <legend>{c.actions.roles.change}</legend>
        <FieldError errors={errors} id="roles-action" />
        <label>
          <input type="radio" name="action" value="grant" checked /> {c.actions.roles.grant}
        </label>
        <label>
          <input type="radio" name="action" value="revoke" /> {c.actions.roles.revoke}
        </label>
      </fieldset>
    </>
  );
}
