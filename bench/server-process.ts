// A server under test as a separate child process: started, awaited until it prints its address,
// sampled for memory, and stopped (SIGTERM, then SIGKILL) — also when the benchmark is interrupted.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** dist/src/main.js, seen from dist/bench/. */
export const PORTICO_MAIN = path.resolve(HERE, '..', 'src', 'main.js');
/** dist/bench/hello-world.js. */
export const HELLO_WORLD_MAIN = path.join(HERE, 'hello-world.js');

export interface ChildServer {
  label: string;
  pid: number;
  /** Origin, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Last output lines, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Starts `node <script> ...args` and resolves once a stdout line matches `ready` (group 1 = the URL).
 * Output is drained continuously so a chatty child never blocks on a full pipe.
 */
export async function startNodeServer(options: {
  label: string;
  script: string;
  args?: string[];
  /** Flags for node itself, e.g. --cpu-prof. */
  nodeArgs?: string[];
  env: Record<string, string>;
  cwd: string;
  ready: RegExp;
}): Promise<ChildServer> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script, ...(options.args ?? [])], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forget = onCleanup(() => killNow(child));
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stderr.on('data', keep);

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    let listening = false;
    const timer = setTimeout(() => fail(new Error(`${options.label} did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      forget();
      reject(new Error(`${error.message}\n--- ${options.label} output ---\n${tail}`));
    };
    child.on('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`${options.label} exited before listening (code ${code}, signal ${signal})`)));
    child.stdout.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (listening) return;
      stdout += chunk.toString('utf8');
      const match = options.ready.exec(stdout);
      if (match?.[1]) {
        listening = true;
        stdout = '';
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        resolve(match[1]);
      }
    });
  });
  if (child.pid === undefined) throw new Error(`${options.label}: no pid`);

  return {
    label: options.label,
    pid: child.pid,
    url: url.replace(/\/$/, ''),
    output: () => tail,
    stop: async () => {
      if (exited(child)) {
        forget();
        return;
      }
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await done;
      clearTimeout(timer);
      forget();
    },
  };
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function killNow(child: ChildProcess): void {
  if (!exited(child)) child.kill('SIGKILL');
}

/** Resident set size of `pid` in bytes now, and its high-water mark (VmHWM) when /proc has it. */
export function readRss(pid: number): { rss: number; hwm: number | null } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => {
      const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) * 1024 : null;
    };
    const rss = kib('VmRSS');
    if (rss !== null) return { rss, hwm: kib('VmHWM') };
  } catch {
    // Not Linux, or the process is gone: fall back to ps.
  }
  const ps = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
  const kib = Number(ps.stdout.trim());
  return ps.status === 0 && kib > 0 ? { rss: kib * 1024, hwm: null } : null;
}

/** Samples the RSS of `pid` every `everyMs` until stopped; returns the peak seen (and VmHWM at the end). */
export function sampleRss(pid: number, everyMs = 50): { stop(): { peak: number; hwm: number | null; samples: number } } {
  let peak = 0;
  let samples = 0;
  const take = () => {
    const now = readRss(pid);
    if (now) {
      samples++;
      peak = Math.max(peak, now.rss);
    }
    return now;
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const last = take();
      return { peak, hwm: last?.hwm ?? null, samples };
    },
  };
}
