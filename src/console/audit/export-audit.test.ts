// AUDIT-2: the audit search and export (CSV neutralises formula-leading cells; JSON Lines parse),
// and the console's audit API guard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { ENGINES } from '../../../test/support/databases.js';
import { login, seedRegistered } from '../../../test/support/seed.js';
import { seedAuditRow } from '../../../test/support/audit-rows.js';
import { AUDIT_CSV_HEADER, csvLine, exportAudit, neutraliseCell } from './export-audit.js';
import { auditBatches, searchAudit } from '../../storage/repositories/audit-events.js';
import { grantRole } from '../../storage/repositories/roles.js';
import { createSession } from '../../session/session-store.js';
import { sessionTimeouts } from '../../app/guards.js';

describe('CSV cells', () => {
  it.each(['=SUM(A1)', '+1', '-2', '@cmd', '\tx', '\rx'])('neutralises %j', (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`);
  });
  it('leaves ordinary cells and quotes separators', () => {
    expect(neutraliseCell('login.success')).toBe('login.success');
    expect(csvLine(['a,b', 'say "hi"', 'x'])).toBe('"a,b","say ""hi""",x\r\n');
    expect(csvLine(['=1+2,3'])).toBe(`"'=1+2,3"\r\n`);
  });
});

describe.each(ENGINES)('audit export and search (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ engine });
    const db = t.deps.storage.db;
    const base = Date.UTC(2026, 0, 10);
    await seedAuditRow(db, base, { event: 'login.success', outcome: 'success', actorId: '800001', subjectId: '800001', ip: '10.0.0.1', userAgent: '=HYPERLINK("http://evil")', requestId: 'r1' });
    await seedAuditRow(db, base + 1000, { event: 'pin.issued', outcome: 'success', actorId: null, subjectId: '800002', detail: { reason: '=cmd|calc', via: 'cli' } });
    await seedAuditRow(db, base + 2000, { event: 'login.failure', outcome: 'failure', subjectId: '800001', userAgent: '@sum, "quoted"' });
    for (let i = 0; i < 25; i++) await seedAuditRow(db, Date.UTC(2026, 1, 1) + i, { event: 'bulk.event', outcome: 'info', subjectId: '800003' });
  });
  afterAll(() => t.close());

  async function exported(format: 'csv' | 'jsonl', filter = {}) {
    const chunks: string[] = [];
    const count = await exportAudit(t.deps.storage.db, filter, format, (chunk) => {
      chunks.push(chunk);
    });
    return { text: chunks.join(''), count };
  }

  it('CSV: a header, ISO times, every formula-leading cell neutralised', async () => {
    const { text, count } = await exported('csv', { to: Date.UTC(2026, 0, 31) });
    expect(count).toBe(3);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(AUDIT_CSV_HEADER.join(','));
    expect(lines[1]).toBe(`2026-01-10T00:00:00.000Z,login.success,success,800001,800001,10.0.0.1,"'=HYPERLINK(""http://evil"")",r1,`);
    expect(lines[2]).toContain('pin.issued');
    expect(lines[3]).toContain(`"'@sum, ""quoted"""`);
    for (const line of lines.slice(1)) for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+\-@\t]/);
  });

  it('JSON Lines: one parseable object per line, detail as an object; filters by employee, event and time', async () => {
    const { text } = await exported('jsonl', { employeeId: '800002' });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const row = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(row).toMatchObject({ time: '2026-01-10T00:00:01.000Z', event: 'pin.issued', subject: '800002', detail: { reason: '=cmd|calc', via: 'cli' } });
    const all = (await exported('jsonl')).text.trimEnd().split('\n');
    expect(all).toHaveLength(28);
    for (const line of all) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect((await exported('jsonl', { event: 'login.failure' })).count).toBe(1);
    expect((await exported('jsonl', { from: Date.UTC(2026, 1, 1) })).count).toBe(25);
  });

  it('exports in batches (never the whole table at once) and searches newest first', async () => {
    const sizes: number[] = [];
    for await (const batch of auditBatches(t.deps.storage.db, {}, 10)) sizes.push(batch.length);
    expect(sizes).toEqual([10, 10, 8]);
    const newest = await searchAudit(t.deps.storage.db, { employeeId: '800001' });
    expect(newest.map((r) => r.event)).toEqual(['login.failure', 'login.success']);
    expect((await searchAudit(t.deps.storage.db, {}, 5)).length).toBe(5);
  });
});

describe('GET /api/v1/admin/audit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedRegistered(t.deps, { employeeId: '810001', password: 'Plain2026a' });
    await seedRegistered(t.deps, { employeeId: '810002', password: 'Agent2026a' });
    await grantRole(t.deps.storage.db, '810002', 'helpdesk', t.clock.now());
    await t.deps.storage.db.updateTable('accounts').set({ mfa: 'email' }).where('employee_id', '=', '810002').execute();
  });
  afterAll(() => t.close());

  it('401 without a session, 403 for a plain employee', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit' })).statusCode).toBe(401);
    const session = (await login(t.app, '810001', 'Plain2026a')).cookies.find((c) => c.name === 'portico_session')!.value;
    const forbidden = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit', headers: { cookie: `portico_session=${session}` } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN');
  });

  it('the help desk (with a second factor) searches; a bad query is 400', async () => {
    const id = await createSession(
      t.deps.storage.db,
      t.deps.config.secret,
      { employeeId: '810002', now: t.clock.now(), ip: '127.0.0.1', userAgent: 'test', secondFactor: true, via: 'password' },
      sessionTimeouts(t.deps),
    );
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: `portico_session=${id}` } });
    const found = await get('/api/v1/admin/audit?employeeId=810001&event=login.success');
    expect(found.statusCode).toBe(200);
    const events = found.json<{ items: { event: string; subjectId: string }[] }>().items;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.event === 'login.success' && e.subjectId === '810001')).toBe(true);
    // HELP-6: across all employees only for admins.
    const across = await get('/api/v1/admin/audit?from=2000-01-01&to=2999-12-31');
    expect(across.statusCode).toBe(403);
    expect(across.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN');
    expect((await get('/api/v1/admin/audit?employeeId=810001&from=yesterday')).statusCode).toBe(400);
    expect((await get('/api/v1/admin/audit?employeeId=abc')).statusCode).toBe(400);
    expect((await get('/api/v1/admin/audit?employeeId=810001&color=red')).statusCode).toBe(400);
  });
});
