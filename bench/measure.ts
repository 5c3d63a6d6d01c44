// Measuring: HTTP load with autocannon (in this process, against a server in another process) and the
// in-process argon2id baseline.
import autocannon from 'autocannon';
import type { PasswordHasher } from '../src/security/hashing.js';

export interface LoadResult {
  /** Successful (2xx) responses per second over the measured window. */
  rps: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  connections: number;
  /** Latency of 2xx responses in ms, from every response (not autocannon's 1 ms-bucket histogram). */
  latency: { p50: number; p99: number; max: number };
  statusCodes: Record<string, number>;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  /** A discarded run first, so the server's JIT and caches are warm. */
  warmupSeconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Per connection: the requests it cycles through (e.g. a rotated list of sign-ins). */
  requestsFor?: (connection: number) => autocannon.Request[];
  /** Per connection: extra headers (e.g. its own session cookie). */
  headersFor?: (connection: number) => Record<string, string>;
  /** Called while the measured run is going (not during warm-up), e.g. to sample memory. */
  during?: () => () => void;
}

export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await runOnce(options, options.warmupSeconds, null);
  const latencies: number[] = [];
  const stopSide = options.during?.();
  try {
    return await runOnce(options, options.seconds, latencies);
  } finally {
    stopSide?.();
  }
}

async function runOnce(options: LoadOptions, seconds: number, latencies: number[] | null): Promise<LoadResult> {
  let next = 0;
  const setupClient = (client: autocannon.Client) => {
    const index = next++;
    if (options.requestsFor) client.setRequests(options.requestsFor(index));
    if (options.headersFor) client.setHeaders({ ...options.headers, ...options.headersFor(index) });
    if (latencies) {
      client.on('response', (status: number, _bytes: number, responseTime: number) => {
        if (status >= 200 && status < 300) latencies.push(responseTime);
      });
    }
  };
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
  const sorted = latencies ? Float64Array.from(latencies).sort() : null;
  return {
    rps: result['2xx'] / result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    connections: options.connections,
    latency: sorted
      ? { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? NaN }
      : { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    statusCodes,
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * The sign-in baseline: `concurrency` loops, each verifying the password over and over through the
 * same PasswordHasher the server uses, for `seconds`. Returns verifies per second.
 */
export async function measureVerifies(hasher: PasswordHasher, stored: string, password: string, concurrency: number, seconds: number): Promise<{ rate: number; count: number; seconds: number }> {
  // Warm-up: one verify per loop, not counted.
  await Promise.all(Array.from({ length: concurrency }, () => hasher.verify(stored, password)));
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
