import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app/deps.js';
import { pageContext } from '../../app/request-context.js';
import { normaliseEmployeeId } from '../../identity/normalise.js';
import { Layout } from '../../web/layout.js';
import type { PageContext } from '../../web/page-context.js';
import { sendPage } from '../../web/render.js';
import { searchAudit, type AuditFilter, type AuditRow } from './search-audit.js';

// AUDIT-2: `/admin/audit`, the console's audit search (a GET form, so a search can be bookmarked).

interface AuditForm {
  employeeId: string;
  event: string;
  from: string;
  to: string;
}

const DAY_MS = 24 * 3600 * 1000;
const field = (query: Record<string, unknown>, name: string) => (typeof query[name] === 'string' ? query[name].trim().slice(0, 100) : '');

/** A `YYYY-MM-DD` date (UTC) as milliseconds; `to` includes that whole day. Null when malformed. */
function parseDay(text: string, endOfDay: boolean): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const at = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(at)) return null;
  return endOfDay ? at + DAY_MS - 1 : at;
}

/** The filter, or null when a field cannot be used. */
export function auditFilterFrom(form: AuditForm): AuditFilter | null {
  const filter: AuditFilter = {};
  if (form.employeeId !== '') {
    const id = normaliseEmployeeId(form.employeeId);
    if (!id) return null;
    filter.employeeId = id;
  }
  if (form.event !== '') filter.event = form.event;
  if (form.from !== '') {
    const from = parseDay(form.from, false);
    if (from === null) return null;
    filter.from = from;
  }
  if (form.to !== '') {
    const to = parseDay(form.to, true);
    if (to === null) return null;
    filter.to = to;
  }
  return filter;
}

export function createAuditPages(deps: AppDeps) {
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const form: AuditForm = { employeeId: field(query, 'employeeId'), event: field(query, 'event'), from: field(query, 'from'), to: field(query, 'to') };
      const filter = auditFilterFrom(form);
      const rows = filter ? await searchAudit(deps.storage.db, filter) : [];
      const ctx = pageContext(request, reply, deps.config);
      const format = new Intl.DateTimeFormat(ctx.language, { dateStyle: 'medium', timeStyle: 'medium', timeZone: deps.config.timeZone });
      return sendPage(reply, <AuditView ctx={ctx} form={form} invalid={filter === null} rows={rows} formatTime={(ms) => format.format(ms)} />, filter ? 200 : 400);
    },
  };
}

interface ViewProps {
  ctx: PageContext;
  form: AuditForm;
  invalid: boolean;
  rows: AuditRow[];
  formatTime: (ms: number) => string;
}

function AuditView({ ctx, form, invalid, rows, formatTime }: ViewProps) {
  const t = ctx.t.consoleQueues.audit;
  return (
    <Layout ctx={ctx} title={invalid ? ctx.t.wizard.errorTitle(t.title) : t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.intro}</p>
      {invalid ? (
        <p class="notice notice--error" role="alert">
          {t.invalidFilter}
        </p>
      ) : null}
      <form method="get" action="/admin/audit" class="form">
        <Input id="employeeId" label={t.employeeLabel} value={form.employeeId} inputMode="numeric" />
        <Input id="event" label={t.eventLabel} value={form.event} />
        <Input id="from" label={t.fromLabel} value={form.from} />
        <Input id="to" label={t.toLabel} value={form.to} />
        <button type="submit" class="button button--primary">
          {t.search}
        </button>
      </form>
      {!invalid && rows.length === 0 ? <p>{t.empty}</p> : null}
      {rows.length > 0 ? (
        <div class="table-scroll">
          <table>
            <caption>{t.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.time}</th>
                <th scope="col">{t.event}</th>
                <th scope="col">{t.outcome}</th>
                <th scope="col">{t.actor}</th>
                <th scope="col">{t.subject}</th>
                <th scope="col">{t.ip}</th>
                <th scope="col">{t.detail}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <time dateTime={new Date(row.at).toISOString()}>{formatTime(row.at)}</time>
                  </td>
                  <td>{row.event}</td>
                  <td>{row.outcome}</td>
                  <td>{row.actorId ?? ''}</td>
                  <td>{row.subjectId ?? ''}</td>
                  <td>{row.ip ?? ''}</td>
                  <td>{row.detail ? JSON.stringify(row.detail) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Layout>
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
