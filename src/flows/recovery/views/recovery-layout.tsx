import type { ComponentChildren } from 'preact';
import { Layout } from '../../../web/layout.js';
import type { PageContext } from '../../../web/page-context.js';
import type { FormErrors } from '../../registration/views/wizard-layout.js';
import { HELP_FORM_PATH } from '../flow.js';

// The frame of every recovery page (SPEC §14.1): one h1, an error summary that links to the
// fields (and to the Technical Help Form when the account is locked), and the lead text.

export type { FormErrors };

export interface RecoveryErrors extends FormErrors {
  /** RECOV-7 / LOGIN-7: the refusal points to the Technical Help Form. */
  helpForm?: boolean;
}

export const HELP_FORM_HREF = HELP_FORM_PATH;

interface RecoveryLayoutProps {
  ctx: PageContext;
  title: string;
  intro?: ComponentChildren;
  errors?: RecoveryErrors | null;
  backHref?: string | null;
  children?: ComponentChildren;
}

export function RecoveryLayout({ ctx, title, intro, errors, backHref, children }: RecoveryLayoutProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={errors ? t.wizard.errorTitle(title) : title}>
      <div class="auth-layout">
        <section class="card card--narrow" aria-labelledby="page-heading">
          {backHref ? (
            <p class="back-link">
              <a href={backHref}>{t.wizard.back}</a>
            </p>
          ) : null}
          <h1 id="page-heading">{title}</h1>
          {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
          {intro ? <p class="lead">{intro}</p> : null}
          {children}
        </section>
      </div>
    </Layout>
  );
}

function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: RecoveryErrors }) {
  return (
    <div class="error-summary notice notice--error" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{ctx.t.wizard.errorSummary}</h2>
      <ul>
        {errors.summary.map((item) => (
          <li key={`${item.anchor ?? ''}${item.message}`}>{item.anchor ? <a href={`#${item.anchor}`}>{item.message}</a> : item.message}</li>
        ))}
      </ul>
      {errors.helpForm ? (
        <p>
          <a href={HELP_FORM_HREF}>{ctx.t.recovery.helpForm}</a>
        </p>
      ) : null}
    </div>
  );
}

/** A form that posts to `action` with the CSRF token (SPEC §14.2); the server checks everything. */
export function RecoveryForm({ ctx, action, submit, children }: { ctx: PageContext; action: string; submit: string; children?: ComponentChildren }) {
  return (
    <form method="post" action={action} class="form" novalidate>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {children}
      <button type="submit" class="button button--primary button--block">
        {submit}
      </button>
    </form>
  );
}

/** A notice announced politely (what was sent — the same words whatever matched, RECOV-1). */
export function StatusNotice({ children }: { children: ComponentChildren }) {
  return (
    <div class="notice notice--success" role="status">
      {children}
    </div>
  );
}
