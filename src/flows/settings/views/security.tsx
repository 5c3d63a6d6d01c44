import type { ProfileContext } from './profile-layout.js';
import type { ActivityRow } from '../../../storage/repositories/profile.js';
import { eventText, outcomeText } from './format.js';
import { formatMoment } from '../../../web/i18n.js';
import { ProfileLayout } from './profile-layout.js';

/** PROF-1: recent security activity from the audit log, with the "This wasn't me" way to the help desk. */
export function SecurityPage({ ctx, events, timeZone }: { ctx: ProfileContext; events: ActivityRow[]; timeZone: string }) {
  const s = ctx.t.profile.security;
  return (
    <ProfileLayout ctx={ctx} page="security" title={s.title} intro={s.intro}>
      <section class="card" aria-labelledby="not-me-heading">
        <h2 id="not-me-heading">{s.notMeHeading}</h2>
        <p>{s.notMeHint}</p>
        <p>
          <a href="/help/contact">{s.notMe}</a>
        </p>
      </section>
      <section class="card" aria-label={s.caption}>
        {events.length === 0 ? (
          <p>{s.none}</p>
        ) : (
          <table class="data-table">
            <caption>{s.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{s.time}</th>
                <th scope="col">{s.event}</th>
                <th scope="col">{s.outcome}</th>
                <th scope="col">{s.ip}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event, index) => (
                <tr key={index}>
                  <td data-label={s.time}>{formatMoment(event.at, ctx.language, timeZone)}</td>
                  <td data-label={s.event}>{eventText(ctx.t, event.event)}</td>
                  <td data-label={s.outcome}>{outcomeText(ctx.t, event.outcome)}</td>
                  <td data-label={s.ip}>{event.ip ?? s.unknownIp}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </ProfileLayout>
  );
}
