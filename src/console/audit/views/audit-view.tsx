import type { PageContext } from '../../../web/page-context.js';
import { ConsoleLayout } from '../../employees/views/console-layout.js';
import { ConsoleTime } from '../../views/console-time.js';
import { eventWords, outcomeWords } from '../event-words.js';
import type { AuditRow } from '../../../storage/repositories/audit-events.js';
import { AuditDetails } from './audit-details.js';
import { StackTable } from '../../../web/components/stack-table.js';

// The audit page's view: filters, one page of events in words, links to the next pages.

export interface AuditForm {
  employeeId: string;
  event: string;
  from: string;
  to: string;
}

interface ViewProps {
  ctx: PageContext;
  form: AuditForm;
  invalid: boolean;
  /** A help desk agent without an Employee ID: explain instead of searching everyone (HELP-6). */
  needsEmployee: boolean;
  rows: AuditRow[];
  links: { older: string | null; newer: string | null };
  timeZone: string;
}

export function AuditView({ ctx, form, invalid, needsEmployee, rows, links, timeZone }: ViewProps) {
  const t = ctx.t.consoleQueues.audit;
  const a = ctx.t.console.auditLog;
  return (
    <ConsoleLayout ctx={ctx} title={t.title} failed={invalid}>
      <p class="lead">{a.intro}</p>
      {invalid ? (
        <p class="notice notice--error" role="alert">
          {t.invalidFilter}
        </p>
      ) : null}
      {needsEmployee ? <p class="notice">{a.adminOnlyAll}</p> : null}
      <form method="get" action="/admin/audit" class="filter-form">
        <Input id="employeeId" label={t.employeeLabel} value={form.employeeId} inputMode="numeric" />
        <EventSelect ctx={ctx} value={form.event} />
        <Input id="from" label={t.fromLabel} value={form.from} />
        <Input id="to" label={t.toLabel} value={form.to} />
        <div class="filter-form__submit">
          <button type="submit" class="button button--primary">
            {t.search}
          </button>
        </div>
      </form>
      <p class="hint">{a.timeZone(timeZone)}</p>
      {!invalid && !needsEmployee && rows.length === 0 ? <p>{t.empty}</p> : null}
      {rows.length > 0 ? (
        <StackTable
          extraClass="audit-table"
          caption={t.title}
          captionHidden
          columns={[t.time, t.event, t.outcome, t.actor, t.subject, t.ip, t.detail]}
          rows={rows.map((row) => ({
            key: row.id,
            cells: [
              <ConsoleTime at={row.at} language={ctx.language} timeZone={timeZone} />,
              eventWords(ctx.t, row.event),
              outcomeWords(ctx.t, row.outcome),
              row.actorId ?? ctx.t.console.none,
              row.subjectId ?? ctx.t.console.none,
              row.ip ?? '',
              <AuditDetails t={ctx.t} detail={row.detail} />,
            ],
          }))}
        />
      ) : null}
      {links.newer || links.older ? (
        <nav class="pagination" aria-label={a.pages}>
          {links.newer ? <a href={links.newer}>{`← ${a.newer}`}</a> : null}
          {links.older ? <a href={links.older}>{`${a.older} →`}</a> : null}
        </nav>
      ) : null}
    </ConsoleLayout>
  );
}

function EventSelect({ ctx, value }: { ctx: PageContext; value: string }) {
  const known = Object.keys(ctx.t.console.auditLog.events);
  const names = known.includes(value) || value === '' ? known : [value, ...known];
  const options = names.map((name) => [name, eventWords(ctx.t, name)] as const).sort((x, y) => x[1].localeCompare(y[1], ctx.language));
  return (
    <div class="field">
      <label for="event">{ctx.t.consoleQueues.audit.eventLabel}</label>
      <select id="event" name="event">
        <option value="">{ctx.t.console.auditLog.anyEvent}</option>
        {options.map(([name, words]) => (
          <option key={name} value={name} selected={name === value}>
            {words}
          </option>
        ))}
      </select>
    </div>
  );
}

function Input({ id, label, value, inputMode }: { id: string; label: string; value: string; inputMode?: 'numeric' }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} name={id} type="text" value={value} inputMode={inputMode} maxLength={100} />
    </div>
  );
}
