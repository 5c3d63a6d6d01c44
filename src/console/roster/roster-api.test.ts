// ROSTER-1..4 from the console: HR (with a second factor) sends `text/csv` (≤ 1 MiB) and gets the
// import report; bad lines are reported by number and nothing is written; imports that would
// create employees are refused (their PINs must go to a file through the CLI, never a browser).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { cookieClient, signInConsole, type ConsoleClient } from '../../../test/support/console-session.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { ROSTER_COLUMNS } from './validate-row.js';

const HEADER = ROSTER_COLUMNS.join(',');
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';
const upload = (client: ConsoleClient, body: string, query = '') =>
  client.request({ method: 'POST', url: `/api/v1/admin/roster${query}`, payload: body, headers: { 'content-type': 'text/csv' } });

describe('roster upload (sqlite)', () => {
  let t: TestApp;
  let outbox: OutboxReader;
  let hr: ConsoleClient;
  let helpdesk: ConsoleClient;
  let employee: ConsoleClient;
  const employees = async () => (await t.deps.storage.db.selectFrom('employees').select(['employee_id', 'family_name']).orderBy('employee_id').execute());

  beforeAll(async () => {
    t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    hr = await signInConsole(t, outbox, '720001', 'hr');
    helpdesk = await signInConsole(t, outbox, '720002', 'helpdesk');
    employee = await signInConsole(t, outbox, '720003', null);
    await seedRegistered(t.deps, { employeeId: '720004', password: 'Harbor2026', familyName: 'Old' });
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('401 without a session, 403 for an employee and for the help desk', async () => {
    const body = csv('720004,Test,New,US,active,,,,');
    expect((await upload(cookieClient(t.app), body)).statusCode).toBe(401);
    expect((await upload(employee, body)).statusCode).toBe(403);
    expect((await upload(helpdesk, body)).statusCode).toBe(403);
    expect((await employee.get('/admin/roster')).statusCode).toBe(403);
    expect((await employees()).find((e) => e.employee_id === '720004')?.family_name).toBe('Old');
  });

  it('reports bad lines by number and writes nothing', async () => {
    const before = await employees();
    const response = await upload(hr, csv('720004,Test,New,US,active,,,,', '720005,Bad,Country,MX,active,,,,', '720006,Bad,Status,US,fired,,,,'));
    expect(response.statusCode).toBe(200);
    const report = response.json<Record<string, unknown>>();
    expect(report).toMatchObject({ refused: true, invalid: 2, created: 0, updated: 0 });
    expect(report.errors).toEqual(['line 3: country "MX" is not allowed', 'line 4: status "fired" is not one of active, inactive, retired, separated']);
    expect(report).not.toHaveProperty('pins');
    expect(await employees()).toEqual(before);
  });

  it('updates with the report; a dry run writes nothing; the import is audited with its actor', async () => {
    const dry = (await upload(hr, csv('720004,Test,New,US,active,,,,'), '?dryRun=true')).json();
    expect(dry).toMatchObject({ refused: false, dryRun: true, updated: 1 });
    expect((await employees()).find((e) => e.employee_id === '720004')?.family_name).toBe('Old');

    const done = (await upload(hr, csv('720004,Test,New,US,active,,,,'))).json();
    expect(done).toMatchObject({ refused: false, updated: 1, created: 0, errors: [] });
    expect((await employees()).find((e) => e.employee_id === '720004')?.family_name).toBe('New');
    const audit = await t.deps.storage.db.selectFrom('audit_events').selectAll().where('event', '=', 'roster.import').where('outcome', '=', 'success').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe('720001');
  });

  it('refuses an import that would create employees: no PIN in the answer, nothing written', async () => {
    const before = await employees();
    const response = await upload(hr, csv('720010,New,Person,US,active,,,,'));
    const report = response.json<Record<string, unknown>>();
    expect(report).toMatchObject({ refused: true, createsRefused: 1, created: 0 });
    expect(response.body).not.toMatch(/pin/i);
    expect(await employees()).toEqual(before);
    // A dry run still says how many would be created.
    expect((await upload(hr, csv('720010,New,Person,US,active,,,,'), '?dryRun=1')).json()).toMatchObject({ created: 1, refused: false });
  });

  it('413 over 1 MiB; text/csv elsewhere and JSON here are refused with 415', async () => {
    // Between the app's 64 KiB and 1 MiB: accepted on this route only.
    const large = csv(...Array.from({ length: 30_000 }, (_, i) => `${800000 + i},Test,Person,US,active,,,,`));
    expect(large.length).toBeGreaterThan(900 * 1024);
    expect((await upload(hr, large, '?dryRun=true')).json()).toMatchObject({ created: 30_000, refused: false });
    const big = csv(...Array.from({ length: 40_000 }, (_, i) => `${800000 + i},Test,Person,US,active,,,,`));
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const tooLarge = await upload(hr, big);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json<{ error: { code: string } }>().error.code).toBe('PAYLOAD_TOO_LARGE');
    const elsewhere = await hr.request({ method: 'POST', url: '/api/v1/me/password', payload: 'a,b\n', headers: { 'content-type': 'text/csv' } });
    expect(elsewhere.statusCode).toBe(415);
    const json = await hr.request({ method: 'POST', url: '/api/v1/admin/roster', payload: { csv: 'x' } });
    expect(json.statusCode).toBe(415);
  });

  it('the page runs the same import from a pasted CSV behind the CSRF token', async () => {
    const page = await hr.get('/admin/roster');
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page.body).toContain('--pins-out');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const body = csv('720004,Test,Newer,US,active,,,,', '720007,<script>x</script>,P,MX,active,,,,');
    expect((await hr.request({ method: 'POST', url: '/admin/roster', headers, payload: form({ csv: body }) })).statusCode).toBe(403);
    const shown = await hr.request({ method: 'POST', url: '/admin/roster', headers, payload: form({ _csrf: token, csv: body }) });
    expect(shown.statusCode).toBe(400);
    expect(shown.body).toContain('line 3: country');
    expect(shown.body).not.toContain('<script>x</script>');
    expect((await employees()).find((e) => e.employee_id === '720004')?.family_name).toBe('New');
  });
});
