// ROSTER-1: a streaming CSV reader (RFC 4180 quoting, CRLF or LF, optional BOM) built for
// half-million-row rosters: unquoted lines take a split() fast path, quoted ones a small state machine.
import type { Readable } from 'node:stream';

export interface CsvRecord {
  /** Physical line on which the record starts (the header is line 1). */
  line: number;
  fields: string[];
  /** Set when the record is malformed; `fields` is then empty. */
  error?: string;
}

/** The input could not be read as UTF-8 text. */
export class CsvEncodingError extends Error {}

/** Splits text into records chunk by chunk; a record cut by a chunk boundary waits for the next chunk. */
export class CsvParser {
  private pending = '';
  private nextLine = 1;
  private started = false;

  /** Records completed by `chunk`. */
  push(chunk: string): CsvRecord[] {
    let text = this.pending + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const records: CsvRecord[] = [];
    this.pending = text.slice(this.parseInto(text, false, records));
    return records;
  }

  /** Records left when the input ends (a last line without a newline, an unterminated quote). */
  end(): CsvRecord[] {
    const records: CsvRecord[] = [];
    this.parseInto(this.pending, true, records);
    this.pending = '';
    return records;
  }

  /** Parses complete records from `text`; returns where the first incomplete one starts. */
  private parseInto(text: string, final: boolean, out: CsvRecord[]): number {
    let start = 0;
    // The next quote's position, or text.length when there is none. (A -1 sentinel tested with
    // `!== -1` here made V8's optimised code about twenty times slower.)
    let quote = findQuote(text, 0);
    while (start < text.length) {
      let newline = text.indexOf('\n', start);
      if (newline === -1) {
        if (!final) return start;
        newline = text.length;
      }
      if (quote < start) quote = findQuote(text, start);
      if (quote > newline || quote === text.length) {
        const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
        if (end > start) out.push({ line: this.nextLine, fields: text.slice(start, end).split(',') });
        this.nextLine += 1;
        start = newline + 1;
        continue;
      }
      const quoted = parseQuotedRecord(text, start, final);
      if (quoted === null) return start;
      out.push(quoted.error ? { line: this.nextLine, fields: [], error: quoted.error } : { line: this.nextLine, fields: quoted.fields });
      this.nextLine += quoted.lines;
      start = quoted.next;
    }
    return start;
  }
}

interface QuotedRecord {
  fields: string[];
  error?: string;
  /** Physical lines the record spans. */
  lines: number;
  /** Index just after the record's line ending. */
  next: number;
}

/** No roster record comes near this; a longer one is taken as an unclosed quote. */
const MAX_RECORD_CHARS = 64 * 1024;

/** Parses one record that contains a quote; null when the text ends before the record does. */
function parseQuotedRecord(text: string, start: number, final: boolean): QuotedRecord | null {
  const fields: string[] = [];
  let lines = 1;
  let i = start;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1 || close - start > MAX_RECORD_CHARS) {
          // Most likely a stray quote: report its line and go on from the next one, rather than
          // swallowing (and re-scanning, chunk after chunk) the rest of the file as one field.
          if (close === -1 && !final && text.length - start <= MAX_RECORD_CHARS) return null;
          const newline = text.indexOf('\n', start);
          return { fields: [], error: 'a quoted field is never closed', lines: 1, next: newline === -1 ? text.length : newline + 1 };
        }
        lines += countNewlines(text, from, close);
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === 34) {
          value += '"';
          from = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      fields.push(value);
    } else {
      let end = i;
      while (end < text.length) {
        const c = text.charCodeAt(end);
        if (c === 44 || c === 10) break;
        end += 1;
      }
      // A CR belongs to the line ending only when an LF follows it.
      const valueEnd = text.charCodeAt(end) === 10 && end > i && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      fields.push(text.slice(i, valueEnd));
      i = end;
    }
    if (i >= text.length && !final) return null;
    const c = text.charCodeAt(i);
    if (c === 44) {
      i += 1;
      continue;
    }
    if (c === 13 && text.charCodeAt(i + 1) === 10) return { fields, lines, next: i + 2 };
    if (c === 13 && i + 1 >= text.length && !final) return null;
    if (c === 10 || i >= text.length) return { fields, lines, next: i + 1 };
    return skipBadRecord(text, i, lines, final);
  }
}

/** A character after a closing quote: report the record and resume at the next line. */
function skipBadRecord(text: string, from: number, lines: number, final: boolean): QuotedRecord | null {
  const newline = text.indexOf('\n', from);
  if (newline === -1 && !final) return null;
  const next = newline === -1 ? text.length : newline + 1;
  return { fields: [], error: 'unexpected text after a closing quote', lines, next };
}

function findQuote(text: string, from: number): number {
  const quote = text.indexOf('"', from);
  return quote === -1 ? text.length : quote;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

/** Reads a byte stream as UTF-8 CSV, yielding the records of each chunk as they complete. */
export async function* readCsvRecords(input: Readable, onBytes?: (bytes: number) => void): AsyncGenerator<CsvRecord[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const parser = new CsvParser();
  let lastLine = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const records = parser.push(decodeChunk(decoder, bytes, lastLine, true));
    onBytes?.(bytes.length);
    if (records.length > 0) {
      lastLine = records[records.length - 1]!.line;
      yield records;
    }
  }
  const rest = [...parser.push(decodeChunk(decoder, new Uint8Array(0), lastLine, false)), ...parser.end()];
  if (rest.length > 0) yield rest;
}

function decodeChunk(decoder: TextDecoder, bytes: Uint8Array, lastLine: number, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw new CsvEncodingError(`the file is not valid UTF-8 (the problem is after line ${lastLine}); save it as "CSV UTF-8"`);
  }
}
