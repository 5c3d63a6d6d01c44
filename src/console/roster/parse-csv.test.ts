import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvEncodingError, CsvParser, readCsvRecords, type CsvRecord } from './parse-csv.js';

/** Parses `text` split into chunks of `size` characters, so records cross chunk boundaries. */
function parse(text: string, size = text.length || 1): CsvRecord[] {
  const parser = new CsvParser();
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
  out.push(...parser.end());
  return out;
}

async function readAll(bytes: Buffer, chunkSize: number): Promise<CsvRecord[]> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const out: CsvRecord[] = [];
  for await (const records of readCsvRecords(Readable.from(chunks))) out.push(...records);
  return out;
}

describe('CsvParser', () => {
  it('reads LF and CRLF lines, with or without a final newline', () => {
    const expected = [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
    ];
    expect(parse('a,b\nc,d\n')).toEqual(expected);
    expect(parse('a,b\r\nc,d\r\n')).toEqual(expected);
    expect(parse('a,b\r\nc,d')).toEqual(expected);
  });

  it('strips a byte order mark from the first field only', () => {
    expect(parse('\uFEFFemployee_id,x\n1,\uFEFF')).toEqual([
      { line: 1, fields: ['employee_id', 'x'] },
      { line: 2, fields: ['1', '\uFEFF'] },
    ]);
  });

  it('keeps commas, doubled quotes and newlines inside quoted fields, numbering records by their first line', () => {
    const text = 'id,name\r\n1,"Lopez, Jr."\r\n2,"say ""hi"""\r\n3,"two\r\nlines"\r\n4,last\r\n';
    expect(parse(text)).toEqual([
      { line: 1, fields: ['id', 'name'] },
      { line: 2, fields: ['1', 'Lopez, Jr.'] },
      { line: 3, fields: ['2', 'say "hi"'] },
      { line: 4, fields: ['3', 'two\r\nlines'] },
      { line: 6, fields: ['4', 'last'] },
    ]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = 'id,name\r\n1,"Lopez, Jr."\r\n2,"say ""hi"""\r\n3,"two\nlines"\n\n4,"",x\r\n5,end';
    const whole = parse(text);
    for (const size of [1, 2, 3, 5, 7, 11]) expect(parse(text, size)).toEqual(whole);
  });

  it('skips blank lines but still counts them', () => {
    expect(parse('a\n\n\r\nb\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 4, fields: ['b'] },
    ]);
  });

  it('reports an unclosed quote and text after a closing quote as malformed records', () => {
    expect(parse('a,"b"c\nd,e\n')).toEqual([
      { line: 1, fields: [], error: 'unexpected text after a closing quote' },
      { line: 2, fields: ['d', 'e'] },
    ]);
    expect(parse('a,b\nc,"never closed\nmore\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: [], error: 'a quoted field is never closed' },
      { line: 3, fields: ['more'] },
    ]);
  });

  it('gives up on a quote still open after 64 KiB, reporting its line and reading on', () => {
    const filler = Array.from({ length: 5_000 }, (_, i) => `${i},name ${i}`).join('\n');
    const text = `a,b\nc,"stray\n${filler}\nlast,line\n`;
    const records = parse(text, 4096);
    expect(parse(text)).toEqual(records);
    expect(records[1]).toEqual({ line: 2, fields: [], error: 'a quoted field is never closed' });
    expect(records[2]).toEqual({ line: 3, fields: ['0', 'name 0'] });
    expect(records.at(-1)).toEqual({ line: 5_003, fields: ['last', 'line'] });
  });
});

describe('readCsvRecords', () => {
  it('decodes UTF-8 split inside a character and strips the BOM', async () => {
    const bytes = Buffer.from('\uFEFFid,name\n1,Zoë Ñúñez\n2,"Émile, fils"\n', 'utf8');
    const records = await readAll(bytes, 3);
    expect(records).toEqual([
      { line: 1, fields: ['id', 'name'] },
      { line: 2, fields: ['1', 'Zoë Ñúñez'] },
      { line: 3, fields: ['2', 'Émile, fils'] },
    ]);
  });

  it('refuses bytes that are not UTF-8, naming the last good line', async () => {
    const bytes = Buffer.concat([Buffer.from('id,name\n1,ok\n2,'), Buffer.from([0xe9]), Buffer.from('mile\n')]);
    await expect(readAll(bytes, 1024)).rejects.toThrow(CsvEncodingError);
    await expect(readAll(bytes, 1024)).rejects.toThrow(/not valid UTF-8/);
  });
});
