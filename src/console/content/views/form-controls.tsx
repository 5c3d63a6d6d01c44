import type { ComponentChildren } from 'preact';
import { describedBy, errorId, type FormErrors } from '../../../web/components/form-errors.js';
import { FieldError } from '../../../web/components/field.js';
import type { Messages } from '../../../web/messages/en.js';
import type { Problem } from '../content-rules.js';
import { problemMessage } from '../problems.js';

// HOME-3: the labelled controls of the console's content forms. Each shows its hint and error
// above it, both tied to the control with aria-describedby; typed values come back after an error.

export type FormValues = Record<string, string | string[]>;

export const text = (values: FormValues, name: string): string => {
  const value = values[name];
  return typeof value === 'string' ? value : '';
};
export const list = (values: FormValues, name: string): string[] => {
  const value = values[name];
  return Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? [value] : [];
};

/** Problems as the form shows them: `controlFor` maps an API field name to the control's id. */
export function toFormErrors(t: Messages, problems: readonly Problem[], allowedCountries: readonly string[], controlFor: (field: string) => string): FormErrors {
  const errors: FormErrors = { summary: [], fields: {} };
  for (const problem of problems) {
    const id = controlFor(problem.field);
    if (errors.fields[id]) continue;
    const message = problemMessage(t, problem, allowedCountries);
    errors.fields[id] = message;
    errors.summary.push({ anchor: id, message });
  }
  return errors;
}

interface ControlProps {
  errors: FormErrors | null;
  id: string;
  label: string;
  hint?: string | undefined;
}

function Frame({ errors, id, label, hint, children }: ControlProps & { children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError errors={errors} id={id} />
      {children}
    </div>
  );
}

function aria(errors: FormErrors | null, id: string, hint: string | undefined) {
  const error = errors?.fields[id];
  return { 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': describedBy(hint ? `${id}-hint` : null, error ? errorId(id) : null) };
}

export function Input(props: ControlProps & { name?: string; value: string; type?: 'text' | 'date' | 'datetime-local'; maxLength?: number; inputMode?: 'numeric' }) {
  const { errors, id, hint } = props;
  return (
    <Frame {...props}>
      <input
        id={id}
        name={props.name ?? id}
        // preact types each input type apart; these attributes suit all three.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        maxLength={props.maxLength}
        inputMode={props.inputMode}
        {...aria(errors, id, hint)}
      />
    </Frame>
  );
}

export function TextArea(props: ControlProps & { name?: string; value: string; rows?: number; maxLength?: number }) {
  const { errors, id, hint } = props;
  return (
    <Frame {...props}>
      <textarea id={id} name={props.name ?? id} rows={props.rows ?? 4} maxLength={props.maxLength} {...aria(errors, id, hint)}>
        {props.value}
      </textarea>
    </Frame>
  );
}

export function Select(props: ControlProps & { value: string; choose: string; options: [string, string][] }) {
  const { errors, id, hint } = props;
  return (
    <Frame {...props}>
      <select id={id} name={id} {...aria(errors, id, hint)}>
        <option value="">{props.choose}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** Checkboxes (`multiple`) or radio buttons in a fieldset; its error is announced with the group. */
export function ChoiceGroup(props: ControlProps & { name?: string; multiple: boolean; selected: string[]; options: [string, string][] }) {
  const { errors, id, hint } = props;
  const error = errors?.fields[id];
  return (
    <fieldset class="field" aria-describedby={describedBy(hint ? `${id}-hint` : null, error ? errorId(id) : null)}>
      <legend>{props.label}</legend>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError errors={errors} id={id} />
      {props.options.map(([value, label], index) => {
        // The first control carries the group's id, so the error summary's link lands on it.
        const controlId = index === 0 ? id : `${id}-${value}`;
        return (
          <div class="choice" key={value}>
            <input type={props.multiple ? 'checkbox' : 'radio'} id={controlId} name={props.name ?? id} value={value} checked={props.selected.includes(value)} />
            <label for={controlId}>{label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}
