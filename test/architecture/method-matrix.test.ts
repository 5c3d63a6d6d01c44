// docs/architecture.md's flow × method matrix is checked here: every cell names a file that exists
// and exports that method's part in that flow, and every method a flow lists is in the matrix.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FLOWS = ['login', 'registration', 'recovery', 'settings'] as const;

interface Cell {
  method: string;
  flow: (typeof FLOWS)[number];
  file: string;
  exportName: string;
}

/** The table under "## Flow × method": a row per method, a column per flow, cells `` `path` `export` ``. */
function readMatrix(): Cell[] {
  const text = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
  const section = text.split(/^## /m).find((part) => part.startsWith('Flow × method'));
  if (!section) throw new Error('docs/architecture.md has no "## Flow × method" section');
  const rows = section.split('\n').filter((line) => line.startsWith('|')).map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
  const [header, , ...body] = rows;
  expect(header?.slice(1).map((name) => name.toLowerCase())).toEqual([...FLOWS]);
  return body.flatMap((row) =>
    FLOWS.flatMap((flow, index) => {
      const cell = row[index + 1] ?? '';
      if (cell === '' || cell === '—') return [];
      const match = /^`([^`]+)` `([A-Za-z]+)`$/.exec(cell);
      if (!match) throw new Error(`cell "${cell}" (${row[0]} × ${flow}) is not \`path\` \`export\``);
      return [{ method: row[0]!.replace(/`/g, ''), flow, file: match[1]!, exportName: match[2]! }];
    }),
  );
}

/** Every method object a flow's list file (flows/<flow>/methods.ts and friends) exports. */
async function listedMethods(flow: string): Promise<Set<unknown>> {
  const listed = new Set<unknown>();
  for (const file of ['methods.ts', 'second-factors.ts']) {
    const full = path.join(ROOT, 'src/flows', flow, file);
    if (!existsSync(full)) continue;
    const module = (await import(pathToFileURL(full).href)) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (typeof value !== 'object' || value === null) continue;
      const entries = 'name' in value ? [value] : Object.values(value);
      for (const entry of entries) if (typeof entry === 'object' && entry !== null && 'name' in entry) listed.add(entry);
    }
  }
  return listed;
}

describe('the flow × method matrix of docs/architecture.md', () => {
  const cells = readMatrix();

  it('names, in every cell, a method file that exists and exports the method for that flow, from the flow’s list', async () => {
    expect(cells.length).toBeGreaterThan(10);
    for (const cell of cells) {
      const full = path.join(ROOT, cell.file);
      expect(existsSync(full), `${cell.file} exists`).toBe(true);
      expect(cell.file.startsWith('src/methods/') && cell.file.endsWith(`/${cell.flow}.ts`), `${cell.file} is methods/<method>/${cell.flow}.ts`).toBe(true);
      const module = (await import(pathToFileURL(full).href)) as Record<string, unknown>;
      const exported = module[cell.exportName];
      expect(exported, `${cell.file} exports ${cell.exportName}`).toBeTypeOf('object');
      expect((await listedMethods(cell.flow)).has(exported), `${cell.exportName} is in the ${cell.flow} flow's method list`).toBe(true);
    }
  });

  it('lists every method each flow uses', async () => {
    for (const flow of FLOWS) {
      const named = new Set(await Promise.all(cells.filter((cell) => cell.flow === flow).map(async (cell) => ((await import(pathToFileURL(path.join(ROOT, cell.file)).href)) as Record<string, unknown>)[cell.exportName])));
      for (const method of await listedMethods(flow)) expect(named.has(method), `${flow}: ${(method as { name: string }).name} is in the matrix`).toBe(true);
    }
  });
});
