import type { Task } from '../../storage/repositories/content/tasks.js';
import { isoMoment } from '../portal-request.js';

// HOME-1/2: a task is overdue when it is still open after its due date (company calendar date).

export function isOverdue(task: Task, today: string): boolean {
  return task.doneAt === null && task.dueOn !== null && task.dueOn < today;
}

/** A task as the JSON API shows it (SPEC §14.2). */
export function taskJson(task: Task, today: string) {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    dueOn: task.dueOn,
    overdue: isOverdue(task, today),
    done: task.doneAt !== null,
    doneAt: isoMoment(task.doneAt),
  };
}
