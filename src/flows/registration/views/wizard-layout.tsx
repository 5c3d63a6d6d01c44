import type { ComponentChildren } from 'preact';
import { ErrorSummary } from '../../../web/components/error-summary.js';
import type { FormErrors } from '../../../web/components/form-errors.js';
import { PostForm } from '../../../web/components/post-form.js';
import { Layout } from '../../../web/layout.js';
import type { PageContext } from '../../../web/page-context.js';
import type { RegistrationStep } from '../flow.js';

// The frame every wizard step shares (REG, SPEC §14.1): Back link, "Step N of M", one h1, the
// error summary that links to the fields, and the step's form.

export interface WizardFrame {
  ctx: PageContext;
  step: RegistrationStep;
  stepNumber: number;
  stepCount: number;
  backHref: string | null;
  errors: FormErrors | null;
}

/** The step's form: posts to its own address; the server checks everything. */
export function StepForm({ frame, submit, children }: { frame: WizardFrame; submit?: string; children: ComponentChildren }) {
  return (
    <PostForm ctx={frame.ctx} action={`/register/${frame.step}`} submit={submit ?? frame.ctx.t.wizard.continue}>
      {children}
    </PostForm>
  );
}

interface WizardLayoutProps {
  frame: WizardFrame;
  title: string;
  intro: ComponentChildren;
  children: ComponentChildren;
}

export function WizardLayout({ frame, title, intro, children }: WizardLayoutProps) {
  const { ctx, errors } = frame;
  const { t } = ctx;
  const progress = t.wizard.stepOf(frame.stepNumber, frame.stepCount);
  // The title carries the step and, after a failed submit, "Error:", so both are heard first.
  const pageTitle = `${title} (${progress})`;
  return (
    <Layout ctx={ctx} title={errors ? t.wizard.errorTitle(pageTitle) : pageTitle}>
      <div class="auth-layout">
        <section class="card card--narrow wizard" aria-labelledby="step-heading">
          {frame.backHref ? (
            <p class="back-link">
              <a href={frame.backHref}>{t.wizard.back}</a>
            </p>
          ) : null}
          <p class="wizard-progress" id="step-progress">
            {progress}
          </p>
          <h1 id="step-heading">{title}</h1>
          {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
          <p class="lead">{intro}</p>
          {children}
        </section>
      </div>
    </Layout>
  );
}
