// What a failed form shows: a summary at the top (GOV.UK error summary) and a message next to each
// control. Built from an AppError by app/form-errors.ts; rendered by ErrorSummary and Field.

export interface FormErrors {
  /** In form order; `anchor` is the id of the control the summary links to (null: no single field). */
  summary: { anchor: string | null; message: string }[];
  /** The message next to each control, by control id. */
  fields: Record<string, string>;
}

export function errorId(id: string): string {
  return `${id}-error`;
}

/** Ids joined for aria-describedby, or nothing. */
export function describedBy(...ids: (string | null | undefined | false)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  return present.length > 0 ? present.join(' ') : undefined;
}

/** `aria-invalid` for a control: set when the form shows a problem next to it. */
export function ariaInvalid(errors: FormErrors | null, id: string): 'true' | undefined {
  return errors?.fields[id] ? 'true' : undefined;
}

/** The ids describing a control (a select, a fieldset…): its hints, then its error when it has one. */
export function describeControl(errors: FormErrors | null, id: string, ...hints: (string | null | undefined)[]): string | undefined {
  return describedBy(...hints, errors?.fields[id] ? errorId(id) : null);
}

/** One problem, next to one control and in the summary: for checks a page makes itself. */
export function fieldProblem(id: string, message: string): FormErrors {
  return { summary: [{ anchor: id, message }], fields: { [id]: message } };
}
