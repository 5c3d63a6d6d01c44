import type { PageContext } from '../page-context.js';
import { Field } from './field.js';
import type { FormErrors } from './form-errors.js';

interface CodeFieldProps {
  ctx: PageContext;
  errors: FormErrors | null;
  /** Control id and field name; `code` unless the page has several codes. */
  id?: string;
  name?: string;
  /** "Code" unless the page says whose code it is. */
  label?: string;
  hint?: string;
  extraHint?: { id: string; text: string } | null;
  value?: string;
  /** Recovery codes have letters: the phone keyboard shows digits only for sent and app codes. */
  letters?: boolean;
  /** `one-time-code` lets the browser offer the code it just received; off when someone else's code is typed. */
  autocomplete?: 'one-time-code' | 'off';
  maxLength?: number;
  pattern?: string;
  inputClass?: string;
  required?: boolean;
}

/** A one-time code: digits (or a recovery code), typed letter for letter, with its hint and error. */
export function CodeField({ ctx, id = 'code', name = id, label, letters = false, autocomplete = 'one-time-code', maxLength, ...rest }: CodeFieldProps) {
  return (
    <Field
      {...rest}
      id={id}
      name={name}
      label={label ?? ctx.t.mfa.code.label}
      autocomplete={autocomplete}
      inputMode={letters ? 'text' : 'numeric'}
      maxLength={maxLength ?? (letters ? 40 : 20)}
      verbatim
    />
  );
}
