import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app/deps.js';
import { pageContext } from '../../app/request-context.js';
import { sendPage } from '../../web/render.js';
import { Layout } from '../../web/layout.js';
import type { PageContext } from '../../web/page-context.js';
import type { Profile } from '../../storage/repositories/accounts.js';

export function createHomePages(deps: AppDeps) {
  return {
    /** GET /home (HOME-1: greeting; the panels arrive with the homepage modules). */
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const profile = request.signedIn?.profile;
      if (!profile) return reply.redirect('/login', 303);
      return sendPage(reply, <HomeView ctx={pageContext(request, reply, deps.config)} profile={profile} />);
    },
  };
}

function HomeView({ ctx, profile }: { ctx: PageContext; profile: Profile }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.home.title}>
      <section class="welcome" aria-labelledby="home-heading">
        <h1 id="home-heading">{t.home.greeting(profile.givenName)}</h1>
        <p class="lead">{t.home.intro}</p>
      </section>
      <section class="card" aria-labelledby="account-heading">
        <h2 id="account-heading">{t.home.profile}</h2>
        <dl class="facts">
          <div>
            <dt>{t.home.employeeId}</dt>
            <dd>{profile.employeeId}</dd>
          </div>
          <div>
            <dt>{t.home.email}</dt>
            <dd>{profile.email ?? t.home.notSet}</dd>
          </div>
        </dl>
      </section>
    </Layout>
  );
}
