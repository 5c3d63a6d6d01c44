// HELP-3 and HELP-5: the help desk queue through the JSON API and the console page. Only help desk
// agents (or admins) who passed a second factor see it; closing audits the reason and tells the
// requester the outcome on the contact they gave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { cookieClient, signInConsole, type ConsoleClient } from '../../../test/support/console-session.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { createHelpRequest } from '../../storage/repositories/help-requests.js';
import { MINUTE } from '../../security/clock.js';
import { fieldsOf, type ApiErrorBody } from '../../../test/support/api-errors.js';

type QueueJson = { items: { id: number; reference: string; employeeId: string | null; account: { registered: boolean; helpdeskLocked: boolean; mfa: string } | null }[] };

describe('help desk queue (sqlite)', () => {
  let t: TestApp;
  let outbox: OutboxReader;
  let agent: ConsoleClient;
  let employee: ConsoleClient;
  const ids: number[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    agent = await signInConsole(t, outbox, '710001', 'helpdesk');
    employee = await signInConsole(t, outbox, '710002', null);
    await seedRegistered(t.deps, { employeeId: '710003', password: 'Harbor2026', email: 'locked@example.com' });
    await t.deps.storage.db.updateTable('accounts').set({ helpdesk_locked_at: t.clock.now() }).where('employee_id', '=', '710003').execute();
    const base = { year: 2026, name: 'Ana <b>Díaz</b>', category: 'unlock' as const, description: 'Locked out', clientIp: null };
    const now = t.clock.now();
    // Inserted newest first, so the answer's order comes from the times, not the ids.
    ids.push((await createHelpRequest(t.deps.storage.db, { ...base, employeeId: '710003', contact: 'ana@example.com', contactChannel: 'email', createdAt: now })).id);
    ids.push((await createHelpRequest(t.deps.storage.db, { ...base, employeeId: '999999', contact: '+17875551234', contactChannel: 'sms', createdAt: now - 10 * MINUTE })).id);
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('401 without a session, 403 for a plain employee, on both routes', async () => {
    const anonymous = cookieClient(t.app);
    expect((await anonymous.get('/api/v1/admin/help-requests?status=open')).statusCode).toBe(401);
    expect((await anonymous.post(`/api/v1/admin/help-requests/${ids[0]}/close`, { reason: 'x', note: 'y' })).statusCode).toBe(401);
    const listed = await employee.get('/api/v1/admin/help-requests?status=open');
    expect(listed.statusCode).toBe(403);
    expect(listed.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN');
    expect((await employee.post(`/api/v1/admin/help-requests/${ids[0]}/close`, { reason: 'x', note: 'y' })).statusCode).toBe(403);
    expect((await employee.get('/admin/help-requests')).statusCode).toBe(403);
  });

  it('lists open requests oldest first with the matching account state', async () => {
    const response = await agent.get('/api/v1/admin/help-requests?status=open');
    expect(response.statusCode).toBe(200);
    const requests = response.json<QueueJson>().items;
    expect(requests.map((r) => r.id)).toEqual([ids[1], ids[0]]);
    expect(requests[0]!.account).toBeNull();
    expect(requests[1]!.account).toMatchObject({ registered: true, helpdeskLocked: true, mfa: 'off' });
  });

  it('closing needs a reason and a note, audits the reason and e-mails the requester', async () => {
    const empty = await agent.post(`/api/v1/admin/help-requests/${ids[0]}/close`, { reason: ' ', note: '' });
    expect(empty.statusCode).toBe(400);
    expect(fieldsOf(empty.json<ApiErrorBody>())).toMatchObject({ reason: expect.any(String), note: expect.any(String) });

    const closed = await agent.post(`/api/v1/admin/help-requests/${ids[0]}/close`, { reason: 'Identity confirmed by phone', note: 'Your account is unlocked.' });
    expect(closed.statusCode).toBe(200);
    const reference = closed.json<{ reference: string }>().reference;
    expect(reference).toMatch(/^HR-2026-\d{6}$/);

    const mails = await outbox.emailsTo('ana@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(reference);
    expect(mails[0]!.text).toContain('Your account is unlocked.');

    const audit = await t.deps.storage.db.selectFrom('audit_events').selectAll().where('event', '=', 'help_request.closed').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: '710001', subject_id: '710003', outcome: 'success' });
    expect(JSON.parse(audit[0]!.detail ?? '{}')).toEqual({ reference, reason: 'Identity confirmed by phone', notified: true });

    // Closed once: a second close is 404 and the queue no longer shows it.
    expect((await agent.post(`/api/v1/admin/help-requests/${ids[0]}/close`, { reason: 'again', note: 'again' })).statusCode).toBe(404);
    expect((await agent.get('/api/v1/admin/help-requests')).json<QueueJson>().items.map((r) => r.id)).toEqual([ids[1]]);
  });

  it('the page lists the queue escaped, and its close form needs the CSRF token and texts an SMS requester', async () => {
    const page = await agent.get('/admin/help-requests');
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page.body).toContain('Ana &lt;b>Díaz&lt;/b>');
    expect(page.body).not.toContain('<b>Díaz</b>');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    expect(token).toBeTruthy();
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };

    const forged = await agent.request({ method: 'POST', url: '/admin/help-requests/close', headers, payload: form({ id: String(ids[1]), reason: 'r', note: 'n' }) });
    expect(forged.statusCode).toBe(403);

    const missing = await agent.request({ method: 'POST', url: '/admin/help-requests/close', headers, payload: form({ _csrf: token!, id: String(ids[1]), reason: '', note: 'n' }) });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Give a reason');

    const done = await agent.request({ method: 'POST', url: '/admin/help-requests/close', headers, payload: form({ _csrf: token!, id: String(ids[1]), reason: 'No such employee', note: 'Please check your Employee ID with HR.' }) });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toMatch(/^\/admin\/help-requests\?closed=HR-2026-\d{6}$/);
    const sms = await outbox.smsTo('+17875551234');
    expect(sms[0]!.body).toContain('Please check your Employee ID with HR.');
    const after = await agent.get(done.headers.location as string);
    expect(after.body).toContain('was closed');
  });

  it('closing a request from a number outside the +1 plan texts nobody, and the audit says so (HELP-2)', async () => {
    const base = { year: 2026, name: 'Abroad', category: 'other' as const, description: 'Locked out', clientIp: null };
    const { id } = await createHelpRequest(t.deps.storage.db, { ...base, employeeId: '999998', contact: '+447700900123', contactChannel: 'sms', createdAt: t.clock.now() });
    const closed = await agent.post(`/api/v1/admin/help-requests/${id}/close`, { reason: 'Not our employee', note: 'Please ask HR.' });
    expect(closed.statusCode).toBe(200);
    expect(await outbox.smsTo('+447700900123')).toEqual([]);
    const queued = await t.deps.storage.db.selectFrom('messages').select('id').where('template', '=', 'help-request-closed').where('channel', '=', 'sms').execute();
    expect(queued).toHaveLength(1);
    const audit = await t.deps.storage.db.selectFrom('audit_events').select('detail').where('event', '=', 'help_request.closed').execute();
    expect(audit.map((row) => JSON.parse(row.detail ?? '{}') as { notified: boolean }).map((d) => d.notified)).toContain(false);
  });
});
