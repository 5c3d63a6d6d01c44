import { formatMoment } from '../../web/i18n.js';

// SPEC §14.1: times shown to a person carry their time zone, e.g. "Mar 1, 2026, 7:00 AM EST"; the
// portal's one formatter, so French says "1er" on the first of the month here too.

export function formatConsoleTime(epochMs: number, language: string, timeZone: string): string {
  return formatMoment(epochMs, language, timeZone);
}

/** A `<time>` with the machine-readable instant and the zoned, localised text. */
export function ConsoleTime({ at, language, timeZone }: { at: number; language: string; timeZone: string }) {
  return <time dateTime={new Date(at).toISOString()}>{formatConsoleTime(at, language, timeZone)}</time>;
}
