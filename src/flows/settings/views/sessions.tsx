import type { ProfileContext } from './profile-layout.js';
import { PostForm } from '../../../web/components/post-form.js';
import type { SessionView } from '../sessions.js';
import { deviceText } from './format.js';
import { formatMoment } from '../../../web/i18n.js';
import { ProfileLayout } from './profile-layout.js';

export interface SessionsPageProps {
  ctx: ProfileContext;
  sessions: SessionView[];
  timeZone: string;
  done: string | null;
}

/** SESS-4: every live session with its device, IP address, start and last activity, each with "End session". */
export function SessionsPage({ ctx, sessions, timeZone, done }: SessionsPageProps) {
  const s = ctx.t.profile.sessions;
  const when = (ms: number) => formatMoment(ms, ctx.language, timeZone);
  return (
    <ProfileLayout ctx={ctx} page="sessions" title={s.title} intro={s.intro} done={done}>
      <section class="card" aria-label={s.caption}>
        {sessions.length === 0 ? <p>{s.none}</p> : null}
        <table class="data-table">
          <caption>{s.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{s.device}</th>
              <th scope="col">{s.ip}</th>
              <th scope="col">{s.started}</th>
              <th scope="col">{s.lastSeen}</th>
              <th scope="col">{s.action}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id} aria-current={session.current ? 'true' : undefined}>
                <th scope="row" id={`session-${session.id}`}>
                  {deviceText(ctx.t, session.device)}
                  {session.current ? (
                    <>
                      {' '}
                      <strong>({s.thisDevice})</strong>
                    </>
                  ) : null}
                </th>
                <td data-label={s.ip}>{session.ip}</td>
                <td data-label={s.started}>{when(session.startedAt)}</td>
                <td data-label={s.lastSeen}>{when(session.lastSeenAt)}</td>
                <td>
                  <PostForm ctx={ctx} action="/profile/sessions/end" class="inline-form">
                    <input type="hidden" name="session" value={session.id} />
                    <button
                      type="submit"
                      class="button"
                      aria-describedby={session.current ? `session-${session.id} session-current-hint` : `session-${session.id}`}
                    >
                      {s.end}
                    </button>
                  </PostForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="hint" id="session-current-hint">
          {s.endCurrentHint}
        </p>
      </section>
    </ProfileLayout>
  );
}
