import { ConfirmAction } from '../../../web/components/confirm-action.js';
import type { PageContext } from '../../../web/page-context.js';
import { ConsoleLayout } from './console-layout.js';

// HELP-4/5: issue PIN, reset MFA and end sessions ask first. The first POST (no `confirm=yes`)
// lands here with nothing changed; the confirmation sends every field the agent sent again.

export type ConfirmableAction = 'pin' | 'resetMfa' | 'endSessions';

interface ConfirmProps {
  ctx: PageContext;
  action: ConfirmableAction;
  href: string;
  employeeId: string;
  name: string;
  reason: string;
  /** The fields of the first POST (other than `_csrf` and `confirm`), sent again as they were. */
  fields: [string, string][];
}

export function ConfirmActionPage({ ctx, action, href, employeeId, name, reason, fields }: ConfirmProps) {
  const c = ctx.t.console;
  const text = c.confirm[action];
  return (
    <ConsoleLayout ctx={ctx} title={text.title(name)}>
      <p class="notice notice--warning">{c.confirm.nothingYet}</p>
      <dl class="facts">
        <div>
          <dt>{c.facts.employeeId}</dt>
          <dd>{employeeId}</dd>
        </div>
        <div>
          <dt>{c.reason}</dt>
          <dd>{reason}</dd>
        </div>
      </dl>
      <ConfirmAction
        ctx={ctx}
        action={href}
        consequencesHeading={c.confirm.consequencesHeading}
        consequences={text.consequences}
        carried={fields}
        confirm={text.yes}
        cancel={c.confirm.cancel}
        cancelHref={`/admin/employees/${employeeId}`}
      />
    </ConsoleLayout>
  );
}
