import { isCalendarDate } from './content-rules.js';

// HOME-3: when a news article is published. HR types a date, or a date and time, in the company's
// time zone (a form's datetime-local has no zone); an explicit `Z` or offset is honoured as given.

const MOMENT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Epoch milliseconds, or null when the text is not such a moment. */
export function parseMoment(text: string, timeZone: string): number | null {
  const match = MOMENT.exec(text.trim());
  if (!match) return null;
  const [, date = '', hh = '00', mm = '00', ss = '00', ms = '0', zone] = match;
  if (!isCalendarDate(date) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return null;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, Number(hh), Number(mm), Number(ss), Number(ms.padEnd(3, '0')));
  if (zone === 'Z') return wall;
  if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [oh, om] = zone.slice(1).split(':').map(Number) as [number, number];
    if (oh > 23 || om > 59) return null;
    return wall - sign * (oh * 60 + om) * 60_000;
  }
  return fromWallClock(wall, timeZone);
}

/** The wall-clock time `wall` (as if UTC) in `timeZone`, as a real instant; twice to settle DST edges. */
function fromWallClock(wall: number, timeZone: string): number {
  let instant = wall - offsetAt(wall, timeZone);
  const second = offsetAt(instant, timeZone);
  if (second !== wall - instant) instant = wall - second;
  return instant;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** `YYYY-MM-DDTHH:MM` in `timeZone`, the value of a datetime-local field. */
export function toWallClock(instant: number, timeZone: string): string {
  const shifted = new Date(instant + offsetAt(instant, timeZone));
  return shifted.toISOString().slice(0, 16);
}
