import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../web/page-context.js';
import { ROLES } from '../../../storage/repositories/roles.js';
import type { EmployeeDetail } from '../search.js';
import type { EmployeeAction } from '../actions.js';
import { ConsoleLayout } from './console-layout.js';
import { formatMoment } from '../../../web/i18n.js';

// HELP-3: one employee's account on one page, with one small form per action (HELP-5: each asks
// for a reason). Everything from the roster or the audit log is text, escaped by preact.

export interface ActionFailure {
  action: EmployeeAction;
  /** Problems by form field name. */
  fields: Record<string, string>;
  message: string;
  reason: string;
}

interface DetailProps {
  ctx: PageContext;
  detail: EmployeeDetail;
  timeZone: string;
  canChangeRoles: boolean;
  done: string | null;
  failure: ActionFailure | null;
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function EmployeeDetailPage({ ctx, detail, timeZone, canChangeRoles, done, failure }: DetailProps) {
  const { t } = ctx;
  const c = t.console;
  const s = detail.state;
  const name = `${s.givenName} ${s.familyName}`;
  const time = (at: number) => formatMoment(at, ctx.language, timeZone);
  const yesNo = (value: boolean) => (value ? c.yes : c.no);
  const base = `/admin/employees/${s.employeeId}`;
  return (
    <ConsoleLayout ctx={ctx} title={c.detailTitle(name)} failed={failure !== null} done={done}>
      {failure ? (
        <div class="error-summary notice notice--error" role="alert">
          <h2>{t.wizard.errorSummary}</h2>
          <ul>
            {Object.keys(failure.fields).length > 0 ? (
              Object.entries(failure.fields).map(([field, message]) => (
                <li key={field}>
                  <a href={`#${failure.action}-${field}`}>{message}</a>
                </li>
              ))
            ) : (
              <li>{failure.message}</li>
            )}
          </ul>
        </div>
      ) : null}
      <section aria-labelledby="roster-heading">
        <h2 id="roster-heading">{c.rosterHeading}</h2>
        <dl class="facts">
          <Fact label={c.facts.employeeId}>{s.employeeId}</Fact>
          <Fact label={c.facts.name}>{name}</Fact>
          <Fact label={c.facts.country}>{s.country}</Fact>
          <Fact label={c.facts.status}>{s.status}</Fact>
          {s.separationDate ? <Fact label={c.facts.separationDate}>{s.separationDate}</Fact> : null}
          <Fact label={c.facts.eligible}>{yesNo(detail.eligible)}</Fact>
          <Fact label={c.facts.registered}>{!s.hasAccount ? c.noAccount : s.registeredAt !== null ? c.since(time(s.registeredAt)) : c.no}</Fact>
          <Fact label={c.facts.temporaryLock}>{s.lockedUntil !== null ? c.lockedUntil(time(s.lockedUntil), s.failures) : c.failedAttempts(s.failures)}</Fact>
          <Fact label={c.facts.helpdeskLock}>{s.helpdeskLockedAt !== null ? c.since(time(s.helpdeskLockedAt)) : c.no}</Fact>
          <Fact label={c.facts.disabled}>{s.disabledAt !== null ? c.since(time(s.disabledAt)) : c.no}</Fact>
          <Fact label={c.facts.mfa}>{c.mfaMethods[s.mfa] ?? s.mfa}</Fact>
          <Fact label={c.facts.roles}>{s.roles.length > 0 ? s.roles.map((role) => c.roleNames[role] ?? role).join(', ') : c.none}</Fact>
        </dl>
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{c.sessionsHeading(s.sessions.length)}</h2>
        {s.sessions.length === 0 ? (
          <p>{c.noSessions}</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{c.sessionColumns.started}</th>
                <th scope="col">{c.sessionColumns.lastSeen}</th>
                <th scope="col">{c.sessionColumns.ip}</th>
                <th scope="col">{c.sessionColumns.device}</th>
              </tr>
            </thead>
            <tbody>
              {s.sessions.map((session, index) => (
                <tr key={index}>
                  <td>{time(session.createdAt)}</td>
                  <td>{time(session.lastSeenAt)}</td>
                  <td>{session.ip}</td>
                  <td>{session.userAgent}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">{c.auditHeading}</h2>
        {detail.audit.length === 0 ? (
          <p>{c.noAudit}</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{c.auditColumns.time}</th>
                <th scope="col">{c.auditColumns.event}</th>
                <th scope="col">{c.auditColumns.outcome}</th>
                <th scope="col">{c.auditColumns.actor}</th>
                <th scope="col">{c.auditColumns.reason}</th>
              </tr>
            </thead>
            <tbody>
              {detail.audit.map((row) => (
                <tr key={row.id}>
                  <td>{time(row.at)}</td>
                  <td>{row.event}</td>
                  <td>{row.outcome}</td>
                  <td>{row.actorId ?? ''}</td>
                  <td>{typeof row.detail?.reason === 'string' ? row.detail.reason : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {s.hasAccount ? (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">{c.actionsHeading}</h2>
          <ActionForm ctx={ctx} action="unlock" href={`${base}/unlock`} text={c.actions.unlock} failure={failure} />
          <ActionForm ctx={ctx} action="pin" href={`${base}/pin`} text={c.actions.pin} failure={failure} />
          <ActionForm ctx={ctx} action="reset-mfa" href={`${base}/reset-mfa`} text={c.actions.resetMfa} failure={failure} />
          <ActionForm ctx={ctx} action="end-sessions" href={`${base}/end-sessions`} text={c.actions.endSessions} failure={failure} />
          {canChangeRoles ? (
            <ActionForm ctx={ctx} action="roles" href={`${base}/roles`} text={c.actions.roles} failure={failure}>
              <RoleFields ctx={ctx} failure={failure?.action === 'roles' ? failure : null} />
            </ActionForm>
          ) : null}
        </section>
      ) : null}
    </ConsoleLayout>
  );
}

interface ActionFormProps {
  ctx: PageContext;
  action: EmployeeAction;
  href: string;
  text: { title: string; intro: string; submit: string };
  failure: ActionFailure | null;
  children?: ComponentChildren;
}

function ActionForm({ ctx, action, href, text, failure, children }: ActionFormProps) {
  const c = ctx.t.console;
  const mine = failure?.action === action ? failure : null;
  const id = `${action}-reason`;
  const error = mine?.fields.reason;
  return (
    <form method="post" action={href} class="form" novalidate aria-labelledby={`${action}-title`}>
      <h3 id={`${action}-title`}>{text.title}</h3>
      <p>{text.intro}</p>
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
      <button type="submit" class="button button--primary">
        {text.submit}
      </button>
    </form>
  );
}

function RoleFields({ ctx, failure }: { ctx: PageContext; failure: ActionFailure | null }) {
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

export function PinIssuedPage({ ctx, employeeId, name, pin, expiresAt, timeZone }: { ctx: PageContext; employeeId: string; name: string; pin: string; expiresAt: number; timeZone: string }) {
  const c = ctx.t.console;
  return (
    <ConsoleLayout ctx={ctx} title={c.pinTitle}>
      <p class="lead">{c.pinIntro(name, formatMoment(expiresAt, ctx.language, timeZone))}</p>
      <dl class="facts">
        <dt>{c.pinLabel}</dt>
        <dd>
          <output class="pin">{pin}</output>
        </dd>
      </dl>
      <p class="notice">{c.pinOnce}</p>
      <p>
        <a href={`/admin/employees/${employeeId}`}>{c.backToEmployee}</a>
      </p>
    </ConsoleLayout>
  );
}
