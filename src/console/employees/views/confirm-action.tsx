import type { PageContext } from '../../../web/page-context.js';
import { ConsoleLayout } from './console-layout.js';

// A destructive action's second step, without JavaScript: the first POST (no `confirm=yes`) lands
// here, nothing has changed yet; the form below repeats every field the agent sent, plus the confirmation.

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
      <section class="console-section" aria-labelledby="consequences-heading">
        <h2 id="consequences-heading">{c.confirm.consequencesHeading}</h2>
        <ul>
          {text.consequences.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <form method="post" action={href} class="confirm-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <input type="hidden" name="confirm" value="yes" />
        {fields.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" class="button button--danger">
          {text.yes}
        </button>
        <a class="button" href={`/admin/employees/${employeeId}`}>
          {c.confirm.cancel}
        </a>
      </form>
    </ConsoleLayout>
  );
}
