import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { noticeKey, pageContext, profileOf } from '../../app/request-context.js';
import { listTasksFor } from '../../storage/repositories/content/tasks.js';
import { sendPage } from '../../app/render-page.js';
import type { FormBody } from '../../web/form-body.js';
import { audienceOf, companyToday, pageId, returnPath } from '../portal-request.js';
import { changeTask } from './api.js';
import { TasksPage } from './views.js';

// HOME-2: the task page and its "Mark done" / "Undo" forms, which redirect (303) back with a notice.

export const TASK_NOTICES = ['taskDone', 'taskReopened'] as const;

type TaskForm = FastifyRequest<{ Params: { id: string }; Body: FormBody }>;

export function createTasksPages(deps: AppDeps) {
  const change = async (request: TaskForm, reply: FastifyReply, done: boolean) => {
    await changeTask(deps, request, pageId(request.params.id), done);
    return reply.redirect(`${returnPath(request.body, '/tasks')}?done=${done ? 'taskDone' : 'taskReopened'}`, 303);
  };
  return {
    /** GET /tasks */
    list: async (request: FastifyRequest, reply: FastifyReply) => {
      const tasks = await listTasksFor(deps.storage.db, audienceOf(profileOf(request)), { openOnly: false });
      const ctx = pageContext(request, reply, deps.config);
      const notice = noticeKey(request, TASK_NOTICES);
      return sendPage(
        reply,
        <TasksPage ctx={ctx} tasks={tasks} today={companyToday(deps)} timeZone={deps.config.timeZone} notice={notice ? ctx.t.portal.notices[notice] : null} />,
      );
    },
    /** POST /tasks/:id/done */
    done: async (request: TaskForm, reply: FastifyReply) => change(request, reply, true),
    /** POST /tasks/:id/undo */
    undo: async (request: TaskForm, reply: FastifyReply) => change(request, reply, false),
  };
}
