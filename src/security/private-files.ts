import { chmodSync, closeSync, fchmodSync, mkdirSync, openSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';

// SPEC §15: what Portico writes holds personal data and keys. Every directory it creates for them
// is 0700 and every such file 0600, whatever the umask (a umask only takes bits away, but a lax
// one leaves group and others in; the modes are set explicitly). Directories and files that were
// already there are the operator's and keep their modes.

export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** `dir` and every parent `mkdir` had to create, from the first one created down to `dir`. */
function createdChain(dir: string, firstCreated: string): string[] {
  const chain: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    chain.push(current);
    if (current === path.resolve(firstCreated) || path.dirname(current) === current) return chain;
  }
}

/** Creates `dir` (and its missing parents) as 0700; an existing directory is left as it is. */
export function ensurePrivateDirectorySync(dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  if (first !== undefined) for (const created of createdChain(dir, first)) chmodSync(created, PRIVATE_DIRECTORY_MODE);
}

/** As `ensurePrivateDirectorySync`, off the event loop (the delivery worker writes the outbox). */
export async function ensurePrivateDirectory(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  if (first !== undefined) for (const created of createdChain(dir, first)) await chmod(created, PRIVATE_DIRECTORY_MODE);
}

/** Creates an empty 0600 file when there is none (so SQLite's database, WAL and SHM files start private). */
export function ensurePrivateFileSync(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
}
