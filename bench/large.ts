// `npm run bench --large` (or `node dist/bench/run.js --large`): issue 14's "flat as the data grows".
// On each engine, two databases side by side: a small one (the benchmark's accounts and content, and
// 1 % of bulk-seed.ts's data) and a large one (the same and all of it), each with its server. The
// session check, the homepage, the console's employee search by part of a name and by ID and the
// audit search for one employee are measured on both, interleaved. Every large figure should be
// ≥ 80 % of its small one, and the searches' p99 ≤ 50 ms.
import path from 'node:path';
import { PasswordHasher } from '../src/security/hashing.js';
import { keyedHash } from '../src/security/tokens.js';
import { openStorage, type Storage } from '../src/storage/database.js';
import { grantRole } from '../src/storage/repositories/roles.js';
import { insertEmployeeWithAccount } from '../src/storage/repositories/employees.js';
import { tempDir } from './cleanup.js';
import { LARGE, seedLarge } from './bulk-seed.js';
import { combine, runLoad, warmUp, type LoadOptions, type LoadPart, type LoadResult } from './measure.js';
import { startPostgres } from './postgres.js';
import type { benchConfig, seedDatabase, sessionCookies, startPortico } from './run.js';

const SEGMENT_SECONDS = 3;
const SMALL_SHARE = 0.01;
const ROUNDS = 2;
const TARGET = { ratio: 0.8, searchP99Ms: 50 };
const AGENT = { employeeId: '799999', sessionId: 'bench-agent-session-0123456789abcdefghijklmnop' };

type Figure = 'me' | 'home' | 'searchName' | 'searchId' | 'audit';
const FIGURES: { key: Figure; label: string; path: string; connections: number; agent: boolean }[] = [
  { key: 'me', label: 'session check GET /api/v1/me', path: '/api/v1/me', connections: 50, agent: false },
  { key: 'home', label: 'homepage GET /home', path: '/home', connections: 50, agent: false },
  // "fam1" starts 1,111 of the 2,000 bulk family names: 2,800 employees of the small database,
  // 280,000 of the large one; either way the first 50 are shown.
  { key: 'searchName', label: 'console search by name (?q=fam1)', path: '/api/v1/admin/employees?q=fam1', connections: 10, agent: true },
  // "200001" starts 100 bulk Employee IDs (20000100…20000199), in both; the first 50 are shown.
  { key: 'searchId', label: 'console search by ID (?q=200001)', path: '/api/v1/admin/employees?q=200001', connections: 10, agent: true },
  { key: 'audit', label: 'audit search for one employee', path: '/api/v1/admin/audit?employeeId=700001', connections: 10, agent: true },
];

/** run.ts's own helpers, handed in (run.ts imports this module while it is still running). */
export interface BenchKit {
  benchConfig: typeof benchConfig;
  seedDatabase: typeof seedDatabase;
  sessionCookies: typeof sessionCookies;
  startPortico: typeof startPortico;
}

interface EngineResult {
  small: Partial<Record<Figure, LoadResult>>;
  large: Partial<Record<Figure, LoadResult>>;
  seedSeconds: Record<string, number>;
}

async function withStorage<T>(url: string, work: (db: Storage['db']) => Promise<T>): Promise<T> {
  const storage = openStorage(url);
  try {
    return await work(storage.db);
  } finally {
    await storage.close();
  }
}

/** A help-desk agent whose session passed a second factor, written straight into the database. */
async function addAgent(url: string, secret: Buffer, now: number): Promise<string> {
  const storage = openStorage(url);
  try {
    await insertEmployeeWithAccount(storage.db, { employeeId: AGENT.employeeId, givenName: 'Agent', familyName: 'Bench', country: 'US', status: 'active' }, { registeredAt: now }, now);
    await storage.db.updateTable('accounts').set({ mfa: 'email' }).where('employee_id', '=', AGENT.employeeId).execute();
    await grantRole(storage.db, AGENT.employeeId, 'helpdesk', now);
    await storage.db
      .insertInto('sessions')
      .values({ id_hash: keyedHash(secret, AGENT.sessionId), employee_id: AGENT.employeeId, created_at: now, last_seen_at: now, expires_at: now + 86_400_000, auth_at: now, second_factor_at: now, ip: '127.0.0.1', user_agent: 'bench', via: 'password' })
      .execute();
  } finally {
    await storage.close();
  }
  return `portico_session=${AGENT.sessionId}`;
}

/** One database with its server, the benchmark's accounts signed in, and the agent's session. */
interface Side {
  url: string;
  server: Awaited<ReturnType<BenchKit['startPortico']>>;
  cookies: string[];
  agentCookie: string;
}

async function prepareSide(kit: BenchKit, engine: 'sqlite' | 'postgres', url: string, workDir: string, share: number, now: number, hasher: PasswordHasher, secret: Buffer): Promise<{ side: Side; seedSeconds: Record<string, number> }> {
  const accounts = await kit.seedDatabase(url, 20, hasher);
  const seedSeconds = await withStorage(url, (db) => seedLarge(db, engine, now, { from: 0, to: share }));
  const agentCookie = await addAgent(url, secret, now);
  const server = await kit.startPortico(`portico (${engine}, ${share === 1 ? 'large' : 'small'})`, url, workDir);
  return { side: { url, server, cookies: await kit.sessionCookies(server, accounts, 10), agentCookie }, seedSeconds };
}

