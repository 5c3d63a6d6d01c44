import type { PageContext } from '../../../web/page-context.js';
import type { EmployeeDetail } from '../search.js';
import { ConsoleTime } from '../../views/console-time.js';
import { eventWords, outcomeWords } from '../../audit/event-words.js';

// The account page's sessions and recent audit events (HELP-6: an agent's view of one employee's
// audit), as tables that stack into labelled rows on a narrow screen.

export function AccountSessions({ ctx, detail, timeZone }: { ctx: PageContext; detail: EmployeeDetail; timeZone: string }) {
  const c = ctx.t.console;
  const sessions = detail.state.sessions;
  const cols = c.sessionColumns;
  return (
    <section aria-labelledby="sessions-heading" class="console-section">
      <h2 id="sessions-heading">{c.sessionsHeading(sessions.length)}</h2>
      {sessions.length === 0 ? (
        <p>{c.noSessions}</p>
      ) : (
        <table class="table stack-table">
          <thead>
            <tr>
              <th scope="col">{cols.started}</th>
              <th scope="col">{cols.lastSeen}</th>
              <th scope="col">{cols.ip}</th>
              <th scope="col">{cols.device}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session, index) => (
              <tr key={index}>
                <td data-label={cols.started}>
                  <ConsoleTime at={session.createdAt} language={ctx.language} timeZone={timeZone} />
                </td>
                <td data-label={cols.lastSeen}>
                  <ConsoleTime at={session.lastSeenAt} language={ctx.language} timeZone={timeZone} />
                </td>
                <td data-label={cols.ip}>{session.ip}</td>
                <td data-label={cols.device} class="long-text">
                  {session.userAgent}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function AccountAudit({ ctx, detail, timeZone }: { ctx: PageContext; detail: EmployeeDetail; timeZone: string }) {
  const c = ctx.t.console;
  const cols = c.auditColumns;
  const employeeId = detail.state.employeeId;
  return (
    <section aria-labelledby="audit-heading" class="console-section">
      <h2 id="audit-heading">{c.auditHeading}</h2>
      {detail.audit.length === 0 ? (
        <p>{c.noAudit}</p>
      ) : (
        <table class="table stack-table">
          <thead>
            <tr>
              <th scope="col">{cols.time}</th>
              <th scope="col">{cols.event}</th>
              <th scope="col">{cols.outcome}</th>
              <th scope="col">{cols.actor}</th>
              <th scope="col">{cols.reason}</th>
            </tr>
          </thead>
          <tbody>
            {detail.audit.map((row) => (
              <tr key={row.id}>
                <td data-label={cols.time}>
                  <ConsoleTime at={row.at} language={ctx.language} timeZone={timeZone} />
                </td>
                <td data-label={cols.event}>{eventWords(ctx.t, row.event)}</td>
                <td data-label={cols.outcome}>{outcomeWords(ctx.t, row.outcome)}</td>
                <td data-label={cols.actor}>{row.actorId ?? c.none}</td>
                <td data-label={cols.reason}>{typeof row.detail?.reason === 'string' ? row.detail.reason : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={`/admin/audit?employeeId=${employeeId}`}>{c.fullAudit}</a>
      </p>
    </section>
  );
}
