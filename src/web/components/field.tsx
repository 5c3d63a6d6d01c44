import type { ComponentChildren } from 'preact';
import { describedBy, errorId, type FormErrors } from './form-errors.js';

export function FieldError({ errors, id }: { errors: FormErrors | null; id: string }) {
  const message = errors?.fields[id];
  if (!message) return null;
  return (
    <p class="field-error notice notice--error" id={errorId(id)}>
      {message}
    </p>
  );
}

interface FrameProps {
  errors: FormErrors | null;
  /** Control id; unique on the page. */
  id: string;
  label: string;
  hint?: string | undefined;
  /** A second hint with its own id, shown after the first (e.g. where recovery codes go). */
  extraHint?: { id: string; text: string } | null | undefined;
  /** Further ids describing the control (e.g. a list of rules shown elsewhere). */
  describedByExtra?: string | undefined;
  /** Marked invalid by a problem the summary states for the whole form (LOGIN-5 names no field). */
  invalid?: boolean | undefined;
}

/** A field's wrapper class: `field--error` (styles.css) marks the one with a problem, as GOV.UK does. */
export function fieldClass(errors: FormErrors | null, id: string): string {
  return errors?.fields[id] ? 'field field--error' : 'field';
}

/** The label, hint and error of one control, in that order above it. */
export function FieldFrame({ errors, id, label, hint, extraHint, children }: FrameProps & { children: ComponentChildren }) {
  return (
    <div class={fieldClass(errors, id)}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {extraHint ? (
        <p class="hint" id={extraHint.id}>
          {extraHint.text}
        </p>
      ) : null}
      <FieldError errors={errors} id={id} />
      {children}
    </div>
  );
}

/** What ties a control to its frame: invalid when it has a problem, described by its hints, then its error. */
export function controlAria({ errors, id, hint, extraHint, describedByExtra, invalid }: Omit<FrameProps, 'label'>) {
  const error = errors?.fields[id];
  return {
    'aria-invalid': error || invalid ? ('true' as const) : undefined,
    'aria-describedby': describedBy(hint ? `${id}-hint` : null, extraHint?.id, describedByExtra, error ? errorId(id) : null),
  };
}

export interface FieldProps extends FrameProps {
  /** Form field name (what the server reads). */
  name: string;
  /** Typed letter for letter (an employee ID, a code): no capital first letter, no spell-check. */
  verbatim?: boolean;
  type?: 'text' | 'email' | 'tel' | 'password';
  value?: string | undefined;
  autocomplete?: string;
  inputMode?: 'numeric' | 'email' | 'tel' | 'text';
  maxLength?: number | undefined;
  pattern?: string | undefined;
  inputClass?: string | undefined;
  required?: boolean | undefined;
}

/** A labelled input with its hint and error above it, both announced with the field. Passwords are never echoed. */
export function Field(props: FieldProps) {
  const type = props.type ?? 'text';
  return (
    <FieldFrame {...props}>
      <input
        id={props.id}
        name={props.name}
        // preact types each input type apart; these attributes suit all four.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
        type={type as 'text'}
        value={type === 'password' ? undefined : (props.value ?? '')}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        autocapitalize={type === 'text' && !props.verbatim ? undefined : 'none'}
        spellcheck={type === 'password' || type === 'email' || props.verbatim ? false : undefined}
        maxLength={props.maxLength}
        pattern={props.pattern}
        class={props.inputClass}
        required={props.required}
        {...controlAria(props)}
      />
    </FieldFrame>
  );
}

export interface TextAreaFieldProps extends FrameProps {
  name: string;
  value: string;
  rows?: number;
  maxLength?: number | undefined;
  required?: boolean;
  spellcheck?: boolean;
}

/** A labelled multi-line text with its hint and error above it; what was typed comes back after an error. */
export function TextAreaField(props: TextAreaFieldProps) {
  return (
    <FieldFrame {...props}>
      <textarea id={props.id} name={props.name} rows={props.rows ?? 4} maxLength={props.maxLength} required={props.required} spellcheck={props.spellcheck} {...controlAria(props)}>
        {props.value}
      </textarea>
    </FieldFrame>
  );
}
