/** Time comes from here, never from Date.now() directly, so tests can move it (DESIGN rule 8). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * Building an Intl.DateTimeFormat costs far more than using one (it was a quarter of a homepage),
 * so each locale and option set is built once. Locales are the three languages and the option
 * sets are fixed in code, so the map stays small.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

const formatted = new Map<string, string>();
const FORMATTED_LIMIT = 20_000;

/**
 * A date or time as text, made once for the same inputs: `key` names every input of `make`
 * (`formatToParts` is a tenth of a homepage). Dates repeat from page to page (due dates, plan
 * dates, today); the map is emptied when it is full, so it stays bounded.
 */
export function formattedOnce(key: string, make: () => string): string {
  let text = formatted.get(key);
  if (text === undefined) {
    if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
    text = make();
    formatted.set(key, text);
  }
  return text;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
