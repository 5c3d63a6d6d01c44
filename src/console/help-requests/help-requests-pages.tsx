import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { formErrorsFor } from '../../app/form-errors.js';
import { pageContext, requestMeta } from '../../app/request-context.js';
import type { FormErrors } from '../../web/components/form-errors.js';
import { formText, UNCUT, type FormBody } from '../../web/form-body.js';
import { formatConsoleTime } from '../views/console-time.js';
import { HelpQueueView } from './views/help-queue-view.js';
import { sendPage } from '../../app/render-page.js';
import { closeHelpQueueItem, listHelpQueue } from './help-queue.js';

// HELP-3: the help desk queue page, `/admin/help-requests`, with a close form (reason and note) per request.

const REFERENCE = /^HR-\d{4}-\d{6}$/;

export function createHelpRequestPages(deps: AppDeps) {
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    failed: { id: number; errors: FormErrors; reason: string; note: string } | null = null,
  ) => {
    const ctx = pageContext(request, reply, deps.config);
    const closed = (request.query as { closed?: unknown } | undefined)?.closed;
    const items = await listHelpQueue(deps);
    return sendPage(
      reply,
      <HelpQueueView
        ctx={ctx}
        items={items}
        closed={typeof closed === 'string' && REFERENCE.test(closed) ? closed : null}
        failed={failed}
        formatTime={(ms) => formatConsoleTime(ms, ctx.language, deps.config.timeZone)}
      />,
      failed ? 400 : 200,
    );
  };
  return {
    show: (request: FastifyRequest, reply: FastifyReply) => show(request, reply),
    /** POST /admin/help-requests/close: closes one request, then back to the queue (303). */
    close: async (request: FastifyRequest<{ Body: FormBody }>, reply: FastifyReply) => {
      const id = Number(formText(request.body, 'id', UNCUT));
      if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND', 'notFound');
      const reason = formText(request.body, 'reason', UNCUT);
      const note = formText(request.body, 'note', UNCUT);
      try {
        const { reference } = await closeHelpQueueItem(deps, { id, reason, note, actorId: request.signedIn!.profile.employeeId }, requestMeta(request));
        return await reply.redirect(`/admin/help-requests?closed=${encodeURIComponent(reference)}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'VALIDATION') throw error;
        const errors = formErrorsFor(error, request.language, [
          ['reason', `reason-${id}`],
          ['note', `note-${id}`],
        ]);
        return show(request, reply, { id, errors, reason, note });
      }
    },
  };
}
