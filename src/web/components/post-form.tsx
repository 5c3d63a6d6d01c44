import type { ComponentChildren } from 'preact';
import { CSRF_FIELD } from '../form-body.js';
import type { PageContext } from '../page-context.js';

interface PostFormProps {
  ctx: PageContext;
  action: string;
  /** The submit button's text; leave it out when the children hold their own buttons. */
  submit?: string;
  secondary?: boolean;
  /** `multipart/form-data` for file uploads. */
  enctype?: string;
  class?: string;
  /** The id of the heading that names the form (so it is a landmark a screen reader lists). */
  labelledBy?: string;
  /** The form's name when no heading on the page says it. */
  label?: string;
  children?: ComponentChildren;
}

/**
 * The only way a page posts (SPEC §14.2): method, the session's CSRF token and the browser's own
 * validation turned off, because the server checks everything and says so in the page's language.
 */
export function PostForm({ ctx, action, submit, secondary, enctype, class: className, labelledBy, label, children }: PostFormProps) {
  return (
    <form method="post" action={action} class={className ?? 'form'} enctype={enctype} novalidate aria-labelledby={labelledBy} aria-label={label}>
      <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
      {children}
      {submit ? (
        <button type="submit" class={secondary ? 'button button--block' : 'button button--primary button--block'}>
          {submit}
        </button>
      ) : null}
    </form>
  );
}
