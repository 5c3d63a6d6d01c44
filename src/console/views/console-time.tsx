import { dateTimeFormat } from '../../security/clock.js';

// SPEC §14.1: times shown to a person carry their time zone, e.g. "Mar 1, 2026, 7:00 AM EST".

const OPTIONS: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };

export function formatConsoleTime(epochMs: number, language: string, timeZone: string): string {
  return dateTimeFormat(language, { ...OPTIONS, timeZone }).format(new Date(epochMs));
}

/** A `<time>` with the machine-readable instant and the zoned, localised text. */
export function ConsoleTime({ at, language, timeZone }: { at: number; language: string; timeZone: string }) {
  return <time dateTime={new Date(at).toISOString()}>{formatConsoleTime(at, language, timeZone)}</time>;
}
