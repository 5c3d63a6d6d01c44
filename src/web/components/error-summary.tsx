import type { ComponentChildren } from 'preact';
import type { PageContext } from '../page-context.js';
import type { FormErrors } from './form-errors.js';

/** The summary's id, for controls that a problem of the whole form concerns (aria-describedby). */
export const ERROR_SUMMARY_ID = 'error-summary';

interface ErrorSummaryProps {
  ctx: PageContext;
  errors: FormErrors;
  level?: 2 | 3;
  /** What the page adds below the problems, e.g. a link to the Technical Help Form. */
  children?: ComponentChildren;
}

/**
 * The GOV.UK error summary: at the top of the form, each problem a link to its control, and the
 * focus moved to it when the page loads (no JavaScript: a focusable box with `autofocus`).
 */
export function ErrorSummary({ ctx, errors, level = 2, children }: ErrorSummaryProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div class="error-summary notice notice--error" id={ERROR_SUMMARY_ID} role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autofocus>
      <Heading id="error-summary-title">{ctx.t.wizard.errorSummary}</Heading>
      <ul>
        {errors.summary.map((item) => (
          <li key={`${item.anchor ?? ''}${item.message}`}>{item.anchor ? <a href={`#${item.anchor}`}>{item.message}</a> : item.message}</li>
        ))}
      </ul>
      {children}
    </div>
  );
}
