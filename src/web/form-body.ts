// The one reader of posted form bodies (application/x-www-form-urlencoded and multipart fields):
// what a page's handler takes from `request.body`, never anything but strings.

export type FormBody = Record<string, unknown> | undefined;

/** The hidden field that carries the CSRF token (written by PostForm, checked by app/csrf.ts). */
export const CSRF_FIELD = '_csrf';

/** `max` for a field that its check refuses when too long rather than cut (the 64 KiB body limit bounds it). */
export const UNCUT = Number.POSITIVE_INFINITY;

/** One form value as a string: the first if repeated, '' if missing, cut to `max` characters. */
export function formText(body: FormBody, name: string, max = 1000): string {
  const raw = body?.[name];
  const value = Array.isArray(raw) ? (raw[0] as unknown) : raw;
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** A password as typed, whole: the flows refuse over-long ones themselves (NORM-7), so nothing is cut. */
export function formSecret(body: FormBody, name: string): string {
  const raw = body?.[name];
  return typeof raw === 'string' ? raw : '';
}

/** Every field the form sent but the CSRF token: strings, and lists for repeated fields (checkboxes). */
export function formFields(body: FormBody): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  if (typeof body !== 'object' || body === null) return fields;
  for (const [name, value] of Object.entries(body)) {
    if (name === CSRF_FIELD) continue;
    if (typeof value === 'string') fields[name] = value;
    else if (Array.isArray(value)) fields[name] = value.filter((item): item is string => typeof item === 'string');
  }
  return fields;
}
