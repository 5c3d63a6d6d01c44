import type { Task } from '../../storage/repositories/content/tasks.js';
import { PostForm } from '../../web/components/post-form.js';
import { formatDate } from '../../web/i18n.js';
import type { PageContext } from '../../web/page-context.js';
import { inReaderLanguage, langAttribute } from '../../web/reader-language.js';
import { InLanguage } from '../../web/components/in-language.js';
import { PortalPage, formatDay } from '../portal-page.js';
import { isOverdue } from './task-state.js';

// HOME-1/2: tasks with their due date, "Overdue" written out (not shown by colour alone), and a
// form button to mark each done or undo it. HR's texts are in the reader's language (else English,
// then marked with `lang`). Used by the task page and the homepage panel.

interface TaskRowProps {
  ctx: PageContext;
  task: Task;
  today: string;
  timeZone: string;
  /** The homepage: the form comes back there, and descriptions are left to the task page. */
  onHome?: boolean;
}

export function TaskRow({ ctx, task: stored, today, timeZone, onHome = false }: TaskRowProps) {
  const p = ctx.t.portal.tasks;
  const task = inReaderLanguage(stored, ctx.language);
  const lang = langAttribute(task.language, ctx.language);
  const done = task.doneAt !== null;
  const overdue = isOverdue(task, today);
  const titleId = `task-${task.id}`;
  return (
    <li class={`task${overdue ? ' task--overdue' : ''}${done ? ' task--done' : ''}`}>
      <div class="task__text">
        <h3 class="task__title" id={titleId}>
          <InLanguage text={task.title} language={task.language} page={ctx.language} />
          {overdue ? (
            <>
              {' '}
              <strong class="badge badge--overdue">{p.overdue}</strong>
            </>
          ) : null}
        </h3>
        {task.description && !onHome ? (
          <p class="pre-line" lang={lang}>
            {task.description}
          </p>
        ) : null}
        {task.dueOn || done ? (
          <p class="meta">
            {task.dueOn ? p.due(formatDate(task.dueOn, ctx.language)) : null}
            {task.dueOn && done ? ' · ' : null}
            {task.doneAt !== null ? p.doneOn(formatDay(task.doneAt, ctx.language, timeZone)) : null}
          </p>
        ) : null}
      </div>
      <PostForm ctx={ctx} action={`/tasks/${task.id}/${done ? 'undo' : 'done'}`} class="task__action">
        {onHome ? <input type="hidden" name="returnTo" value="/home" /> : null}
        <button type="submit" class={done ? 'button' : 'button button--primary'} aria-describedby={titleId}>
          {done ? p.undo : p.markDone}
        </button>
      </PostForm>
    </li>
  );
}

interface TasksPageProps {
  ctx: PageContext;
  tasks: Task[];
  today: string;
  timeZone: string;
  notice: string | null;
}

/** GET /tasks: open tasks (earliest due, so overdue, first), then done ones. */
export function TasksPage({ ctx, tasks, today, timeZone, notice }: TasksPageProps) {
  const p = ctx.t.portal.tasks;
  const open = tasks.filter((task) => task.doneAt === null);
  const done = tasks.filter((task) => task.doneAt !== null);
  const list = (items: Task[]) => (
    <ul class="task-list">
      {items.map((task) => (
        <TaskRow key={task.id} ctx={ctx} task={task} today={today} timeZone={timeZone} />
      ))}
    </ul>
  );
  return (
    <PortalPage ctx={ctx} title={p.title} intro={p.intro} notice={notice}>
      <section class="card" aria-labelledby="tasks-open">
        <h2 id="tasks-open">{p.open}</h2>
        {open.length === 0 ? <p>{p.noneOpen}</p> : list(open)}
      </section>
      <section class="card" aria-labelledby="tasks-done">
        <h2 id="tasks-done">{p.done}</h2>
        {done.length === 0 ? <p>{p.noneDone}</p> : list(done)}
      </section>
    </PortalPage>
  );
}
