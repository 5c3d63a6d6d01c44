// SPEC §14.2: an API error names its fields as `fields: [{field, code, message}]`. Tests that only
// ask which fields were named, and what each says, read them by name here.

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** What an error body carries beside `fields` (the known keys, and any a route adds). */
export interface ApiErrorKeys {
  [key: string]: unknown;
  code: string;
  message: string;
  rules?: string[];
  limits?: { min: number; max: number };
  retryAfterSeconds?: number;
}

export interface ApiErrorBody {
  error: ApiErrorKeys & { fields?: FieldProblem[] };
}

/** Each named field's message (the first per field), from an error body or its `error` object. */
export function fieldsOf(body: ApiErrorBody | ApiErrorBody['error'] | undefined): Record<string, string> {
  const error = body === undefined ? undefined : 'error' in body ? (body as ApiErrorBody).error : body;
  const fields: Record<string, string> = {};
  for (const problem of error?.fields ?? []) fields[problem.field] ??= problem.message;
  return fields;
}

/** The `error` object with its `fields` read by name, for tests written as `toMatchObject({fields: {email: …}})`. */
export function errorByField(body: ApiErrorBody): ApiErrorKeys & { fields?: Record<string, string> } {
  const { fields, ...rest } = body.error;
  return { ...rest, ...(fields ? { fields: fieldsOf(body) } : {}) };
}
