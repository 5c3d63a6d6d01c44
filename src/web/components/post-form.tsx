import type { ComponentChildren } from 'preact';
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
  children?: ComponentChildren;
}

/**
 * The only way a page posts (SPEC §14.2): method, the session's CSRF token and the browser's own
 * validation turned off, because the server checks everything and says so in the page's language.
 */
export function PostForm({ ctx, action, submit, secondary, enctype, class: className, children }: PostFormProps) {
  return (
    <form method="post" action={action} class={className ?? 'form'} enctype={enctype} novalidate>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {children}
      {submit ? (
        <button type="submit" class={secondary ? 'button button--block' : 'button button--primary button--block'}>
          {submit}
        </button>
      ) : null}
    </form>
  );
}
