// The one reader of posted form bodies (application/x-www-form-urlencoded and multipart fields):
// what a page's handler takes from `request.body`, never anything but strings.

export type FormBody = Record<string, unknown> | undefined;

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
