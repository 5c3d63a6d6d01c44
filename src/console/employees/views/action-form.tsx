import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../web/page-context.js';
import { ROLES } from '../../../storage/repositories/roles.js';
import type { EmployeeAction } from '../actions.js';

// One small form per account action (HELP-5: each asks for a reason). A destructive one looks
// different and leads to a confirmation page first (confirm-action.tsx).

export interface ActionFailure {
  action: EmployeeAction;
  /** Problems by form field name. */
  fields: Record<string, string>;
  message: string;
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
  const id = `${action}-reason`;
  const error = mine?.fields.reason;
  return (
    <form method="post" action={href} class={danger ? 'action-form action-form--danger' : 'action-form'} novalidate aria-labelledby={`${action}-title`}>
      <h3 id={`${action}-title`}>{text.title}</h3>
      {text.intro ? <p>{text.intro}</p> : null}
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {children}
      <div class="field">
        <label for={id}>{c.reason}</label>
        <p class="hint" id={`${id}-hint`}>
          {c.reasonHint}
        </p>
        {error ? (
          <p class="field-error notice notice--error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
        <input
          id={id}
          name="reason"
          type="text"
          required
          maxLength={500}
          value={mine?.reason ?? ''}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        />
      </div>
      <button type="submit" class={danger ? 'button button--danger' : 'button button--primary'}>
        {text.submit}
      </button>
    </form>
  );
}

/**
 * HELP-7: how the caller was confirmed, for a PIN or an MFA reset. "Code" sends no `identityCheck`,
 * so the server looks for this agent's verification; an in-person check is recorded with the action.
 */
export function CallerProofFields({ ctx, action }: { ctx: PageContext; action: EmployeeAction }) {
  const v = ctx.t.console.verifyCaller;
  const options = [
    ['', v.proofOptions.code],
    ['badge', v.proofOptions.badge],
    ['government-id', v.proofOptions['government-id']],
  ] as const;
  return (
    <fieldset class="field">
      <legend>{v.proofLegend}</legend>
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
  const error = failure?.fields.role ?? failure?.fields.action;
  return (
    <>
      {error ? (
        <p class="field-error notice notice--error" id="roles-role-error">
          {error}
        </p>
      ) : null}
      <div class="field">
        <label for="roles-role">{c.actions.roles.role}</label>
        <select id="roles-role" name="role" aria-describedby={error ? 'roles-role-error' : undefined}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {c.roleNames[role] ?? role}
            </option>
          ))}
        </select>
      </div>
      <fieldset class="field" id="roles-action">
        <legend>{c.actions.roles.change}</legend>
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
