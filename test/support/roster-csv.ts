import { ROSTER_COLUMNS } from '../../src/console/roster/validate-row.js';

/** A roster file as HR uploads it: the header row, then `lines` (one CSV line per employee). */
export function rosterCsv(lines: readonly string[]): string {
  return `${ROSTER_COLUMNS.join(',')}\n${lines.map((line) => `${line}\n`).join('')}`;
}
