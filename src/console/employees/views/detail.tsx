import type { ComponentChildren } from 'preact';
import { ShownOnce } from '../../views/shown-once.js';
import { ErrorSummary } from '../../../web/components/error-summary.js';
import type { PageContext } from '../../../web/page-context.js';
import type { EmployeeDetail } from '../search.js';
import { ConsoleLayout } from './console-layout.js';
import { StateSummary } from './state-summary.js';
import { VerifyCallerPanel } from './verify-caller-panel.js';
import type { CallerPanelFacts } from '../../helpdesk/verify-caller.js';
import { ActionForm, CallerProofFields, RoleFields, type ActionFailure } from './action-form.js';
import { AccountAudit, AccountPasskeys, AccountSessions } from './account-activity.js';
import { formatConsoleTime } from '../../views/console-time.js';

// HELP-3: one employee's account on one page. It answers "what is wrong and what may I do" first,
// then the actions grouped: unlock; verify the caller (HELP-7); the destructive ones, each behind a
// confirmation page; roles for admins. Everything from the roster or the audit log is escaped text.

export type { ActionFailure } from './action-form.js';

interface DetailProps {
  ctx: PageContext;
  detail: EmployeeDetail;
  callerPanel: CallerPanelFacts;
  timeZone: string;
  canChangeRoles: boolean;
  done: string | null;
  failure: ActionFailure | null;
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function EmployeeDetailPage({ ctx, detail, callerPanel, timeZone, canChangeRoles, done, failure }: DetailProps) {
  const { t } = ctx;
  const c = t.console;
  const s = detail.state;
  const name = `${s.givenName} ${s.familyName}`;
  const time = (at: number) => formatConsoleTime(at, ctx.language, timeZone);
  const base = `/admin/employees/${s.employeeId}`;
  return (
    <ConsoleLayout ctx={ctx} title={c.detailTitle(name)} failed={failure !== null} done={done}>
      {failure ? <ErrorSummary ctx={ctx} errors={failure.errors} /> : null}
      <StateSummary ctx={ctx} detail={detail} timeZone={timeZone} />
      {s.hasAccount ? (
        <>
          <section class="console-panel" aria-labelledby="access-heading">
            <h2 id="access-heading">{c.groups.access}</h2>
            <ActionForm ctx={ctx} action="unlock" href={`${base}/unlock`} text={c.actions.unlock} failure={failure} />
          </section>
          <VerifyCallerPanel ctx={ctx} employeeId={s.employeeId} facts={callerPanel} timeZone={timeZone} failure={failure} />
          <section class="console-panel danger-zone" aria-labelledby="danger-heading">
            <h2 id="danger-heading">{c.groups.danger}</h2>
            <p>{c.groups.dangerIntro}</p>
            <div class="action-grid">
              <ActionForm ctx={ctx} action="pin" href={`${base}/pin`} text={c.actions.pin} failure={failure} danger>
                <CallerProofFields ctx={ctx} action="pin" failure={failure} />
              </ActionForm>
              <ActionForm ctx={ctx} action="reset-mfa" href={`${base}/reset-mfa`} text={c.actions.resetMfa} failure={failure} danger>
                <CallerProofFields ctx={ctx} action="reset-mfa" failure={failure} />
              </ActionForm>
              <ActionForm ctx={ctx} action="end-sessions" href={`${base}/end-sessions`} text={c.actions.endSessions} failure={failure} danger />
            </div>
          </section>
          {canChangeRoles ? (
            <section class="console-panel" aria-labelledby="roles-heading">
              <h2 id="roles-heading">{c.groups.roles}</h2>
              <ActionForm ctx={ctx} action="roles" href={`${base}/roles`} text={c.actions.roles} failure={failure}>
                <RoleFields ctx={ctx} failure={failure?.action === 'roles' ? failure : null} />
              </ActionForm>
            </section>
          ) : null}
        </>
      ) : null}
      <section aria-labelledby="roster-heading" class="console-section">
        <h2 id="roster-heading">{c.rosterHeading}</h2>
        <dl class="facts">
          <Fact label={c.facts.employeeId}>{s.employeeId}</Fact>
          <Fact label={c.facts.name}>{name}</Fact>
          <Fact label={c.facts.country}>{s.country}</Fact>
          <Fact label={c.facts.status}>{c.statusNames[s.status] ?? s.status}</Fact>
          {s.separationDate ? <Fact label={c.facts.separationDate}>{s.separationDate}</Fact> : null}
          <Fact label={c.facts.eligible}>{detail.eligible ? c.yes : c.no}</Fact>
          <Fact label={c.facts.registered}>{!s.hasAccount ? c.noAccount : s.registeredAt !== null ? c.since(time(s.registeredAt)) : c.no}</Fact>
          <Fact label={c.facts.temporaryLock}>{s.lockedUntil !== null ? c.lockedUntil(time(s.lockedUntil), s.failures) : c.failedAttempts(s.failures)}</Fact>
          <Fact label={c.facts.helpdeskLock}>{s.helpdeskLockedAt !== null ? c.since(time(s.helpdeskLockedAt)) : c.no}</Fact>
          <Fact label={c.facts.disabled}>{s.disabledAt !== null ? c.since(time(s.disabledAt)) : c.no}</Fact>
          <Fact label={c.facts.mfa}>{c.mfaMethods[s.mfa] ?? s.mfa}</Fact>
          <Fact label={c.facts.roles}>{s.roles.length > 0 ? s.roles.map((role) => c.roleNames[role] ?? role).join(', ') : c.none}</Fact>
        </dl>
      </section>
      <AccountPasskeys ctx={ctx} detail={detail} timeZone={timeZone} />
      <AccountSessions ctx={ctx} detail={detail} timeZone={timeZone} />
      <AccountAudit ctx={ctx} detail={detail} timeZone={timeZone} />
    </ConsoleLayout>
  );
}

export function PinIssuedPage({ ctx, employeeId, name, pin, expiresAt, timeZone }: { ctx: PageContext; employeeId: string; name: string; pin: string; expiresAt: number; timeZone: string }) {
  const c = ctx.t.console;
  return (
    <ConsoleLayout ctx={ctx} title={c.pinTitle}>
      <p class="lead">{c.pinIntro(name, formatConsoleTime(expiresAt, ctx.language, timeZone))}</p>
      <ShownOnce values={[[c.pinLabel, pin]]} once={c.pinOnce}>
        <a href={`/admin/employees/${employeeId}`}>{c.backToEmployee}</a>
      </ShownOnce>
    </ConsoleLayout>
  );
}
