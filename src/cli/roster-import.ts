// `portico roster import FILE [--dry-run] [--full] [--skip-invalid] [--pins-out FILE]` (ROSTER-1..5).
// An import that would create employees must be given --pins-out: their PINs exist only in that file
// (the database keeps a keyed hash), so an import without it is refused rather than losing them.
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { importRoster, type ImportCounts, type ImportReport } from '../console/roster/import-roster.js';
import { PinsFile, PinsFileError } from '../console/roster/pins-file.js';
import { CommandError, EXIT, openCliContext } from './context.js';
import { cliOperator } from './operator.js';

interface RosterImportOptions {
  dryRun?: boolean;
  full?: boolean;
  skipInvalid?: boolean;
  pinsOut?: string;
}

const ERRORS_SHOWN = 50;

export function registerRosterImport(program: Command): void {
  const roster = program.commands.find((command) => command.name() === 'roster') ?? program.command('roster').description('manage the employee roster');
  roster
    .command('import')
    .description('import the employee roster from a CSV file (new employees get an account and a one-time PIN)')
    .argument('<file>', 'CSV with the header employee_id,given_name,family_name,country,status,separation_date,email,mobile,language')
    .option('--dry-run', 'validate the file and show what would change, without writing anything')
    .option('--full', 'the file is the whole roster: mark current employees missing from it as separated')
    .option('--skip-invalid', 'import the valid lines even when some lines are invalid')
    .option('--pins-out <file>', "write the new employees' PINs to this new CSV file (mode 0600); required when employees are created")
    .action((file: string, options: RosterImportOptions) => runRosterImport(file, options));
}

async function runRosterImport(file: string, options: RosterImportOptions): Promise<void> {
  await checkReadable(file);
  const pinsFile = options.pinsOut && !options.dryRun ? createPinsFile(options.pinsOut) : null;
  const context = await openCliContext().catch((error: unknown) => {
    pinsFile?.discard();
    throw error;
  });
  const { storage } = context;
  const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: 'Importing [{bar}] {percentage}% | {eta_formatted} left', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  const cli = cliOperator();
  let report: ImportReport;
  try {
    bar?.start(100, 0);
    report = await importRoster(
      context,
      file,
      {
        dryRun: options.dryRun ?? false,
        full: options.full ?? false,
        skipInvalid: options.skipInvalid ?? false,
        actor: { actorId: null, ...cli.meta, operator: cli.operator },
        onProgress: (done, total) => bar?.update(total > 0 ? Math.floor((done / total) * 100) : 0),
        beforeCommit: (counts, pins) => {
          if (counts.created > 0 && !pinsFile) throw new CommandError(missingPinsFileMessage(counts));
          pinsFile?.write(pins);
        },
      },
    );
  } catch (error) {
    pinsFile?.discard();
    throw describeReadError(error, file);
  } finally {
    bar?.stop();
    await storage.close();
  }
  if (pinsFile && report.pins.length === 0) pinsFile.discard();
  printErrors(report.errors);
  process.stdout.write(`${summarise(report, options)}\n`);
  if (pinsFile && report.pins.length > 0) process.stdout.write(`PINs of ${plural(report.pins.length, 'new employee')} written to ${options.pinsOut} (readable by you only)\n`);
  // The summary above already says why; exit 1 without repeating it.
  if (report.refused) process.exitCode = EXIT.failed;
}

function createPinsFile(path: string): PinsFile {
  try {
    return PinsFile.create(path);
  } catch (error) {
    throw error instanceof PinsFileError ? new CommandError(error.message) : error;
  }
}

function missingPinsFileMessage(counts: ImportCounts): string {
  return (
    `this import would create ${plural(counts.created, 'new employee')}, each with a one-time PIN that exists only in the PIN file; ` +
    'run it again with --pins-out FILE (or preview it with --dry-run). Nothing was written.'
  );
}

function summarise(report: ImportReport, options: RosterImportOptions): string {
  const seconds = report.durationMs / 1000;
  const lines = report.created + report.updated + report.unchanged + report.invalid;
  const rate = seconds > 0 ? Math.round(lines / seconds) : lines;
  const timing = `${seconds.toFixed(1)} s, ${rate.toLocaleString('en-US')} rows/s`;
  if (report.refused) {
    const advice = report.fileProblem ? 'Fix the problem above.' : 'Fix the lines above, or import only the valid ones with --skip-invalid.';
    return `Refused: ${plural(report.invalid, 'invalid line')}; nothing was written (${timing}). ${advice}`;
  }
  const counts = `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.invalid} invalid, ${report.separated} separated`;
  return options.dryRun ? `Dry run, nothing was written: would be ${counts} (${timing}).` : `Imported: ${counts} (${timing}).`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function printErrors(errors: string[]): void {
  for (const error of errors.slice(0, ERRORS_SHOWN)) process.stderr.write(`${error}\n`);
  if (errors.length > ERRORS_SHOWN) process.stderr.write(`… and ${errors.length - ERRORS_SHOWN} more\n`);
}

async function checkReadable(file: string): Promise<void> {
  const info = await stat(file).catch((error: unknown) => {
    throw describeReadError(error, file);
  });
  if (!info.isFile()) throw new CommandError(`cannot read ${file}: not a file`);
}

/** Turns a file error into one line without a stack trace; anything else passes through. */
function describeReadError(error: unknown, file: string): unknown {
  if (error instanceof PinsFileError) return new CommandError(error.message);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'it is a directory' };
  return code && reasons[code] ? new CommandError(`cannot read ${file}: ${reasons[code]}`) : error;
}
