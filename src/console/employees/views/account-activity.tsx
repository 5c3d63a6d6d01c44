import type { PageContext } from '../../../web/page-context.js';
import type { EmployeeDetail } from '../search.js';
import { ConsoleTime } from '../../views/console-time.js';
import { eventWords, outcomeWords } from '../../audit/event-words.js';
import { StackTable } from '../../../web/components/stack-table.js';

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
        <StackTable
          columns={[cols.started, cols.lastSeen, cols.ip, { label: cols.device, long: true }]}
          rows={sessions.map((session, index) => ({
            key: index,
            cells: [
              <ConsoleTime at={session.createdAt} language={ctx.language} timeZone={timeZone} />,
              <ConsoleTime at={session.lastSeenAt} language={ctx.language} timeZone={timeZone} />,
              session.ip,
              session.userAgent,
            ],
          }))}
        />
      )}
    </section>
  );
}

/** MFA-7: the employee's passkeys (name, added, last used); the help desk's "reset MFA" removes them. */
export function AccountPasskeys({ ctx, detail, timeZone }: { ctx: PageContext; detail: EmployeeDetail; timeZone: string }) {
  const p = ctx.t.passkeys;
  const passkeys = detail.state.passkeys;
  return (
    <section aria-labelledby="passkeys-heading" class="console-section">
      <h2 id="passkeys-heading">{`${p.title} (${passkeys.length})`}</h2>
      {passkeys.length === 0 ? (
        <p>{ctx.t.console.noPasskeys}</p>
      ) : (
        <StackTable
          columns={[{ label: p.name, long: true }, p.added, p.lastUsed]}
          rows={passkeys.map((passkey, index) => ({
            key: index,
            cells: [
              passkey.name,
              <ConsoleTime at={passkey.createdAt} language={ctx.language} timeZone={timeZone} />,
              passkey.lastUsedAt === null ? p.never : <ConsoleTime at={passkey.lastUsedAt} language={ctx.language} timeZone={timeZone} />,
            ],
          }))}
        />
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
        <StackTable
          columns={[cols.time, cols.event, cols.outcome, cols.actor, cols.reason]}
          rows={detail.audit.map((row) => ({
            key: row.id,
            cells: [
              <ConsoleTime at={row.at} language={ctx.language} timeZone={timeZone} />,
              eventWords(ctx.t, row.event),
              outcomeWords(ctx.t, row.outcome),
              row.actorId ?? c.none,
              typeof row.detail?.reason === 'string' ? row.detail.reason : '',
            ],
          }))}
        />
      )}
      <p>
        <a href={`/admin/audit?employeeId=${employeeId}`}>{c.fullAudit}</a>
      </p>
    </section>
  );
}
