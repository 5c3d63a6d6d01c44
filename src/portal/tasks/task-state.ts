import type { Task } from '../../storage/repositories/content/tasks.js';
import { inReaderLanguage } from '../../web/reader-language.js';
import { isoMoment } from '../portal-request.js';

// HOME-1/2: a task is overdue when it is still open after its due date (company calendar date).

export function isOverdue(task: Task, today: string): boolean {
  return task.doneAt === null && task.dueOn !== null && task.dueOn < today;
}

/** A task as the JSON API shows it (SPEC §14.2): its texts in `language`, else English, and which it is. */
export function taskJson(stored: Task, today: string, language: string) {
  const task = inReaderLanguage(stored, language);
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    language: task.language,
    dueOn: task.dueOn,
    overdue: isOverdue(task, today),
    done: task.doneAt !== null,
    doneAt: isoMoment(task.doneAt),
  };
}
