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

export interface FieldProps {
  errors: FormErrors | null;
  /** Control id; unique on the page. */
  id: string;
  /** Form field name (what the server reads). */
  name: string;
  label: string;
  hint?: string | undefined;
  describedByExtra?: string;
  type?: 'text' | 'email' | 'tel' | 'password';
  value?: string;
  autocomplete?: string;
  inputMode?: 'numeric' | 'email' | 'tel' | 'text';
  maxLength?: number;
  required?: boolean;
}

/** A labelled input with its hint and error above it, both announced with the field. Passwords are never echoed. */
export function Field(props: FieldProps) {
  const { errors, id, hint } = props;
  const hintId = hint ? `${id}-hint` : null;
  const error = errors?.fields[id];
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>{props.label}</label>
      {hint ? (
        <p class="hint" id={hintId ?? undefined}>
          {hint}
        </p>
      ) : null}
      <FieldError errors={errors} id={id} />
      <input
        id={id}
        name={props.name}
        // preact types each input type apart; these attributes suit all four.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
        type={(props.type ?? 'text') as 'text'}
        value={props.type === 'password' ? undefined : (props.value ?? '')}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        autocapitalize={props.type === 'text' || props.type === undefined ? undefined : 'none'}
        spellcheck={props.type === 'password' || props.type === 'email' ? false : undefined}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(hintId, props.describedByExtra, error ? errorId(id) : null)}
      />
    </div>
  );
}
