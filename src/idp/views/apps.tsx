import type { ProfileContext } from '../../flows/settings/views/profile-layout.js';
import { ProfileLayout } from '../../flows/settings/views/profile-layout.js';
import { PostForm } from '../../web/components/post-form.js';
import { StackTable } from '../../web/components/stack-table.js';
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
          <StackTable
            caption={a.caption}
            columns={[a.name, a.knows, a.since, a.action]}
            rows={apps.map((app, index) => ({
              key: app.clientId,
              cells: [
                <strong id={`app-${index}`}>{app.name}</strong>,
                <ul>
                  {SCOPES_SHOWN.filter((scope) => app.scopes.includes(scope)).map((scope) => (
                    <li key={scope}>{ctx.t.idp.scopes[scope]}</li>
                  ))}
                </ul>,
                formatMoment(app.since, ctx.language, timeZone),
                <PostForm ctx={ctx} action="/profile/apps/disconnect" class="inline-form">
                  <input type="hidden" name="clientId" value={app.clientId} />
                  <button type="submit" class="button" aria-describedby={`app-${index}`}>
                    {a.disconnect}
                  </button>
                </PostForm>,
              ],
            }))}
          />
        )}
      </section>
    </ProfileLayout>
  );
}
