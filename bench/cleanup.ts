// Everything the benchmark starts (child processes, a PostgreSQL cluster, temp directories) registers
// a synchronous undo here, so it is removed on success, on failure, on SIGINT/SIGTERM and at exit.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Undo = () => void;

const undos = new Set<Undo>();
let installed = false;

/** Registers `undo` (synchronous, safe to run twice); returns a function that runs it now and forgets it. */
export function onCleanup(undo: Undo): () => void {
  undos.add(undo);
  return () => {
    if (!undos.delete(undo)) return;
    undo();
  };
}

/** Runs every registered undo, newest first; errors are reported, never thrown. */
export function cleanupAll(): void {
  for (const undo of [...undos].reverse()) {
    undos.delete(undo);
    try {
      undo();
    } catch (error) {
      process.stderr.write(`bench cleanup: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}

/** On SIGINT/SIGTERM/SIGHUP: clean up and exit 130; at any exit: clean up what is left. */
export function installCleanupHandlers(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping child processes and removing temp files\n`);
      cleanupAll();
      process.exit(130);
    });
  }
  process.once('exit', cleanupAll);
}

/** A new temp directory that is removed at cleanup. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, remove };
}
