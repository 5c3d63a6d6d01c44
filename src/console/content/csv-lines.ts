import { quote } from './problems.js';

// HOME-3 by CSV: what reading a content file works with: its lines by column, the problems found
// on them, and cells that several lines of one item may each give.

/** A line of the file with its cells by column. */
export interface CsvLine {
  line: number;
  cells: Record<string, string>;
}

/** One item to validate: its input, and the line each problem field belongs to. */
export interface CsvEntry {
  input: Record<string, unknown>;
  lineOf: (field: string) => number;
}

export interface CsvProblem {
  line: number;
  message: string;
}

/** A cell that lines sharing a ref may each give, but alike: the first one given; each differing one is a problem on its line. */
export function sharedCell(lines: readonly CsvLine[], column: string, problems: CsvProblem[]): string {
  let value = '';
  let from = 0;
  for (const { line, cells } of lines) {
    const cell = (cells[column] ?? '').trim();
    if (cell === '') continue;
    if (value === '') [value, from] = [cell, line];
    else if (cell !== value) problems.push({ line, message: `${column} ${quote(cell)} differs from line ${from}, which has the same ref` });
  }
  return value;
}
