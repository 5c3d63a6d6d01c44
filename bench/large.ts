// `npm run bench --large` (or `node dist/bench/run.js --large`): issue 14's "flat as the data grows".
// On each engine: the benchmark's small database is measured (session check, homepage, the console's
// employee search by part of a name and by ID, the audit search for one employee), then the large
// data of bulk-seed.ts is added to the same database and the same figures are measured again.
// Every large figure should be ≥ 80 % of its small one, and the two searches' p99 ≤ 50 ms.
import path from 'node:path';
import { PasswordHasher } from '../src/security/hashing.js';
import { keyedHash } from '../src/security/tokens.js';
import { openStorage } from '../src/storage/database.js';
import { grantRole } from '../src/storage/repositories/roles.js';
import { insertEmployeeWithAccount } from '../src/storage/repositories/employees.js';
import { tempDir } from './cleanup.js';
import { LARGE, seedLarge } from './bulk-seed.js';
import { combine, runLoad, warmUp, type LoadOptions, type LoadResult } from './measure.js';
import { startPostgres } from './postgres.js';
import { benchConfig, seedDatabase, sessionCookies, startPortico } from './run.js';

const SEGMENT_SECONDS = 3;
const TARGET = { ratio: 0.8, searchP99Ms: 50 };
const AGENT = { employeeId: '799999', sessionId: 'bench-agent-session-0123456789abcdefghijklmnop' };

type Figure = 'me' | 'home' | 'searchName' | 'searchId' | 'audit';
const FIGURES: { key: Figure; label: string; path: string; connections: number; agent: boolean }[] = [
  { key: 'me', label: 'session check GET /api/v1/me', path: '/api/v1/me', connections: 50, agent: false },
  { key: 'home', label: 'homepage GET /home', path: '/home', connections: 50, agent: false },
  // "fam12" starts 11 of the 2,000 bulk family names: ~2,750 employees, the first 50 shown.
  { key: 'searchName', label: 'console search by name (?q=fam12)', path: '/api/v1/admin/employees?q=fam12', connections: 10, agent: true },
  // "200001" starts 100 bulk Employee IDs (20000100…20000199), the first 50 shown.
  { key: 'searchId', label: 'console search by ID (?q=200001)', path: '/api/v1/admin/employees?q=200001', connections: 10, agent: true },
  { key: 'audit', label: 'audit search for one employee', path: '/api/v1/admin/audit?employeeId=700001', connections: 10, agent: true },
];

interface EngineResult {
  small: Partial<Record<Figure, LoadResult>>;
  large: Partial<Record<Figure, LoadResult>>;
  seedSeconds: Record<string, number>;
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

async function measureAll(url: string, workDir: string, label: string, cookies: string[], agentCookie: string): Promise<Partial<Record<Figure, LoadResult>>> {
  const server = await startPortico(label, url, workDir);
  const measured: Partial<Record<Figure, LoadResult>> = {};
  try {
    for (const figure of FIGURES) {
      const load: LoadOptions = {
        url: `${server.url}${figure.path}`,
        connections: figure.connections,
        headersFor: (connection) => ({ cookie: figure.agent ? agentCookie : cookies[connection % cookies.length]! }),
      };
      await warmUp(load, 1);
      measured[figure.key] = combine([await runLoad(load, SEGMENT_SECONDS), await runLoad(load, SEGMENT_SECONDS)]);
      const result = measured[figure.key]!;
      if (result.non2xx > 0 || result.ok === 0) throw new Error(`${label}: ${figure.path} answered ${JSON.stringify(result.statusCodes)}`);
    }
  } finally {
    await server.stop();
  }
  return measured;
}

async function runEngine(engine: 'sqlite' | 'postgres', progress: (message: string) => void): Promise<EngineResult> {
  const work = tempDir(`portico-bench-large-${engine}-`);
  const cluster = engine === 'postgres' ? await startPostgres() : null;
  try {
    const config = benchConfig(work.dir);
    const url = cluster ? await cluster.createDatabase('portico_large') : `sqlite:${path.join(work.dir, 'portico.db')}`;
    const accounts = await seedDatabase(url, 20, new PasswordHasher(config.argon2, config.hashConcurrency));
    const now = Date.now();
    const agentCookie = await addAgent(url, config.secret, now);
    const cookies = await (async () => {
      const server = await startPortico(`portico (${engine}, sign-ins)`, url, work.dir);
      try {
        return await sessionCookies(server, accounts, 10);
      } finally {
        await server.stop();
      }
    })();
    progress(`  ${engine}: the small database`);
    const small = await measureAll(url, work.dir, `portico (${engine}, small)`, cookies, agentCookie);
    progress(`  ${engine}: seeding ${LARGE.employees.toLocaleString('en-US')} employees, ${LARGE.sessions.toLocaleString('en-US')} sessions, ${LARGE.auditRows.toLocaleString('en-US')} audit rows, ${LARGE.lockoutRows.toLocaleString('en-US')} lockout rows`);
    const storage = openStorage(url);
    let seedSeconds: Record<string, number>;
    try {
      seedSeconds = await seedLarge(storage.db, engine, now);
    } finally {
      await storage.close();
    }
    progress(`  ${engine}: seeded in ${Object.values(seedSeconds).reduce((a, b) => a + b, 0).toFixed(1)} s; the large database`);
    const large = await measureAll(url, work.dir, `portico (${engine}, large)`, cookies, agentCookie);
    return { small, large, seedSeconds };
  } finally {
    cluster?.stop();
    work.remove();
  }
}

/** Runs both engines and returns the table and its notes as text. */
export async function runLarge(progress: (message: string) => void): Promise<{ text: string; failed: boolean }> {
  const lines: string[] = [];
  const header = '| figure | small | large | large / small | target | met? |';
  lines.push(header, '| --- | --- | --- | --- | --- | --- |');
  const notes: string[] = [];
  let failed = false;
  for (const engine of ['sqlite', 'postgres'] as const) {
    const name = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    let result: EngineResult;
    try {
      result = await runEngine(engine, progress);
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
