import type { ComponentChildren } from 'preact';
import { Layout } from '../../../web/layout.js';
import type { PageContext } from '../../../web/page-context.js';
import type { RegistrationStep } from '../flow.js';

// The frame every wizard step shares (REG, SPEC §14.1): Back link, "Step N of M", one h1, an
// error summary that links to the fields, and the helpers that tie each field to its error.

export interface FormErrors {
  /** In form order; `anchor` is the id of the control the summary links to (null: no single field). */
  summary: { anchor: string | null; message: string }[];
  /** The message shown next to each field, by field name (= control id). */
  fields: Record<string, string>;
}

export interface WizardFrame {
  ctx: PageContext;
  step: RegistrationStep;
  stepNumber: number;
  stepCount: number;
  backHref: string | null;
  errors: FormErrors | null;
}

/** Ids joined for aria-describedby, or nothing when none apply. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  return present.length > 0 ? present.join(' ') : undefined;
}

export function errorId(name: string): string {
  return `${name}-error`;
}

/** The ids describing a control: its hint (if any), then its error (if any). */
export function describe(errors: FormErrors | null, name: string, ...hints: (string | null | undefined)[]): string | undefined {
  return describedBy(...hints, errors?.fields[name] ? errorId(name) : null);
}

export function invalid(errors: FormErrors | null, name: string): 'true' | undefined {
  return errors?.fields[name] ? 'true' : undefined;
}

export function FieldError({ errors, name }: { errors: FormErrors | null; name: string }) {
  const message = errors?.fields[name];
  if (!message) return null;
  return (
    <p class="field-error notice notice--error" id={errorId(name)}>
      {message}
    </p>
  );
}

interface TextFieldProps {
  errors: FormErrors | null;
  name: string;
  label: string;
  hint?: string;
  /** Further ids describing the control (e.g. a list of rules shown elsewhere). */
  describedByExtra?: string;
  type?: 'text' | 'email' | 'tel' | 'password';
  value?: string;
  autocomplete?: string;
  inputMode?: 'numeric' | 'email' | 'tel' | 'text';
  required?: boolean;
  maxLength?: number;
}

/** A labelled input with its hint and error above it, both announced with the field. */
export function TextField(props: TextFieldProps) {
  const { errors, name, hint } = props;
  const hintId = hint ? `${name}-hint` : null;
  return (
    <div class="field">
      <label for={name}>{props.label}</label>
      {hint ? (
        <p class="hint" id={hintId ?? undefined}>
          {hint}
        </p>
      ) : null}
      <FieldError errors={errors} name={name} />
      <input
        id={name}
        name={name}
        // preact types each input type apart (tsc needs the assertion); these attributes suit all four.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
        type={(props.type ?? 'text') as 'text'}
        value={props.type === 'password' ? undefined : (props.value ?? '')}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        autocapitalize={props.type === 'text' || props.type === undefined ? undefined : 'none'}
        spellcheck={props.type === 'password' || props.type === 'email' ? false : undefined}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={invalid(errors, name)}
        aria-describedby={describe(errors, name, hintId, props.describedByExtra)}
      />
    </div>
  );
}

/** The step's form: posts to its own address with the CSRF token; the server checks everything. */
export function StepForm({ frame, submit, children }: { frame: WizardFrame; submit?: string; children: ComponentChildren }) {
  return (
    <form method="post" action={`/register/${frame.step}`} class="form" novalidate>
      <input type="hidden" name="_csrf" value={frame.ctx.csrfToken} />
      {children}
      <button type="submit" class="button button--primary button--block">
        {submit ?? frame.ctx.t.wizard.continue}
      </button>
    </form>
  );
}

function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: FormErrors }) {
  return (
    <div class="error-summary notice notice--error" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{ctx.t.wizard.errorSummary}</h2>
      <ul>
        {errors.summary.map((item) => (
          <li key={`${item.anchor ?? ''}${item.message}`}>{item.anchor ? <a href={`#${item.anchor}`}>{item.message}</a> : item.message}</li>
        ))}
      </ul>
    </div>
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
