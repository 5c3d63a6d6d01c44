import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app/deps.js';
import { cookieName } from '../../app/cookies.js';
import { pageContext } from '../../app/request-context.js';
import { sendPage } from '../../web/render.js';
import { Layout } from '../../web/layout.js';
import { findFlow } from '../flow-store.js';
import { findProfile } from '../../storage/repositories/accounts.js';

// The wizard's steps (REG-1..7) arrive with the registration issue; this page confirms the PIN
// opened a registration flow and tells the employee what comes next.
export function createRegistrationPages(deps: AppDeps) {
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const flowId = request.cookies[cookieName(deps.config, 'portico_flow')] ?? '';
      const now = deps.clock.now();
      const flow =
        (await findFlow(deps.storage.db, deps.config.secret, flowId, 'registration', now)) ??
        (await findFlow(deps.storage.db, deps.config.secret, flowId, 'set_password', now));
      if (!flow) return reply.redirect('/login', 303);
      const profile = await findProfile(deps.storage.db, flow.employeeId);
      const ctx = pageContext(request, reply, deps.config);
      const { t } = ctx;
      const setPassword = flow.kind === 'set_password';
      return sendPage(
        reply,
        <Layout ctx={ctx} title={t.register.title}>
          <section class="card card--narrow">
            <h1>{setPassword ? t.register.setPasswordHeading : t.register.heading}</h1>
            <p class="lead">{t.register.intro(profile?.givenName ?? '')}</p>
            <p>{setPassword ? t.register.setPasswordIntro : t.register.next}</p>
          </section>
        </Layout>,
      );
    },
  };
}
