import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { pageContext } from '../../app/request-context.js';
import { sendPage } from '../../app/render-page.js';
import { countConsoleSummary } from '../../storage/repositories/console-summary.js';
import { ConsoleSummaryPage } from '../views/summary-page.js';

// GET /admin: the help desk's work is the queue (HELP-3); admins and HR open on a summary.

const RECENT_IMPORT_DAYS = 7;

export async function showConsoleHome(deps: AppDeps, request: FastifyRequest, reply: FastifyReply) {
  const roles = request.signedIn?.profile.roles ?? [];
  const admin = roles.includes('admin');
  if (!admin && !roles.includes('hr')) return reply.redirect('/admin/help-requests', 303);
  const now = deps.clock.now();
  const counts = await countConsoleSummary(deps.storage.db, now, now - RECENT_IMPORT_DAYS * 24 * 3600 * 1000);
  const sees = { helpdesk: admin || roles.includes('helpdesk'), hr: admin || roles.includes('hr'), admin };
  return sendPage(reply, <ConsoleSummaryPage ctx={pageContext(request, reply, deps.config)} counts={counts} timeZone={deps.config.timeZone} sees={sees} config={deps.config} />);
}
