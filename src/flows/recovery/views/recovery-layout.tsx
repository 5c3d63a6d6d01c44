import type { ComponentChildren } from 'preact';
import { ErrorSummary } from '../../../web/components/error-summary.js';
import type { FormErrors } from '../../../web/components/form-errors.js';
import { Layout } from '../../../web/layout.js';
import type { PageContext } from '../../../web/page-context.js';
import { HELP_FORM_PATH } from '../flow.js';

// The frame of every recovery page (SPEC §14.1): one h1, the error summary (with a link to the
// Technical Help Form when the account is locked), and the lead text.

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
          {errors ? (
            <ErrorSummary ctx={ctx} errors={errors}>
              {errors.helpForm ? (
                <p>
                  <a href={HELP_FORM_HREF}>{t.recovery.helpForm}</a>
                </p>
              ) : null}
            </ErrorSummary>
          ) : null}
          {intro ? <p class="lead">{intro}</p> : null}
          {children}
        </section>
      </div>
    </Layout>
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
