// Measuring: HTTP load with autocannon (in this process, against a server in another process) and the
// in-process argon2id baseline.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { PasswordHasher } from '../src/security/hashing.js';

export interface LoadResult {
  /** Successful (2xx) responses per second over the measured window. */
  rps: number;
  ok: number;
  mismatches: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  connections: number;
  /** Latency of 2xx responses in ms, from every response (not autocannon's 1 ms-bucket histogram). */
  latency: { p50: number; p99: number; max: number };
  statusCodes: Record<string, number>;
  /** CPU time of the server's main thread per answer, in µs (user and system), when its pid was given. */
  mainThreadPerAnswer: { user: number; system: number } | null;
}

export interface LoadOptions {
  url: string;
  connections: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Per connection: the requests it cycles through (e.g. a rotated list of sign-ins). */
  requestsFor?: (connection: number) => autocannon.Request[];
  /** Per connection: extra headers (e.g. its own session cookie). */
  headersFor?: (connection: number) => Record<string, string>;
  /** A 2xx answer only counts when its body passes this check (e.g. sign-in really led home). */
  verifyBody?: (body: string) => boolean;
  /** The server's pid: its main thread's CPU time during the run is kept (mainThreadCpu). */
  serverPid?: number;
}

/** One autocannon run, with every 2xx latency kept (when `latencies` is given). */
export interface LoadPart {
  /** 2xx answers whose body passed `verifyBody`. */
  ok: number;
  /** 2xx answers whose body did not. */
  mismatches: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  connections: number;
  latencies: Float64Array;
  statusCodes: Record<string, number>;
  /** CPU ms of the server's main thread during the run, when `serverPid` was given and /proc has it. */
  mainThreadMs: { user: number; system: number } | null;
}

/** Clock ticks per second, the unit of /proc's CPU times: asked of `getconf CLK_TCK` once (100 if it cannot say). */
let ticksPerSecond: number | undefined;
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    let answer = NaN;
    try {
      answer = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    } catch {
      // No getconf: Linux's usual value.
    }
    ticksPerSecond = Number.isSafeInteger(answer) && answer > 0 ? answer : 100;
  }
  return ticksPerSecond;
}

/**
 * CPU time the main thread of process `pid` has used so far, in ms (Linux: its thread id is its pid;
 * /proc counts in clock ticks). Node has no API for another process's CPU time, nor for one thread
 * of it before Node 23.9. It does not move with the load other programs put on the machine the way
 * req/s does, so it is the figure to compare code by on a shared machine.
 */
export function mainThreadCpu(pid: number): { user: number; system: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const msPerTick = 1000 / clockTicksPerSecond();
    return { user: Number(fields[11]) * msPerTick, system: Number(fields[12]) * msPerTick };
  } catch {
    return null;
  }
}

/** A run that is not measured: warms the server's JIT and caches. */
export async function warmUp(options: LoadOptions, seconds: number): Promise<void> {
  if (seconds > 0) await runLoad(options, seconds);
}

export async function runLoad(options: LoadOptions, seconds: number): Promise<LoadPart> {
  let next = 0;
  let mismatches = 0;
  const latencies: number[] = [];
  const verify = options.verifyBody;
  // autocannon's own verifyBody also judges non-2xx answers; this counts only 2xx ones with a wrong body.
  const checked = (requests: autocannon.Request[]): autocannon.Request[] =>
    verify
      ? requests.map((request) => ({
          ...request,
          onResponse: (status: number, body: string) => {
            if (status >= 200 && status < 300 && !verify(body)) mismatches++;
          },
        }))
      : requests;
  const setupClient = (client: autocannon.Client) => {
    const index = next++;
    if (options.requestsFor) client.setRequests(checked(options.requestsFor(index)));
    else if (verify) client.setRequests(checked([{ method: options.method ?? 'GET', path: new URL(options.url).pathname }]));
    if (options.headersFor) client.setHeaders({ ...options.headers, ...options.headersFor(index) });
    client.on('response', (status: number, _bytes: number, responseTime: number) => {
      if (status >= 200 && status < 300) latencies.push(responseTime);
    });
  };
  const cpuBefore = options.serverPid === undefined ? null : mainThreadCpu(options.serverPid);
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: seconds,
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    setupClient,
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (stat as { count: number }).count;
  return {
    ok: result['2xx'] - mismatches,
    mismatches,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    connections: options.connections,
    latencies: Float64Array.from(latencies),
    statusCodes,
    mainThreadMs: cpuUsed(cpuBefore, options.serverPid === undefined ? null : mainThreadCpu(options.serverPid)),
  };
}

function cpuUsed(before: { user: number; system: number } | null, after: { user: number; system: number } | null) {
  return before && after ? { user: after.user - before.user, system: after.system - before.system } : null;
}

/** Several runs against the same target as one figure: totals over total time, latency over all responses. */
export function combine(parts: LoadPart[]): LoadResult {
  const sum = (pick: (p: LoadPart) => number) => parts.reduce((total, p) => total + pick(p), 0);
  const statusCodes: Record<string, number> = {};
  for (const part of parts) for (const [code, count] of Object.entries(part.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  const all = new Float64Array(sum((p) => p.latencies.length));
  let at = 0;
  for (const part of parts) {
    all.set(part.latencies, at);
    at += part.latencies.length;
  }
  all.sort();
  const seconds = sum((p) => p.seconds);
  return {
    rps: sum((p) => p.ok) / seconds,
    ok: sum((p) => p.ok),
    mismatches: sum((p) => p.mismatches),
    non2xx: sum((p) => p.non2xx),
    errors: sum((p) => p.errors),
    timeouts: sum((p) => p.timeouts),
    seconds,
    connections: parts[0]?.connections ?? 0,
    latency: { p50: percentile(all, 0.5), p99: percentile(all, 0.99), max: all[all.length - 1] ?? NaN },
    statusCodes,
    mainThreadPerAnswer: perAnswer(parts),
  };
}

function perAnswer(parts: LoadPart[]): { user: number; system: number } | null {
  if (parts.length === 0 || parts.some((p) => p.mainThreadMs === null)) return null;
  const answers = parts.reduce((n, p) => n + p.ok + p.mismatches + p.non2xx, 0);
  if (answers === 0) return null;
  const sum = (pick: (cpu: { user: number; system: number }) => number) => parts.reduce((total, p) => total + pick(p.mainThreadMs!), 0);
  return { user: (1000 * sum((cpu) => cpu.user)) / answers, system: (1000 * sum((cpu) => cpu.system)) / answers };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * The sign-in baseline: `concurrency` loops, each verifying the password over and over through the
 * same PasswordHasher the server uses, for `seconds`. Returns verifies per second. Each loop
 * finishes its last verify, so the window ends up to one verify later than asked; the rate divides by
 * the real elapsed time.
 */
export async function measureVerifies(hasher: PasswordHasher, stored: string, password: string, concurrency: number, seconds: number): Promise<{ rate: number; count: number; seconds: number }> {
  let count = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  const loop = async () => {
    while (process.hrtime.bigint() < end) {
      if (!(await hasher.verify(stored, password))) throw new Error('baseline verify returned false');
      count++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  return { rate: count / elapsed, count, seconds: elapsed };
}
