import type { ComponentChildren } from 'preact';
import type { PageContext } from '../page-context.js';
import { PostForm } from './post-form.js';

interface ConfirmActionProps {
  ctx: PageContext;
  action: string;
  /** The id of the heading that asks the question ("End all sessions of …?"), which names the form. */
  questionId?: string;
  consequencesHeading: string;
  /** What confirming does, a line each. */
  consequences: readonly string[];
  /** The fields of the first POST, sent again as they were (PostForm adds the CSRF token). */
  carried?: readonly (readonly [string, string])[];
  /** The danger button's text ("Yes, end all sessions"). */
  confirm: string;
  cancel: string;
  cancelHref: string;
  /** Fields the confirmation itself asks for, e.g. a reason when the first step did not (HELP-5). */
  children?: ComponentChildren;
}

/**
 * A destructive action's second step, without JavaScript: nothing has changed yet; what
 * confirming does, then a form that posts the first step's fields again with `confirm=yes`, a
 * danger button and a link that cancels.
 */
export function ConfirmAction({ ctx, action, questionId = 'page-heading', consequencesHeading, consequences, carried = [], confirm, cancel, cancelHref, children }: ConfirmActionProps) {
  return (
    <>
      <section class="console-section" aria-labelledby="consequences-heading">
        <h2 id="consequences-heading">{consequencesHeading}</h2>
        <ul>
          {consequences.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <PostForm ctx={ctx} action={action} class="confirm-form" labelledBy={questionId}>
        <input type="hidden" name="confirm" value="yes" />
        {carried.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {children}
        <button type="submit" class="button button--danger">
          {confirm}
        </button>
        <a class="button" href={cancelHref}>
          {cancel}
        </a>
      </PostForm>
    </>
  );
}
