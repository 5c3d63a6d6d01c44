import type { PageContext } from '../../../web/page-context.js';
import type { EmployeeDetail } from '../search.js';
import { StateBadges, type BadgeState } from '../../views/state-badges.js';
import { formatConsoleTime } from '../../views/console-time.js';
import { formatDate } from '../../../web/i18n.js';

// The top of the account page: the badges, what is wrong, and what the agent may do about it.

export function badgeStateOf(detail: EmployeeDetail): BadgeState {
  const s = detail.state;
  return {
    hasAccount: s.hasAccount,
    registered: s.registeredAt !== null,
    locked: s.lockedUntil !== null,
    helpdeskLocked: s.helpdeskLockedAt !== null,
    disabled: s.disabledAt !== null,
    mfa: s.mfa,
    eligible: detail.eligible,
  };
}

export function StateSummary({ ctx, detail, timeZone }: { ctx: PageContext; detail: EmployeeDetail; timeZone: string }) {
  const w = ctx.t.console.state;
  const s = detail.state;
  const time = (at: number) => formatConsoleTime(at, ctx.language, timeZone);
  const wrong: string[] = [];
  const may: { href: string; text: string }[] = [];
  if (!s.hasAccount) wrong.push(w.noAccount);
  if (!detail.eligible) wrong.push(detail.accessEndedOn ? w.notEligibleSince(formatDate(detail.accessEndedOn, ctx.language)) : w.notEligible);
  if (s.disabledAt !== null) wrong.push(w.disabled(time(s.disabledAt)));
  if (s.helpdeskLockedAt !== null) wrong.push(w.helpdeskLocked(time(s.helpdeskLockedAt)));
  if (s.lockedUntil !== null) wrong.push(w.locked(time(s.lockedUntil), s.failures));
  if (s.hasAccount && s.registeredAt === null) wrong.push(w.notRegistered);
  if (s.hasAccount && s.mfa === 'off') wrong.push(w.noMfa);
  if (s.hasAccount && (s.helpdeskLockedAt !== null || s.lockedUntil !== null)) may.push({ href: '#unlock-title', text: w.mayUnlock });
  if (s.hasAccount) may.push({ href: '#verify-caller-heading', text: w.mayVerify });
  if (s.hasAccount && s.registeredAt === null) may.push({ href: '#pin-title', text: w.mayPin });
  return (
    <section class="state-summary" aria-labelledby="state-heading">
      <h2 id="state-heading">{w.heading}</h2>
      <StateBadges ctx={ctx} state={badgeStateOf(detail)} />
      <div class="state-summary__columns">
        <div>
          <h3>{w.wrongHeading}</h3>
          {wrong.length === 0 ? (
            <p>{w.nothingWrong}</p>
          ) : (
            <ul>
              {wrong.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{w.mayHeading}</h3>
          {may.length === 0 ? (
            <p>{w.nothingToDo}</p>
          ) : (
            <ul>
              {may.map((item) => (
                <li key={item.href}>
                  <a href={item.href}>{item.text}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
