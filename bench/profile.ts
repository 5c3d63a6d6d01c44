// `node dist/bench/profile.js [/home|/api/v1/me|...] [--postgres] [--seconds N]`: where a signed-in
// request's server time goes. Seeds the benchmark's database (bench/run.ts), starts Portico with
// --cpu-prof, loads one path with 50 connections (one session each of 10), stops the server and
// prints the busiest functions and packages by self time, as shares of the server's busy time.
// bench/README.md keeps what it showed before and after each change. `--file X.cpuprofile` only
// summarises a profile written by `node --cpu-prof` (e.g. of dist/bench/roster-import.js).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PasswordHasher } from '../src/security/hashing.js';
import { cleanupAll, installCleanupHandlers, tempDir } from './cleanup.js';
import { runLoad, warmUp } from './measure.js';
import { startPostgres } from './postgres.js';
import { benchConfig, seedDatabase, sessionCookies, startPortico } from './run.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function place(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const own = /dist\/(src\/.*)$/.exec(url)?.[1];
  if (own) return own;
  return url.startsWith('node:') ? url : url === '' ? '(native)' : path.basename(url);
}

/** Self time by function and by package or file, as shares of the non-idle time. */
export function summarise(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  // Inclusive time of Portico's own functions (each counted once per sample, however deep it recurses).
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const ownInclusive = new Map<string, number>();
  let busy = 0;
  for (const [id, time] of selfTime) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)!.callFrame;
      const where = place(frame.url);
      if (!where.startsWith('src/') || frame.functionName === '(idle)') continue;
      const name = `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}`;
      if (!seen.has(name)) ownInclusive.set(name, (ownInclusive.get(name) ?? 0) + time);
      seen.add(name);
    }
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    busy += time;
    const where = place(url);
    byFunction.set(`${functionName || '(anonymous)'}  ${where}:${lineNumber + 1}`, (byFunction.get(`${functionName || '(anonymous)'}  ${where}:${lineNumber + 1}`) ?? 0) + time);
    byPlace.set(where, (byPlace.get(where) ?? 0) + time);
  }
  const list = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, time]) => `  ${((100 * time) / busy).toFixed(1).padStart(5)} %  ${name}`)
      .join('\n');
  return `busy ${(busy / 1e6).toFixed(1)} s of the server's main thread\n\nby package or file (self time):\n${list(byPlace)}\n\nby function (self time):\n${list(byFunction)}\n\nPortico's functions (inclusive time):\n${list(ownInclusive)}\n`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const fileAt = args.indexOf('--file');
  if (fileAt >= 0) {
    process.stdout.write(summarise(JSON.parse(readFileSync(args[fileAt + 1] ?? '', 'utf8')) as CpuProfile));
    return;
  }
  const target = args.find((a) => a.startsWith('/')) ?? '/api/v1/me';
  const postgres = args.includes('--postgres');
  const secondsAt = args.indexOf('--seconds');
  const seconds = secondsAt >= 0 ? Number(args[secondsAt + 1]) : 10;
  installCleanupHandlers();
  const work = tempDir('portico-profile-');
  try {
    const config = benchConfig(work.dir);
    const cluster = postgres ? await startPostgres() : null;
    const url = cluster ? await cluster.createDatabase('portico_profile') : `sqlite:${path.join(work.dir, 'portico.db')}`;
    const accounts = await seedDatabase(url, 20, new PasswordHasher(config.argon2, config.hashConcurrency));
    const profileDir = path.join(work.dir, 'profile');
    const server = await startPortico('portico (profiled)', url, work.dir, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
    const cookies = await sessionCookies(server, accounts, 10);
    const load = { url: `${server.url}${target}`, connections: 50, headersFor: (connection: number) => ({ cookie: cookies[connection % cookies.length]! }) };
    await warmUp(load, 2);
    const part = await runLoad(load, seconds);
    await server.stop();
    const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error('the server wrote no profile');
    process.stdout.write(`GET ${target} on ${postgres ? 'PostgreSQL' : 'SQLite'}: ${Math.round(part.ok / part.seconds)} req/s over ${part.seconds} s (${part.non2xx} non-2xx)\n`);
    process.stdout.write(summarise(JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile));
    cluster?.stop();
  } finally {
    cleanupAll();
  }
}

await main();
