// Running the container tools (podman, debootstrap, tar, npm) from the container test: without
// blocking the test worker, everything they print kept in one log, and a failure that shows the
// end of it.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

/**
 * How podman runs containers on these machines: Debian's runc (crun fails on the rlimits and the
 * hybrid cgroups), cgroupfs (no systemd), and explicit limits.
 */
export const PODMAN_GLOBAL = ['--runtime', 'runc', '--cgroup-manager', 'cgroupfs'];
export const ULIMITS = ['--ulimit', 'nofile=20000:20000', '--ulimit', 'nproc=4096:4096'];

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to the command's standard input. */
  input?: string;
  /** Return a non-zero exit instead of throwing. */
  allowFailure?: boolean;
  timeoutMs?: number;
}

export class CommandLog {
  constructor(readonly file: string) {}

  note(line: string): void {
    appendFileSync(this.file, `${line}\n`);
  }

  /** Runs `command`, appending its output to the log. Throws on a non-zero exit unless allowed. */
  run(command: string, args: string[], options: RunOptions = {}): Promise<Result> {
    const shown = `$ ${[command, ...args].join(' ')}`;
    this.note(shown);
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      appendFileSync(this.file, chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      appendFileSync(this.file, chunk);
    });
    child.stdin.end(options.input ?? '');
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    return new Promise((resolve, reject) => {
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`${shown}: ${error.message}`));
      });
      child.once('close', (status) => {
        clearTimeout(timer);
        const result = { status, stdout, stderr };
        if (status === 0 || options.allowFailure) resolve(result);
        else reject(new Error(`${shown} exited with ${status}:\n${tail(`${stdout}\n${stderr}`, 60)}`));
      });
    });
  }

  /** podman with the flags these machines need before the subcommand. */
  podman(args: string[], options: RunOptions = {}): Promise<Result> {
    return this.run('podman', [...PODMAN_GLOBAL, ...args], options);
  }
}

export function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