function loadOf(side: Side, figure: (typeof FIGURES)[number]): LoadOptions {
  return {
    url: `${side.server.url}${figure.path}`,
    connections: figure.connections,
    headersFor: (connection) => ({ cookie: figure.agent ? side.agentCookie : side.cookies[connection % side.cookies.length]! }),
  };
}

/**
 * Each figure on both databases in rounds of small, large, large, small (A B B A), both servers
 * running, so that what the machine does meanwhile lands on both sides.
 */
async function measurePaired(small: Side, large: Side): Promise<Pick<EngineResult, 'small' | 'large'>> {
  const measured: Pick<EngineResult, 'small' | 'large'> = { small: {}, large: {} };
  for (const figure of FIGURES) {
    const a = loadOf(small, figure);
    const b = loadOf(large, figure);
    await warmUp(a, 1);
    await warmUp(b, 1);
    const parts = { small: [] as LoadPart[], large: [] as LoadPart[] };
    for (let round = 0; round < ROUNDS; round++) {
      parts.small.push(await runLoad(a, SEGMENT_SECONDS));
      parts.large.push(await runLoad(b, SEGMENT_SECONDS), await runLoad(b, SEGMENT_SECONDS));
      parts.small.push(await runLoad(a, SEGMENT_SECONDS));
    }
    for (const side of ['small', 'large'] as const) {
      const result = combine(parts[side]);
      if (result.non2xx > 0 || result.ok === 0) throw new Error(`${side}: ${figure.path} answered ${JSON.stringify(result.statusCodes)}`);
      measured[side][figure.key] = result;
    }
  }
  return measured;
}

async function runEngine(kit: BenchKit, engine: 'sqlite' | 'postgres', progress: (message: string) => void): Promise<EngineResult> {
  const work = tempDir(`portico-bench-large-${engine}-`);
  const cluster = engine === 'postgres' ? await startPostgres() : null;
  const sides: Side[] = [];
  try {
    const config = kit.benchConfig(work.dir);
    const hasher = new PasswordHasher(config.argon2, config.hashConcurrency);
    const now = Date.now();
    const urlFor = async (name: string) => (cluster ? cluster.createDatabase(`portico_${name}`) : `sqlite:${path.join(work.dir, `${name}.db`)}`);
    // The small database holds the first 1 % of the large data (5,000 employees, 50,000 audit rows…).
    progress(`  ${engine}: the small database (1 %)`);
    const small = await prepareSide(kit, engine, await urlFor('small'), work.dir, SMALL_SHARE, now, hasher, config.secret);
    sides.push(small.side);
    progress(`  ${engine}: seeding ${LARGE.employees.toLocaleString('en-US')} employees, ${LARGE.sessions.toLocaleString('en-US')} sessions, ${LARGE.auditRows.toLocaleString('en-US')} audit rows, ${LARGE.lockoutRows.toLocaleString('en-US')} lockout rows`);
    const large = await prepareSide(kit, engine, await urlFor('large'), work.dir, 1, now, hasher, config.secret);
    sides.push(large.side);
    progress(`  ${engine}: seeded in ${Object.values(large.seedSeconds).reduce((total, seconds) => total + seconds, 0).toFixed(1)} s; measuring both`);
    return { ...(await measurePaired(small.side, large.side)), seedSeconds: large.seedSeconds };
  } finally {
    for (const side of sides) await side.server.stop();
    cluster?.stop();
    work.remove();
  }
}

/** Runs both engines and returns the table and its notes as text. */
export async function runLarge(kit: BenchKit, progress: (message: string) => void): Promise<{ text: string; failed: boolean }> {
  const lines: string[] = [];
  const header = '| figure | small | large | large / small | target | met? |';
  lines.push(header, '| --- | --- | --- | --- | --- | --- |');
  const notes: string[] = [];
  let failed = false;
  for (const engine of ['sqlite', 'postgres'] as const) {
    const name = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    let result: EngineResult;
    try {
      result = await runEngine(kit, engine, progress);
    } catch (error) {
      failed = true;
      lines.push(`| ${name} | error: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 80)} | | | | error |`);
      continue;
    }
    const seeded = Object.entries(result.seedSeconds);
    notes.push(`${name}: seeded in ${seeded.reduce((total, [, s]) => total + s, 0).toFixed(1)} s (${seeded.map(([table, s]) => `${table} ${s.toFixed(1)} s`).join(', ')})`);
    for (const figure of FIGURES) {
      const small = result.small[figure.key]!;
      const large = result.large[figure.key]!;
      const ratio = large.rps / small.rps;
      const search = figure.agent;
      const met = ratio >= TARGET.ratio && (!search || large.latency.p99 <= TARGET.searchP99Ms);
      const target = search ? `≥ 80 %, p99 ≤ ${TARGET.searchP99Ms} ms` : '≥ 80 %';
      const show = (r: LoadResult) => `${Math.round(r.rps).toLocaleString('en-US')} req/s, p99 ${r.latency.p99.toFixed(1)} ms`;
      lines.push(`| ${figure.label} (${name}, ${figure.connections} conns) | ${show(small)} | ${show(large)} | ${(ratio * 100).toFixed(0)} % | ${target} | ${met ? 'yes' : 'no'} |`);
    }
  }
  return { text: `${lines.join('\n')}\n\nNotes:\n${notes.map((n) => `  ${n}`).join('\n')}\n`, failed };
}
