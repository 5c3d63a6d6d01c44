import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../core/deps.js';
import { requestMeta, signedInOf } from '../app/request-context.js';
import { sendPage } from '../app/render-page.js';
import { profilePageContext } from '../flows/settings/pages.js';
import { formText, type FormBody } from '../web/form-body.js';
import { disconnectApp, listConnectedApps } from './connected-apps.js';
import { AppsPage } from './views/apps.js';

// IDP-5 as pages: `/profile/apps` lists the connected applications; "Disconnect" ends one.

export function createAppsPages(deps: AppDeps) {
  const { config } = deps;
  return {
    /** GET /profile/apps */
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const ctx = profilePageContext(request, reply, config);
      const apps = await listConnectedApps(deps, signedInOf(request).profile.employeeId);
      const done = (request.query as Record<string, unknown>).done === 'disconnected' ? ctx.t.idp.apps.disconnected : null;
      return sendPage(reply, <AppsPage ctx={ctx} apps={apps} timeZone={config.timeZone} done={done} />);
    },
    /** POST /profile/apps/disconnect */
    disconnect: async (request: FastifyRequest<{ Body: FormBody }>, reply: FastifyReply) => {
      await disconnectApp(deps, signedInOf(request).profile.employeeId, formText(request.body, 'clientId', 100), requestMeta(request));
      return reply.redirect('/profile/apps?done=disconnected', 303);
    },
  };
}
