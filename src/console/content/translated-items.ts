import { TRANSLATED_TEXTS } from './check-translations.js';
import { sharedCell, type CsvEntry, type CsvLine, type CsvProblem } from './csv-lines.js';
import { quote } from './problems.js';
import type { ContentKind } from './save-content.js';

// HOME-3 by CSV: a task, review or benefit plan file with a `language` column. The lines sharing a
// `ref` form one item: exactly one is English (language empty or `en`) and carries every column;
// each other line gives the translatable columns in its language, and may repeat the other
// columns only as the English line has them.

const camel = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** One line's cells as the API's input of a task, review or benefit plan (a task's audience follows from assignee_id). */
export function itemInput(kind: ContentKind, cells: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = Object.fromEntries(Object.entries(cells).map(([column, value]) => [camel(column), value]));
  if (kind === 'tasks') input.audience = (cells.assignee_id ?? '').trim() === '' ? 'group' : 'employee';
  return input;
}

const isEnglish = (line: CsvLine) => ['', 'en'].includes((line.cells.language ?? '').trim().toLowerCase());

/** The item of these lines, or null (with a problem) when they have no English line or more than one. */
export function translatedEntry(kind: ContentKind, lines: CsvLine[], problems: CsvProblem[]): CsvEntry | null {
  if (kind === 'news') throw new Error('news lines are read as articles');
  const texts: readonly string[] = TRANSLATED_TEXTS[kind];
  const ref = lines[0]!.cells.ref?.trim() ?? '';
  const [english, ...extra] = lines.filter(isEnglish);
  if (!english) {
    problems.push({ line: lines[0]!.line, message: `ref ${quote(ref)} has no English line: give one line with language empty or "en" and every column` });
    return null;
  }
  for (const again of extra) problems.push({ line: again.line, message: `ref ${quote(ref)} already has its English line on line ${english.line}` });
  const others = lines.filter((line) => !isEnglish(line));
  // The other columns are the English line's: a translation line may leave them empty, or repeat them alike.
  for (const column of Object.keys(english.cells)) {
    if (column !== 'ref' && column !== 'language' && !texts.includes(column)) sharedCell([english, ...others], column, problems);
  }
  const { language: _language, ...cells } = english.cells;
  const input = {
    ...itemInput(kind, cells),
    translations: others.map((line) => ({ language: line.cells.language, ...Object.fromEntries(texts.filter((text) => text in line.cells).map((text) => [text, line.cells[text]])) })),
  };
  const lineOf = (field: string) => others[Number(/^translations\.(\d+)/.exec(field)?.[1] ?? -1)]?.line ?? english.line;
  return { input, lineOf };
}
