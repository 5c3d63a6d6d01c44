import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { findTaskFor, listTasksFor, markTaskDone, reopenTask, type Task } from '../../storage/repositories/content/tasks.js';
import { IdParams, audienceOf, companyToday } from '../portal-request.js';
import { profileOf } from '../../app/request-context.js';
import { taskJson } from './task-state.js';

// HOME-2 as JSON (SPEC §14.2): the employee's tasks, open first (overdue ones first among them), in
// the request's language (else English; `language` says which).
// Every read and change is for the signed-in employee: a task that is not theirs is 404, like a missing one.

export const taskSchemas = { task: { params: IdParams } };

/** Marks done or reopens the employee's task and returns it; 404 when it is not theirs. */
export async function changeTask(deps: AppDeps, request: FastifyRequest, id: number, done: boolean): Promise<Task> {
  const audience = audienceOf(profileOf(request));
  const db = deps.storage.db;
  const changed = done ? await markTaskDone(db, id, audience, deps.clock.now()) : await reopenTask(db, id, audience);
  const task = changed ? await findTaskFor(db, id, audience) : undefined;
  if (!task) throw new AppError('NOT_FOUND', 'notFound');
  return task;
}

export function createTasksApi(deps: AppDeps) {
  return {
    /** GET /api/v1/tasks */
    list: async (request: FastifyRequest) => {
      const tasks = await listTasksFor(deps.storage.db, audienceOf(profileOf(request)), { openOnly: false });
      const today = companyToday(deps);
      return { items: tasks.map((task) => taskJson(task, today, request.language)) };
    },
    /** POST /api/v1/tasks/:id/done (again is harmless) */
    done: async (request: FastifyRequest<{ Params: IdParams }>) => taskJson(await changeTask(deps, request, Number(request.params.id), true), companyToday(deps), request.language),
    /** DELETE /api/v1/tasks/:id/done: undo */
    undo: async (request: FastifyRequest<{ Params: IdParams }>) => taskJson(await changeTask(deps, request, Number(request.params.id), false), companyToday(deps), request.language),
  };
}
