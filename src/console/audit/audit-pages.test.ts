// AUDIT-2: the console's audit page filters by employee, event and time, for the help desk with a
// second factor, and escapes what it shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { cookieClient, signInConsole, type ConsoleClient } from '../../../test/support/console-session.js';
import { seedAuditRow } from '../../../test/support/audit-rows.js';

describe('audit page (sqlite)', () => {
  let t: TestApp;
  let outbox: OutboxReader;
  let agent: ConsoleClient;
  let admin: ConsoleClient;
  let employee: ConsoleClient;

  beforeAll(async () => {
    t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    agent = await signInConsole(t, outbox, '740001', 'helpdesk');
    employee = await signInConsole(t, outbox, '740002', null);
    t.clock.advance(60_000);
    admin = await signInConsole(t, outbox, '740003', 'admin');
    await seedAuditRow(t.deps.storage.db, Date.parse('2026-03-01T12:00:00Z'), { event: 'account.unlocked', outcome: 'success', actorId: '740001', subjectId: '740099', detail: { reason: '<img src=x>' } });
    await seedAuditRow(t.deps.storage.db, Date.parse('2026-04-01T12:00:00Z'), { event: 'account.unlocked', outcome: 'success', actorId: '740001', subjectId: '740098', detail: { reason: 'phone' } });
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('sends a visitor without a session to sign in, and refuses an employee', async () => {
    const anonymous = await cookieClient(t.app).get('/admin/audit');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login?return=%2Fadmin%2Faudit');
    expect((await employee.get('/admin/audit')).statusCode).toBe(403);
  });

  it('filters by employee, event and dates, escaping the details', async () => {
    const page = await agent.get('/admin/audit?employeeId=740099&event=account.unlocked&from=2026-03-01&to=2026-03-01');
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page.body).toContain('740099');
    expect(page.body).not.toContain('740098');
    expect(page.body).not.toContain('<img src=x>');
    // HELP-6: across all employees for admins; the help desk is told to name an employee.
    const everyone = await agent.get('/admin/audit?event=account.unlocked&from=2026-04-01');
    expect(everyone.statusCode).toBe(200);
    expect(everyone.body).toContain('Searching across all employees is for administrators.');
    expect(everyone.body).not.toContain('740098');
    expect(everyone.body).toContain('<label for="employeeId">Employee ID</label>');
    const april = await admin.get('/admin/audit?event=account.unlocked&from=2026-04-01');
    expect(april.body).toContain('740098');
    expect(april.body).not.toContain('740099');
    // Events, outcomes and details in words; the time with its zone.
    expect(april.body).toContain('Account unlocked');
    expect(april.body).toContain('Succeeded');
    expect(april.body).toMatch(/<dt>Reason<\/dt><dd>phone<\/dd>/);
    expect(april.body).toMatch(/Apr 1, 2026, 8:00\sAM EDT/);
    const bad = await agent.get('/admin/audit?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('YYYY-MM-DD');
  });

  it('keeps the search across all employees for admins (HELP-6): the help desk gives an Employee ID', async () => {
    const across = await agent.get('/admin/audit?event=account.unlocked');
    expect(across.body).toContain('Searching across all employees is for administrators.');
    expect(across.body).not.toContain('740098');
    expect((await agent.get('/api/v1/admin/audit?event=account.unlocked')).statusCode).toBe(403);
    expect((await agent.get('/admin/audit?employeeId=740098')).statusCode).toBe(200);
    // …and never of a console account, nor across everyone by an empty filter.
    expect((await agent.get('/admin/audit?employeeId=740003')).statusCode).toBe(403);
    expect((await agent.get('/api/v1/admin/audit?employeeId=')).statusCode).toBe(403);
    expect((await admin.get('/admin/audit?employeeId=740001')).statusCode).toBe(200);
  });
});
