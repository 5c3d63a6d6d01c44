import type { ProfileContext } from '../../flows/settings/views/profile-layout.js';
import { ProfileLayout } from '../../flows/settings/views/profile-layout.js';
import { PostForm } from '../../web/components/post-form.js';
import { formatMoment } from '../../web/i18n.js';
import type { ConnectedApp } from '../connected-apps.js';
import { SCOPES_SHOWN } from '../consent-view.js';

/** IDP-5: the applications signed in with Portico, what each may know, and "Disconnect". */
export function AppsPage({ ctx, apps, timeZone, done }: { ctx: ProfileContext; apps: ConnectedApp[]; timeZone: string; done: string | null }) {
  const a = ctx.t.idp.apps;
  return (
    <ProfileLayout ctx={ctx} page="apps" title={a.title} intro={a.intro} done={done}>
      <section class="card" aria-label={a.caption}>
        {apps.length === 0 ? (
          <p>{a.none}</p>
        ) : (
          <table class="data-table">
            <caption>{a.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{a.name}</th>
                <th scope="col">{a.knows}</th>
                <th scope="col">{a.since}</th>
                <th scope="col">{a.action}</th>
              </tr>
            </thead>
            <tbody>
              {apps.map((app, index) => (
                <tr key={app.clientId}>
                  <th scope="row" id={`app-${index}`}>
                    {app.name}
                  </th>
                  <td data-label={a.knows}>
                    <ul>
                      {SCOPES_SHOWN.filter((scope) => app.scopes.includes(scope)).map((scope) => (
                        <li key={scope}>{ctx.t.idp.scopes[scope]}</li>
                      ))}
                    </ul>
                  </td>
                  <td data-label={a.since}>{formatMoment(app.since, ctx.language, timeZone)}</td>
                  <td>
                    <PostForm ctx={ctx} action="/profile/apps/disconnect" class="inline-form">
                      <input type="hidden" name="clientId" value={app.clientId} />
                      <button type="submit" class="button" aria-describedby={`app-${index}`}>
                        {a.disconnect}
                      </button>
                    </PostForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </ProfileLayout>
  );
}
