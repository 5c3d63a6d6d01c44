import { controlAria, FieldError, FieldFrame, fieldClass, TextAreaField } from '../../../web/components/field.js';
import { describeControl, type FormErrors } from '../../../web/components/form-errors.js';
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

export function Input(props: ControlProps & { name?: string; value: string; type?: 'text' | 'date' | 'datetime-local'; maxLength?: number; inputMode?: 'numeric' }) {
  const { id } = props;
  return (
    <FieldFrame {...props}>
      <input
        id={id}
        name={props.name ?? id}
        // preact types each input type apart; these attributes suit all three.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        maxLength={props.maxLength}
        inputMode={props.inputMode}
        {...controlAria(props)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: ControlProps & { name?: string; value: string; rows?: number; maxLength?: number }) {
  return <TextAreaField {...props} name={props.name ?? props.id} />;
}

export function Select(props: ControlProps & { value: string; choose: string; options: [string, string][] }) {
  const { id } = props;
  return (
    <FieldFrame {...props}>
      <select id={id} name={id} {...controlAria(props)}>
        <option value="">{props.choose}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Checkboxes (`multiple`) or radio buttons in a fieldset; its error is announced with the group. */
export function ChoiceGroup(props: ControlProps & { name?: string; multiple: boolean; selected: string[]; options: [string, string][] }) {
  const { errors, id, hint } = props;
  return (
    <fieldset class={fieldClass(errors, id)} aria-describedby={describeControl(errors, id, hint ? `${id}-hint` : null)}>
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
