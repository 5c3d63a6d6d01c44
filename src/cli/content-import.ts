// `portico content import news|tasks|reviews|benefits FILE` (HOME-3): HR's content by CSV. Every
// problem is reported as `line N: …` and any problem writes nothing; re-importing a file updates
// the items with the same `ref` instead of adding them again.
import { readFile, stat } from 'node:fs/promises';
import { Argument, type Command } from 'commander';
import { CSV_COLUMNS, ContentFileError } from '../console/content/content-csv.js';
import { importContent } from '../console/content/import-content.js';
import { CONTENT_KINDS, type ContentKind } from '../console/content/save-content.js';
import { CommandError, EXIT, openCliContext } from './context.js';
import { cliOperator } from './operator.js';

const ERRORS_SHOWN = 50;
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const NOUNS: Record<ContentKind, [string, string]> = {
  news: ['news article', 'news articles'],
  tasks: ['task', 'tasks'],
  reviews: ['review', 'reviews'],
  benefits: ['benefit plan', 'benefit plans'],
};

const COLUMNS_HELP = [
  '',
  'CSV: UTF-8, a header row naming the columns (in any order), one item per line; optional columns may be left out.',
  ...CONTENT_KINDS.map((kind) => `  ${kind.padEnd(9)}${[...CSV_COLUMNS[kind].required, ...CSV_COLUMNS[kind].optional.map((c) => `[${c}]`)].join(',')}`),
  '',
  'news: one line per language (en, fr-CA, es-PR); the lines sharing a ref form one article. published_at is',
  'YYYY-MM-DD or YYYY-MM-DDTHH:MM (company time zone), empty for now. countries and statuses list codes',
  'separated by ";" or spaces, empty for everyone. A task with assignee_id is for that employee, else for the group.',
  'ref is required: importing the same file again updates those items instead of adding them.',
].join('\n');

export function registerContentImport(program: Command): void {
  const content = program.commands.find((command) => command.name() === 'content') ?? program.command('content').description('manage homepage content: news, tasks, reviews, benefits');
  content
    .command('import')
    .description('import news, tasks, reviews or benefit plans from a CSV file (all lines or none)')
    .addArgument(new Argument('<kind>', 'what the file holds').choices(CONTENT_KINDS))
    .argument('<file>', 'CSV file with a header row')
    .addHelpText('after', COLUMNS_HELP)
    .action((kind: ContentKind, file: string, _options: unknown, command: Command) => runContentImport(kind, file, command));
}

async function runContentImport(kind: ContentKind, file: string, command: Command): Promise<void> {
  const bytes = await readInput(file, command);
  const context = await openCliContext();
  const { storage } = context;
  try {
    const result = await importContent(context, kind, bytes, cliOperator());
    if (!result.ok) {
      for (const problem of result.problems.slice(0, ERRORS_SHOWN)) process.stderr.write(`${problem}\n`);
      if (result.problems.length > ERRORS_SHOWN) process.stderr.write(`… and ${result.problems.length - ERRORS_SHOWN} more\n`);
      process.stdout.write(`Refused: ${plural(result.problems.length, ['problem', 'problems'])}; nothing was written.\n`);
      process.exitCode = EXIT.failed;
      return;
    }
    process.stdout.write(`Imported ${plural(result.count, NOUNS[kind])} (created ${result.created}, updated ${result.updated}).\n`);
  } catch (error) {
    throw error instanceof ContentFileError ? new CommandError(`${file}: ${error.message}`) : error;
  } finally {
    await storage.close();
  }
}

/** The file's bytes. A path that names no file is bad usage (exit 2, with the usage), like a missing argument. */
async function readInput(file: string, command: Command): Promise<Uint8Array> {
  const info = await stat(file).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') command.error(`error: cannot read ${file}: no such file`, { exitCode: EXIT.usage });
    throw new CommandError(`cannot read ${file}: ${code === 'EACCES' ? 'permission denied' : 'not readable'}`);
  });
  if (!info.isFile()) command.error(`error: cannot read ${file}: not a file`, { exitCode: EXIT.usage });
  if (info.size > MAX_FILE_BYTES) throw new CommandError(`${file} is larger than 64 MiB; split it into several files`);
  return readFile(file).catch(() => {
    throw new CommandError(`cannot read ${file}: permission denied`);
  });
}

function plural(count: number, [one, many]: [string, string]): string {
  return `${count} ${count === 1 ? one : many}`;
}
