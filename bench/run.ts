// `npm run bench`: DESIGN §4 in one table, every figure measured in this run next to a baseline
// measured in this run on this machine. Servers run as separate child processes; the load generator
// (autocannon) and the in-process argon2id baseline run here. Each ratio's figure and baseline are
// measured in interleaved segments (A B B A per round), so a machine that gets busier or quieter
// during the run moves both sides alike. See bench/README.md.
//
//   node dist/bench/run.js            full run (12 s per figure and per baseline, 500,000-row rosters; ~3 min)
//   node dist/bench/run.js --quick    smoke run (2 s per figure and per baseline, 5,000-row rosters; ~30 s)
//   node dist/bench/run.js --json     also print the results as JSON after the table
//   node dist/bench/run.js --large    the same figures on a large database (bench/large.ts; npm run bench --large)
import { existsSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliDecompressSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import type autocannon from 'autocannon';
import { loadConfig } from '../src/config/load.js';
import { normaliseEmail } from '../src/identity/normalise.js';
import { PasswordHasher } from '../src/security/hashing.js';
import { openStorage } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { insertEmployeeWithAccount } from '../src/storage/repositories/employees.js';
import { currentTermsVersion } from '../src/storage/repositories/terms.js';
import { cleanupAll, installCleanupHandlers, tempDir } from './cleanup.js';
import { seedBenchContent } from './seed-content.js';
import { combine, measureVerifies, runLoad, warmUp, type LoadOptions, type LoadPart, type LoadResult } from './measure.js';
import { startPostgres, type PostgresCluster } from './postgres.js';
import { HELLO_WORLD_MAIN, PORTICO_MAIN, sampleRss, startNodeServer, type ChildServer } from './server-process.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const JSON_OUT = args.has('--json');
// `npm run bench --large` reaches the script as npm's `large` setting, not as an argument.
const LARGE_RUN = args.has('--large') || process.env.npm_config_large === 'true';
const RUN_AS_MAIN = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
for (const arg of RUN_AS_MAIN ? args : []) {
  if (arg !== '--quick' && arg !== '--json' && arg !== '--large') {
    process.stderr.write(`unknown option ${arg}\nusage: node dist/bench/run.js [--quick] [--json] [--large]\n`);
    process.exit(2);
  }
}

// Each figure and its baseline get `rounds` × 2 segments of `segmentSeconds` each, interleaved
// A B B A per round. accounts ≥ signInConnections, so that every sign-in connection has its own.
const SETTINGS = QUICK
  ? { segmentSeconds: 1, rounds: 1, warmupSeconds: 0.3, signInConnections: 8, httpConnections: 50, accounts: 20, sessions: 10, rosterRows: 5_000 }
  : { segmentSeconds: 3, rounds: 2, warmupSeconds: 2, signInConnections: 8, httpConnections: 50, accounts: 50, sessions: 10, rosterRows: 500_000 };

const SECRET = 'portico-benchmark-secret-0123456789-abcdefghij';
// DESIGN §4 (raised for issue 14).
const TARGET = { signIn: 0.9, meSqlite: 0.5, mePostgres: 0.35, homeSqlite: 0.25, homePostgres: 0.15, p99Ms: 10, rosterRowsPerSecond: 100_000, loginKiB: 14, loginRequests: 3, rssMiB: 200 };

export interface Account {
  employeeId: string;
  password: string;
}

/** Everything measured; absent when its step failed (see `errors`) or was not possible. */
interface Results {
  argon2?: { rate: number; count: number; seconds: number; parts: number[]; concurrency: number; hashConcurrency: number; params: object };
  /** The hello-world baseline measured around each figure, by figure. */
  helloWorld: Partial<Record<'meSqlite' | 'homeSqlite' | 'mePostgres' | 'homePostgres', LoadResult>>;
  signIn?: LoadResult;
  memory?: { peakSampled: number; hwm: number | null; samples: number };
  meSqlite?: LoadResult;
  homeSqlite?: LoadResult;
  mePostgres?: LoadResult;
  homePostgres?: LoadResult;
  rosterSqlite?: { rowsPerSecond: number | null; rows: number };
  rosterPostgres?: { rowsPerSecond: number | null; rows: number };
  loginPage?: { htmlBytes: number; wireBytes: number; cssBytes: number; htmlGzip: number; cssGzip: number; jsBytes: number; jsGzip: number; requests: string[]; scripts: number; contentEncoding: string | null };
}

const results: Results = { helloWorld: {} };
const errors: Record<string, string> = {};
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

/** Runs one step; a failure is recorded against `key` and the run goes on. */
async function step(key: string, label: string, work: () => Promise<void>): Promise<void> {
  progress(label);
  const started = Date.now();
  try {
    await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    errors[key] = message.split('\n')[0] ?? message;
    process.stderr.write(`bench: ${label} FAILED: ${message}\n`);
  }
  progress(`  ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// Preparation

/**
 * Tuning settings from the environment (e.g. PORTICO_HASH_CONCURRENCY=2 npm run bench) reach both the
 * server and the in-process baseline; the settings the benchmark itself needs cannot be overridden.
 */
const OWN_SETTINGS = new Set(['PORTICO_DATABASE_URL', 'PORTICO_SECRET', 'PORTICO_PORT', 'PORTICO_HOST', 'PORTICO_PUBLIC_URL', 'PORTICO_LOG_LEVEL', 'PORTICO_DATA_DIR', 'PORTICO_CLIENT_FAILURE_LIMIT']);
const TUNING: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith('PORTICO_') && !OWN_SETTINGS.has(entry[0]) && entry[1] !== undefined),
);

export function benchConfig(dir: string) {
  return loadConfig({ env: { ...TUNING, PORTICO_SECRET: SECRET }, cwd: dir });
}

/** Migrates the database and adds `count` registered, eligible accounts with known passwords, and homepage content. */
export async function seedDatabase(databaseUrl: string, count: number, hasher: PasswordHasher): Promise<Account[]> {
  const storage = openStorage(databaseUrl);
  try {
    await migrateToLatest(storage.db);
    const now = Date.now();
    // Accounts that accepted the current terms (REG-2), so a correct password leads home.
    const termsVersion = await currentTermsVersion(storage.db);
    const accounts = Array.from({ length: count }, (_, i) => ({ employeeId: String(700_000 + i), password: `Bench-${i}-Harbor2026` }));
    const hashes = await Promise.all(accounts.map((a) => hasher.hash(a.password)));
    for (const [i, account] of accounts.entries()) {
      await insertEmployeeWithAccount(
        storage.db,
        { employeeId: account.employeeId, givenName: `Bench${i}`, familyName: 'Person', country: 'US', status: 'active' },
        { passwordHash: hashes[i]!, registeredAt: now, email: normaliseEmail(`bench${i}@example.com`), termsVersion },
        now,
      );
    }
    await seedBenchContent(storage.db, accounts.map((a) => a.employeeId), now);
    return accounts;
  } finally {
    await storage.close();
  }
}

export async function startPortico(label: string, databaseUrl: string, workDir: string, nodeArgs: string[] = []): Promise<ChildServer> {
  if (!existsSync(PORTICO_MAIN)) throw new Error(`${PORTICO_MAIN} is missing: run npm run build`);
  return startNodeServer({
    label,
    script: PORTICO_MAIN,
    nodeArgs,
    args: ['serve'],
    cwd: workDir,
    env: {
      ...TUNING,
      PORTICO_DATABASE_URL: databaseUrl,
      PORTICO_SECRET: SECRET,
      PORTICO_PORT: '0',
      PORTICO_LOG_LEVEL: 'warn',
      PORTICO_DATA_DIR: path.join(workDir, 'data'),
      // Every benchmark sign-in is correct, so this never triggers; it is raised only so that a stray
      // failure cannot turn the rest of the run into 429s.
      PORTICO_CLIENT_FAILURE_LIMIT: '100000',
    },
    ready: /Portico is running at (http:\/\/\S+)/,
  });
}

function loginBody(account: Account): string {
  return JSON.stringify({ identifier: account.employeeId, password: account.password });
}

/** Signs in through the API and returns the session cookie ("portico_session=…"). */
async function signIn(server: ChildServer, account: Account): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: loginBody(account) });
  const body = await response.text();
  if (response.status !== 200 || !body.includes('"home"')) throw new Error(`sign-in of ${account.employeeId} answered ${response.status} ${body.slice(0, 200)}`);
  const cookie = response.headers.getSetCookie().find((c) => /^(__Host-)?portico_session=[^;]+/.test(c) && !/^[^=]+=;/.test(c));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie.split(';')[0]!;
}

export async function sessionCookies(server: ChildServer, accounts: Account[], count: number): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) cookies.push(await signIn(server, accounts[i % accounts.length]!));
  return cookies;
}

/** One request without automatic decompression (to see what the server itself sends). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

async function expectOk(server: ChildServer, pathname: string, cookie: string, type: RegExp): Promise<void> {
  const response = await rawGet(`${server.url}${pathname}`, { cookie });
  if (response.status !== 200 || !type.test(String(response.headers['content-type']))) {
    throw new Error(`GET ${pathname} answered ${response.status} ${String(response.headers['content-type'])}, expected 200 ${type}`);
  }
}

type PairedKey = 'meSqlite' | 'homeSqlite' | 'mePostgres' | 'homePostgres';

/**
 * One ratio figure against the hello-world baseline, in rounds of hello-world, Portico, Portico,
 * hello-world (A B B A). Both servers are already running and warm.
 */
async function paired(key: PairedKey, label: string, hello: ChildServer, portico: LoadOptions): Promise<void> {
  await step(key, label, async () => {
    const segment = SETTINGS.segmentSeconds;
    const helloOptions: LoadOptions = { url: `${hello.url}/`, connections: portico.connections, ...(portico.headersFor ? { headersFor: portico.headersFor } : {}) };
    const baseline: LoadPart[] = [];
    const measured: LoadPart[] = [];
    for (let round = 0; round < SETTINGS.rounds; round++) {
      baseline.push(await runLoad(helloOptions, segment));
      measured.push(await runLoad(portico, segment), await runLoad(portico, segment));
      baseline.push(await runLoad(helloOptions, segment));
    }
    results.helloWorld[key] = combine(baseline);
    results[key] = combine(measured);
  });
}

/** Session-check and homepage figures against a running Portico and hello-world. */
async function measureSessionRoutes(server: ChildServer, hello: ChildServer, accounts: Account[], engine: 'Sqlite' | 'Postgres'): Promise<void> {
  const cookies = await sessionCookies(server, accounts, SETTINGS.sessions);
  await expectOk(server, '/api/v1/me', cookies[0]!, /application\/json/);
  await expectOk(server, '/home', cookies[0]!, /text\/html/);
  // Each connection uses one of the sessions; hello-world gets the same cookies (and ignores them).
  const headersFor = (connection: number) => ({ cookie: cookies[connection % cookies.length]! });
  const me: LoadOptions = { url: `${server.url}/api/v1/me`, connections: SETTINGS.httpConnections, headersFor, serverPid: server.pid };
  const home: LoadOptions = { url: `${server.url}/home`, connections: SETTINGS.httpConnections, headersFor, serverPid: server.pid };
  await warmUp(me, SETTINGS.warmupSeconds);
  await warmUp(home, SETTINGS.warmupSeconds);
  await paired(engine === 'Sqlite' ? 'meSqlite' : 'mePostgres', `session check GET /api/v1/me (${engine}) vs hello-world`, hello, me);
  await paired(engine === 'Sqlite' ? 'homeSqlite' : 'homePostgres', `homepage GET /home (${engine}) vs hello-world`, hello, home);
}

async function measureLoginPage(server: ChildServer): Promise<void> {
  const page = await rawGet(`${server.url}/login`, { 'accept-encoding': 'gzip, br' });
  if (page.status !== 200) throw new Error(`GET /login answered ${page.status}`);
  // The figure is gzip of the plain bytes (what a compressing server or proxy sends); what this server
  // itself sends is noted next to it.
  const encoding = page.headers['content-encoding'] ?? null;
  const plain = decode(page.body, encoding);
  const html = plain.toString('utf8');
  const refs = subresources(html);
  let cssBytes = 0;
  let cssGzip = 0;
  let jsBytes = 0;
  let jsGzip = 0;
  const requests = ['/login'];
  for (const ref of refs.links) {
    requests.push(ref);
    const asset = await rawGet(new URL(ref, server.url).href);
    if (asset.status !== 200) throw new Error(`GET ${ref} answered ${asset.status}`);
    // MFA-7: the sign-in page's one script (passkeys) counts in the page's weight.
    if (/javascript/.test(String(asset.headers['content-type']))) {
      jsBytes += asset.body.length;
      jsGzip += gzipSync(asset.body).length;
    }
    if (/text\/css/.test(String(asset.headers['content-type']))) {
      cssBytes += asset.body.length;
      cssGzip += gzipSync(asset.body).length;
      // Fonts and images the stylesheet pulls in are requests too.
      for (const match of asset.body.toString('utf8').matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) {
        if (!match[1]!.startsWith('data:')) requests.push(match[1]!);
      }
    }
  }
  results.loginPage = {
    htmlBytes: plain.length,
    wireBytes: page.body.length,
    cssBytes,
    htmlGzip: gzipSync(plain).length,
    cssGzip,
    jsBytes,
    jsGzip,
    requests,
    scripts: refs.scripts,
    contentEncoding: encoding,
  };
}

function decode(body: Buffer, encoding: string | null): Buffer {
  if (encoding === null || encoding === 'identity') return body;
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === 'deflate') return inflateSync(body);
  throw new Error(`GET /login came with content-encoding ${encoding}`);
}

/** Subresources a browser fetches for this HTML (stylesheets, icons, preloads, scripts, images, frames). */
function subresources(html: string): { links: string[]; scripts: number } {
  const links: string[] = [];
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(2).find((v) => v !== undefined);
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase();
    const href = attr(tag, 'href');
    if (href && /\b(stylesheet|icon|preload|modulepreload|manifest|apple-touch-icon)\b/.test(rel)) links.push(href);
  }
  for (const [tag] of html.matchAll(/<(img|iframe|source|video|audio|embed|object)\b[^>]*>/gi)) {
    const src = attr(tag, 'src') ?? attr(tag, 'data');
    if (src && !src.startsWith('data:')) links.push(src);
  }
  let scripts = 0;
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    scripts++;
    const src = attr(tag, 'src');
    if (src) links.push(src);
  }
  // Inline event handlers are JavaScript too.
  scripts += [...html.matchAll(/<[^>]+\son[a-z]+\s*=/gi)].length;
  return { links, scripts };
}

type RosterBench = (rows: number, databaseUrl: string) => Promise<number>;

/** bench/roster-import.ts is written separately; null when it is not built (yet). */
async function loadRosterBench(): Promise<RosterBench | null> {
  const file = path.join(HERE, 'roster-import.js');
  if (!existsSync(file)) return null;
  const module = (await import(pathToFileURL(file).href)) as { benchRosterImport?: unknown };
  return typeof module.benchRosterImport === 'function' ? (module.benchRosterImport as RosterBench) : null;
}

// ---------------------------------------------------------------------------------------------
// The run

async function main(): Promise<number> {
  installCleanupHandlers();
  const started = Date.now();
  const loadBefore = os.loadavg();
  const work = tempDir('portico-bench-');
  const config = benchConfig(work.dir);
  // The same hasher the server builds (src/app/create-deps.ts): default argon2 parameters and slots.
  const hasher = new PasswordHasher(config.argon2, config.hashConcurrency);
  const sqliteUrl = `sqlite:${path.join(work.dir, 'portico.db')}`;
  let accounts: Account[] = [];

  await step('seed', `seeding ${SETTINGS.accounts} registered accounts (SQLite)`, async () => {
    accounts = await seedDatabase(sqliteUrl, SETTINGS.accounts, hasher);
  });

  // 1. Sign-in, in rounds of: argon2id verify loops in this process (no server running), the server
  //    under sign-in load for two segments, verify loops again (A B B A). Each round starts a fresh
  //    server, since the baseline is measured while no server runs.
  const c = SETTINGS.signInConnections;
  const segment = SETTINGS.segmentSeconds;
  const baselinePassword = 'Bench-baseline-Harbor2026';
  const baselineHash = await hasher.hash(baselinePassword);
  const verifyParts: Awaited<ReturnType<typeof measureVerifies>>[] = [];
  const signInParts: LoadPart[] = [];
  let memory: Results['memory'];
  const verifySegment = (round: number) =>
    step('argon2', `baseline: argon2id verify, ${c} loops in process, ${segment} s (round ${round})`, async () => {
      verifyParts.push(await measureVerifies(hasher, baselineHash, baselinePassword, c, segment));
    });
  const requests = accounts.map((a) => ({ method: 'POST' as const, path: '/api/v1/login', headers: { 'content-type': 'application/json' }, body: loginBody(a) }));
  for (let round = 1; round <= SETTINGS.rounds && accounts.length > 0; round++) {
    await verifySegment(round);
    await step('sqliteSignInServer', `Portico server on SQLite (round ${round})`, async () => {
      const server = await startPortico('portico (SQLite)', sqliteUrl, work.dir);
      try {
        if (round === 1) await step('loginPage', 'login page size and requests', () => measureLoginPage(server));
        await step('signIn', `sign-in POST /api/v1/login, ${c} connections, 2 × ${segment} s (round ${round})`, async () => {
          await signIn(server, accounts[0]!); // Throws unless a correct password leads home.
          const signInLoad: LoadOptions = {
            url: server.url,
            connections: c,
            serverPid: server.pid,
            verifyBody: (body) => body.includes('"next":"home"'),
            // Each connection cycles through its own share of the accounts: every request is another
            // account, and no account is signed in twice at the same time (more than 3 sign-ins of one
            // account in flight at once are refused with 423 by the lockout claim, LOGIN-4).
            requestsFor: (connection): autocannon.Request[] => requests.filter((_, i) => i % c === connection % c),
          };
          await warmUp(signInLoad, SETTINGS.warmupSeconds);
          const sampler = sampleRss(server.pid);
          try {
            signInParts.push(await runLoad(signInLoad, segment), await runLoad(signInLoad, segment));
          } finally {
            const sampled = sampler.stop();
            memory = {
              peakSampled: Math.max(memory?.peakSampled ?? 0, sampled.peak),
              hwm: sampled.hwm === null ? (memory?.hwm ?? null) : Math.max(memory?.hwm ?? 0, sampled.hwm),
              samples: (memory?.samples ?? 0) + sampled.samples,
            };
          }
        });
      } finally {
        await server.stop();
      }
    });
    await verifySegment(round);
  }
  if (memory) results.memory = memory;
  if (signInParts.length === 2 * SETTINGS.rounds) results.signIn = combine(signInParts);
  if (verifyParts.length === 2 * SETTINGS.rounds) {
    const count = verifyParts.reduce((n, h) => n + h.count, 0);
    const seconds = verifyParts.reduce((n, h) => n + h.seconds, 0);
    results.argon2 = { rate: count / seconds, count, seconds, parts: verifyParts.map((h) => h.rate), concurrency: c, hashConcurrency: config.hashConcurrency, params: config.argon2 };
  }

  // 2. Session check and homepage against hello-world, first on SQLite, then on PostgreSQL.
  await step('helloWorld', 'hello-world baseline server', async () => {
    const hello = await startNodeServer({ label: 'hello-world', script: HELLO_WORLD_MAIN, cwd: work.dir, env: {}, ready: /listening at (http:\/\/\S+)/ });
    try {
      await warmUp({ url: `${hello.url}/`, connections: SETTINGS.httpConnections }, SETTINGS.warmupSeconds);
      if (accounts.length > 0) {
        await step('sqliteSessionServer', 'Portico server on SQLite: session check, homepage', async () => {
          const server = await startPortico('portico (SQLite)', sqliteUrl, work.dir);
          try {
            await measureSessionRoutes(server, hello, accounts, 'Sqlite');
          } finally {
            await server.stop();
          }
        });
      }
      await step('postgres', 'PostgreSQL: throwaway cluster, Portico server', async () => {
        cluster = await startPostgres();
        const url = await cluster.createDatabase('portico_bench');
        const pgAccounts = await seedDatabase(url, SETTINGS.sessions, hasher);
        const server = await startPortico('portico (PostgreSQL)', url, work.dir);
        try {
          await measureSessionRoutes(server, hello, pgAccounts, 'Postgres');
        } finally {
          await server.stop();
        }
      });
    } finally {
      await hello.stop();
    }
  });

  // 3. Roster import, in this process, with no server running.
  let rosterBench: RosterBench | null = null;
  await step('rosterLoad', 'loading bench/roster-import', async () => {
    rosterBench = await loadRosterBench();
    if (!rosterBench) progress('  bench/roster-import.js (benchRosterImport) is not built: roster rows are n/a');
  });
  if (!errors.rosterLoad) {
    const bench = rosterBench as RosterBench | null;
    await step('rosterSqlite', `roster import, ${SETTINGS.rosterRows.toLocaleString('en-US')} rows (SQLite)`, async () => {
      const dir = tempDir('portico-bench-roster-');
      try {
        results.rosterSqlite = { rows: SETTINGS.rosterRows, rowsPerSecond: bench ? await bench(SETTINGS.rosterRows, `sqlite:${path.join(dir.dir, 'roster.db')}`) : null };
      } finally {
        dir.remove();
      }
    });
    await step('rosterPostgres', `roster import, ${SETTINGS.rosterRows.toLocaleString('en-US')} rows (PostgreSQL)`, async () => {
      const pgCluster = cluster;
      if (!pgCluster) throw new Error(`no PostgreSQL cluster (${errors.postgres ?? errors.helloWorld ?? 'not started'})`);
      results.rosterPostgres = { rows: SETTINGS.rosterRows, rowsPerSecond: bench ? await bench(SETTINGS.rosterRows, await pgCluster.createDatabase('portico_roster')) : null };
    });
  }
  cluster?.stop();
  work.remove();

  const rows = buildRows();
  const meta = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`,
    node: process.version,
    mode: QUICK ? 'quick' : 'full',
    settings: SETTINGS,
    wallSeconds: Math.round((Date.now() - started) / 1000),
    tuning: TUNING,
    loadAverage: { before: loadBefore.map((l) => Number(l.toFixed(2))), after: os.loadavg().map((l) => Number(l.toFixed(2))) },
  };
  process.stdout.write(renderTable(rows, meta));
  process.stdout.write(renderNotes());
  if (JSON_OUT) process.stdout.write(`${JSON.stringify({ ...meta, rows, results, errors }, null, 2)}\n`);
  return Object.keys(errors).length > 0 ? 1 : 0;
}

let cluster: PostgresCluster | null = null;

// ---------------------------------------------------------------------------------------------
// The table

interface Row {
  figure: string;
  measured: string;
  baseline: string;
  ratio: string;
  target: string;
  met: 'yes' | 'no' | 'n/a' | 'error';
  value: number | null;
  baselineValue: number | null;
}

const rate = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
const pct = (r: number) => `${(r * 100).toFixed(0)} %`;
const MiB = 2 ** 20;

function buildRows(): Row[] {
  const rows: Row[] = [];
  const failed = (figure: string, target: string, ...keys: string[]): Row | null => {
    const key = keys.find((k) => errors[k]);
    return key ? { figure, measured: `error: ${errors[key]!.slice(0, 60)}`, baseline: '—', ratio: '—', target, met: 'error', value: null, baselineValue: null } : null;
  };
  const ratioRow = (figure: string, measured: LoadResult | undefined, baseline: { rate: number; label: string } | undefined, target: number, keys: string[]): Row => {
    const targetText = `≥ ${pct(target)}`;
    const error = failed(figure, targetText, ...keys);
    if (error || !measured || !baseline) return error ?? { figure, measured: 'not measured', baseline: '—', ratio: '—', target: targetText, met: 'error', value: null, baselineValue: null };
    const ratio = measured.rps / baseline.rate;
    return {
      figure,
      measured: `${rate(measured.rps)} req/s`,
      baseline: `${rate(baseline.rate)} ${baseline.label}`,
      ratio: pct(ratio),
      target: targetText,
      met: ratio >= target ? 'yes' : 'no',
      value: measured.rps,
      baselineValue: baseline.rate,
    };
  };
  const plainRow = (figure: string, value: number | undefined, text: (v: number) => string, target: string, ok: (v: number) => boolean, keys: string[]): Row => {
    const error = failed(figure, target, ...keys);
    if (error || value === undefined) return error ?? { figure, measured: 'not measured', baseline: '—', ratio: '—', target, met: 'error', value: null, baselineValue: null };
    return { figure, measured: text(value), baseline: '—', ratio: '—', target, met: ok(value) ? 'yes' : 'no', value, baselineValue: null };
  };

  const c = SETTINGS.signInConnections;
  const hello = (key: PairedKey) => {
    const r = results.helloWorld[key];
    return r ? { rate: r.rps, label: 'req/s hello-world' } : undefined;
  };
  rows.push(
    ratioRow(
      `sign-in POST /api/v1/login (SQLite, ${c} conns)`,
      results.signIn,
      results.argon2 ? { rate: results.argon2.rate, label: `verifies/s (${c} loops)` } : undefined,
      TARGET.signIn,
      ['seed', 'argon2', 'sqliteSignInServer', 'signIn'],
    ),
  );
  const n = SETTINGS.httpConnections;
  rows.push(ratioRow(`session check GET /api/v1/me (SQLite, ${n} conns)`, results.meSqlite, hello('meSqlite'), TARGET.meSqlite, ['seed', 'helloWorld', 'sqliteSessionServer', 'meSqlite']));
  rows.push(ratioRow(`session check GET /api/v1/me (PostgreSQL, ${n} conns)`, results.mePostgres, hello('mePostgres'), TARGET.mePostgres, ['helloWorld', 'postgres', 'mePostgres']));
  rows.push(ratioRow(`homepage GET /home (SQLite, ${n} conns)`, results.homeSqlite, hello('homeSqlite'), TARGET.homeSqlite, ['seed', 'helloWorld', 'sqliteSessionServer', 'homeSqlite']));
  rows.push(ratioRow(`homepage GET /home (PostgreSQL, ${n} conns)`, results.homePostgres, hello('homePostgres'), TARGET.homePostgres, ['helloWorld', 'postgres', 'homePostgres']));
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  rows.push(plainRow(`session check p99 (SQLite, ${n} conns)`, results.meSqlite?.latency.p99, ms, `≤ ${TARGET.p99Ms} ms`, (v) => v <= TARGET.p99Ms, ['seed', 'sqliteSessionServer', 'meSqlite']));
  rows.push(plainRow(`session check p99 (PostgreSQL, ${n} conns)`, results.mePostgres?.latency.p99, ms, `≤ ${TARGET.p99Ms} ms`, (v) => v <= TARGET.p99Ms, ['postgres', 'mePostgres']));
  for (const [engine, key] of [
    ['SQLite', 'rosterSqlite'],
    ['PostgreSQL', 'rosterPostgres'],
  ] as const) {
    const figure = `roster import ${SETTINGS.rosterRows.toLocaleString('en-US')} rows (${engine})`;
    const target = `≥ ${TARGET.rosterRowsPerSecond.toLocaleString('en-US')} rows/s`;
    const roster = results[key];
    if (roster && roster.rowsPerSecond === null) rows.push({ figure, measured: 'n/a (not built)', baseline: '—', ratio: '—', target, met: 'n/a', value: null, baselineValue: null });
    else rows.push(plainRow(figure, roster?.rowsPerSecond ?? undefined, (v) => `${rate(v)} rows/s`, target, (v) => v >= TARGET.rosterRowsPerSecond, ['rosterLoad', key]));
  }
  const page = results.loginPage;
  rows.push(
    plainRow(
      'login page, gzip HTML + CSS + JS',
      page ? (page.htmlGzip + page.cssGzip + page.jsGzip) / 1024 : undefined,
      (v) => `${v.toFixed(1)} KB (${page!.htmlGzip} + ${page!.cssGzip} + ${page!.jsGzip} B)`,
      `≤ ${TARGET.loginKiB} KB`,
      (v) => v <= TARGET.loginKiB,
      ['seed', 'sqliteSignInServer', 'loginPage'],
    ),
  );
  rows.push(plainRow('login page, requests', page?.requests.length, (v) => `${v} (${page!.requests.join(', ')})`, `≤ ${TARGET.loginRequests}`, (v) => v <= TARGET.loginRequests, ['seed', 'sqliteSignInServer', 'loginPage']));
  rows.push(plainRow('login page, JavaScript', page?.scripts, (v) => (v === 0 ? 'none' : `${v} script(s)`), 'no JS', (v) => v === 0, ['seed', 'sqliteSignInServer', 'loginPage']));
  const memory = results.memory;
  rows.push(
    plainRow(
      'memory: server peak RSS under sign-in load',
      memory ? Math.max(memory.peakSampled, memory.hwm ?? 0) / MiB : undefined,
      (v) => `${v.toFixed(0)} MB`,
      `≤ ${TARGET.rssMiB} MB`,
      (v) => v <= TARGET.rssMiB,
      ['seed', 'sqliteSignInServer', 'signIn'],
    ),
  );
  return rows;
}

function renderTable(rows: Row[], meta: { date: string; machine: string; node: string; mode: string; wallSeconds: number; tuning: Record<string, string>; loadAverage: { before: number[]; after: number[] } }): string {
  const header = ['figure', 'measured', 'baseline', 'ratio', 'target', 'met?'];
  const cells = rows.map((r) => [r.figure, r.measured, r.baseline, r.ratio, r.target, r.met]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    '',
    `Portico benchmark (${meta.mode}) — ${meta.date}`,
    `${meta.machine}; Node ${meta.node}; ${meta.wallSeconds} s; load average before ${meta.loadAverage.before.join(' ')}, after ${meta.loadAverage.after.join(' ')}`,
    ...(Object.keys(meta.tuning).length > 0 ? [`settings from the environment: ${Object.entries(meta.tuning).map(([k, v]) => `${k}=${v}`).join(' ')}`] : []),
    '',
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.map(line),
    '',
  ].join('\n');
}

function renderNotes(): string {
  const lines = ['Notes:'];
  const run = (name: string, r: LoadResult | undefined) => {
    if (!r) return;
    const codes = Object.entries(r.statusCodes)
      .map(([code, count]) => `${code}×${count}`)
      .join(' ');
    lines.push(
      `  ${name}: ${r.connections} conns, ${r.seconds.toFixed(1)} s, ${r.ok} ok (${codes || 'none'}${r.mismatches ? `, ${r.mismatches} 2xx with an unexpected body` : ''}), ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts; latency p50 ${r.latency.p50.toFixed(1)} ms, p99 ${r.latency.p99.toFixed(1)} ms, max ${r.latency.max.toFixed(1)} ms${r.mainThreadPerAnswer ? `; server main thread ${Math.round(r.mainThreadPerAnswer.user)} µs user + ${Math.round(r.mainThreadPerAnswer.system)} µs system per answer` : ''}`,
    );
  };
  if (results.argon2) {
    const a = results.argon2;
    lines.push(
      `  argon2id baseline: ${a.count} verifies in ${a.seconds.toFixed(1)} s (segments ${a.parts.map((h) => rate(h)).join(', ')} /s), ${a.concurrency} loops, PasswordHasher slots ${a.hashConcurrency}, params ${JSON.stringify(a.params)}`,
    );
  }
  run('sign-in', results.signIn);
  for (const [key, name] of [
    ['meSqlite', 'me (SQLite)'],
    ['homeSqlite', 'home (SQLite)'],
    ['mePostgres', 'me (PostgreSQL)'],
    ['homePostgres', 'home (PostgreSQL)'],
  ] as const) {
    run(`${name}, hello-world around it`, results.helloWorld[key]);
    run(name, results[key]);
  }
  if (results.memory) {
    const m = results.memory;
    lines.push(`  memory: peak of ${m.samples} VmRSS samples ${(m.peakSampled / MiB).toFixed(0)} MB; VmHWM (whole life of the process) ${m.hwm === null ? 'n/a' : `${(m.hwm / MiB).toFixed(0)} MB`}; the larger is reported`);
  }
  if (results.loginPage) {
    const p = results.loginPage;
    lines.push(
      `  login page: HTML ${p.htmlBytes} B (gzip ${p.htmlGzip} B), CSS ${p.cssBytes} B (gzip ${p.cssGzip} B), JS ${p.jsBytes} B (gzip ${p.jsGzip} B); asked for gzip/br, the server sent the HTML as ${p.contentEncoding ? `${p.contentEncoding}, ${p.wireBytes} B` : `plain bytes (no content-encoding), ${p.wireBytes} B`}`,
    );
  }
  for (const [key, message] of Object.entries(errors)) lines.push(`  ERROR ${key}: ${message}`);
  return `${lines.join('\n')}\n`;
}

/** `--large`: the figures on the small database and again after the large data is added (bench/large.ts). */
async function mainLarge(): Promise<number> {
  installCleanupHandlers();
  const started = Date.now();
  const { runLarge } = await import('./large.js');
  const { text, failed } = await runLarge({ benchConfig, seedDatabase, sessionCookies, startPortico }, progress);
  process.stdout.write(`\nPortico benchmark (--large) — ${new Date().toISOString()}, ${Math.round((Date.now() - started) / 1000)} s\n\n${text}`);
  return failed ? 1 : 0;
}

if (RUN_AS_MAIN) {
  let code = 1;
  try {
    code = LARGE_RUN ? await mainLarge() : await main();
  } catch (error) {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  } finally {
    cleanupAll();
  }
  process.exit(code);
}
