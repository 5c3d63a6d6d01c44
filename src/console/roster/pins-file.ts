// ROSTER-4: the PINs of new employees go to a CSV only HR's account can read (mode 0600), never to a
// log or the database. The file is reserved before the import starts, so a name that is taken or a
// folder that cannot be written is found before any work is done.
import { closeSync, fchmodSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import type { IssuedPin } from './roster-writer.js';

/** The PIN file cannot be created or written; the message says why in one line. */
export class PinsFileError extends Error {}

const LINES_PER_WRITE = 10_000;

export class PinsFile {
  private fd: number | null;

  private constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Creates the file empty with mode 0600; refuses a file that already exists so no earlier PINs are overwritten. */
  static create(path: string): PinsFile {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new PinsFileError(`${path} already exists; give a new file name so that earlier PINs are not overwritten`);
      throw new PinsFileError(`cannot create ${path}: ${code === 'ENOENT' ? 'no such folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message}`);
    }
    // The umask can only remove permission bits, but say 0600 explicitly in case the file system ignored the mode.
    fchmodSync(fd, 0o600);
    return new PinsFile(path, fd);
  }

  /** Writes `employee_id,pin,expires_at` lines and flushes them to disk. */
  write(pins: readonly IssuedPin[]): void {
    if (this.fd === null) throw new PinsFileError(`${this.path} is already closed`);
    try {
      writeSync(this.fd, 'employee_id,pin,expires_at\n');
      for (let start = 0; start < pins.length; start += LINES_PER_WRITE) {
        const lines = pins.slice(start, start + LINES_PER_WRITE).map((p) => `${p.employeeId},${p.pin},${new Date(p.expiresAt).toISOString()}\n`);
        writeSync(this.fd, lines.join(''));
      }
      fsyncSync(this.fd);
    } catch (error) {
      throw new PinsFileError(`cannot write ${this.path}: ${(error as Error).message}`);
    } finally {
      this.close();
    }
  }

  /** Removes the file: the import was refused, failed, or created nobody. */
  discard(): void {
    this.close();
    try {
      unlinkSync(this.path);
    } catch {
      // Already gone: nothing to clean up.
    }
  }

  private close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
