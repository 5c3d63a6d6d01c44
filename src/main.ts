#!/usr/bin/env node
// The `portico` command line (SPEC §14.3). Each command lives in its own file under src/cli/.
import { Command, CommanderError } from 'commander';
import { ConfigError } from './config/load.js';
import { CommandError, EXIT } from './cli/context.js';
import { registerCommands } from './cli/commands.js';
import { readVersion } from './cli/version.js';

const program = new Command('portico')
  .description('Portico employee portal')
  .version(readVersion(), '-V, --version', 'print the version')
  .exitOverride()
  .showHelpAfterError()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version exit through here with code 0.
    if (error.exitCode === 0) return EXIT.done;
    return EXIT.usage;
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`portico: configuration error: ${error.message}\n`);
    return EXIT.failed;
  }
  if (error instanceof CommandError) {
    process.stderr.write(`portico: ${error.message}\n`);
    return error.exitCode;
  }
  process.stderr.write(`portico: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.failed;
}
