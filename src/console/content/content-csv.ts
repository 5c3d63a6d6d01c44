import { CsvParser, type CsvRecord } from '../roster/parse-csv.js';
import type { Problem } from './content-rules.js';
import { problemText, quote } from './problems.js';
import type { ContentKind } from './save-content.js';
import { sharedCell, type CsvEntry, type CsvLine, type CsvProblem } from './csv-lines.js';
import { itemInput, translatedEntry } from './translated-items.js';

// HOME-3 by CSV (`portico content import`): a header row naming the columns (any order), then one
// item per line; for news, one line per translation, the lines sharing a `ref` forming one article.
// Tasks, reviews and benefit plans may have a `language` column too (translated-items.ts).
// This file turns lines into the API's input; the validators then check them like any other input.

export const CSV_COLUMNS: Record<ContentKind, { required: readonly string[]; optional: readonly string[] }> = {
  news: { required: ['ref', 'language', 'title', 'body'], optional: ['countries', 'published_at'] },
  tasks: { required: ['ref', 'title'], optional: ['description', 'due_on', 'assignee_id', 'countries', 'statuses', 'language'] },
  reviews: { required: ['ref', 'employee_id', 'period', 'reviewer', 'rating', 'strengths', 'goals'], optional: ['reviewed_on', 'language'] },
  benefits: { required: ['ref', 'employee_id', 'plan', 'category', 'coverage', 'starts_on'], optional: ['ends_on', 'enrolment_opens_on', 'enrolment_closes_on', 'language'] },
};

export type { CsvEntry, CsvProblem } from './csv-lines.js';

/** The file cannot be read as this kind at all (empty, wrong header, not UTF-8). */
export class ContentFileError extends Error {}

/** Reads the whole file; structural problems (bad quoting, field counts, repeated refs) come back as `problems`. */
export function readContentCsv(kind: ContentKind, bytes: Uint8Array): { entries: CsvEntry[]; problems: CsvProblem[] } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ContentFileError('the file is not valid UTF-8; save it as "CSV UTF-8"');
  }
  const parser = new CsvParser();
  const records = [...parser.push(text), ...parser.end()];
  const columns = readHeader(kind, records[0]);
  const problems: CsvProblem[] = [];
  const rows: CsvLine[] = [];
  for (const record of records.slice(1)) {
    if (record.error) problems.push({ line: record.line, message: record.error });
    else if (record.fields.every((field) => field.trim() === '')) continue;
    else if (record.fields.length !== columns.length) problems.push({ line: record.line, message: `expected ${columns.length} fields, found ${record.fields.length}` });
    else rows.push({ line: record.line, cells: Object.fromEntries(columns.map((column, i) => [column, record.fields[i]!])) });
  }
  const entries: CsvEntry[] = [];
  const firstLine = new Map<string, number>();
  const groups = new Map<string, CsvLine[]>();
  for (const row of rows) {
    const ref = row.cells.ref?.trim() ?? '';
    if (ref === '') {
      problems.push({ line: row.line, message: problemText({ field: 'ref', code: 'refRequired' }, []) });
      continue;
    }
    if (kind === 'news' || columns.includes('language')) {
      groups.set(ref, [...(groups.get(ref) ?? []), row]);
      continue;
    }
    const first = firstLine.get(ref);
    if (first !== undefined) {
      problems.push({ line: row.line, message: `ref ${quote(ref)} already appears on line ${first}` });
      continue;
    }
    firstLine.set(ref, row.line);
    entries.push({ input: itemInput(kind, row.cells), lineOf: () => row.line });
  }
  for (const lines of groups.values()) {
    const entry = kind === 'news' ? newsEntry(lines, problems) : translatedEntry(kind, lines, problems);
    if (entry) entries.push(entry);
  }
  return { entries, problems };
}

/** An article from its lines: countries and published_at may be given on any of them, but alike. */
function newsEntry(lines: CsvLine[], problems: CsvProblem[]): CsvEntry {
  const input = {
    ref: lines[0]!.cells.ref,
    countries: sharedCell(lines, 'countries', problems),
    publishedAt: sharedCell(lines, 'published_at', problems),
    translations: lines.map(({ cells }) => ({ language: cells.language, title: cells.title, body: cells.body })),
  };
  const lineOf = (field: string) => lines[Number(/^translations\.(\d+)/.exec(field)?.[1] ?? 0)]?.line ?? lines[0]!.line;
  return { input, lineOf };
}

function readHeader(kind: ContentKind, record: CsvRecord | undefined): string[] {
  const { required, optional } = CSV_COLUMNS[kind];
  const expected = `${[...required, ...optional].join(',')} (the last ${optional.length} optional)`;
  if (!record) throw new ContentFileError(`the file is empty; the first line must be a header row: ${expected}`);
  if (record.error) throw new ContentFileError(`line ${record.line}: ${record.error}`);
  const names = record.fields.map((field) => field.trim().toLowerCase());
  const unknown = names.filter((name) => !required.includes(name) && !optional.includes(name));
  if (unknown.length > 0) throw new ContentFileError(`line 1: unknown column ${unknown.map(quote).join(', ')}; the columns for ${kind} are ${expected}`);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0) throw new ContentFileError(`line 1: column ${quote(repeated[0]!)} appears twice`);
  const missing = required.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new ContentFileError(`line 1: missing column ${missing.map(quote).join(', ')}; the columns for ${kind} are ${expected}`);
  return names;
}

/** A validation problem on its line, in plain English. */
export function placeProblem(entry: CsvEntry, problem: Problem, describe: (problem: Problem) => string): CsvProblem {
  return { line: entry.lineOf(problem.field), message: describe(problem) };
}
