// DELIV-3: admins see the message queue: masked recipients, template, attempts, last error and
// times, never the message data (codes, links, notes). Only admins with a second factor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { cookieClient, signInConsole, type ConsoleClient } from '../../../test/support/console-session.js';
import { LOGOUT_TOKEN_TEMPLATE, enqueueMessage } from '../../delivery/enqueue-message.js';

type MessageJson = { recipient: string; template: string; status: string; attempts: number; lastError: string | null; data?: unknown };

describe('message queue for admins (sqlite)', () => {
  let t: TestApp;
  let outbox: OutboxReader;
  let admin: ConsoleClient;
  let helpdesk: ConsoleClient;
  let employee: ConsoleClient;

  beforeAll(async () => {
    t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    admin = await signInConsole(t, outbox, '730001', 'admin');
    helpdesk = await signInConsole(t, outbox, '730002', 'helpdesk');
    employee = await signInConsole(t, outbox, '730003', null);
    const { db } = t.deps.storage;
    await enqueueMessage(db, t.deps.config.secret, { channel: 'email', to: 'jane.doe@example.com', template: 'login-code', language: 'en', data: { code: '482913' } }, t.clock.now());
    await enqueueMessage(db, t.deps.config.secret, { channel: 'sms', to: '+17875550199', template: 'login-code', language: 'es-PR', data: { code: '775531' } }, t.clock.now());
    await db.updateTable('messages').set({ status: 'failed', attempts: 10, last_error: 'smtp 550 mailbox unavailable' }).where('recipient', '=', '+17875550199').execute();
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('401 without a session, 403 for an employee and for the help desk (admins only)', async () => {
    expect((await cookieClient(t.app).get('/api/v1/admin/messages')).statusCode).toBe(401);
    expect((await employee.get('/api/v1/admin/messages')).statusCode).toBe(403);
    expect((await helpdesk.get('/api/v1/admin/messages')).statusCode).toBe(403);
    expect((await helpdesk.get('/admin/outbox')).statusCode).toBe(403);
  });

  it('lists pending and failed messages, masked and without their data', async () => {
    const pending = await admin.get('/api/v1/admin/messages?status=pending');
    expect(pending.statusCode).toBe(200);
    const pendingList = pending.json<{ items: MessageJson[] }>().items;
    expect(pendingList).toContainEqual(expect.objectContaining({ recipient: 'j***@example.com', template: 'login-code', status: 'pending', attempts: 0 }));
    expect(pendingList.every((m) => !('data' in m))).toBe(true);
    expect(pending.body).not.toContain('482913');
    expect(pending.body).not.toContain('jane.doe');

    const failed = await admin.get('/api/v1/admin/messages?status=failed');
    expect(failed.json<{ items: MessageJson[] }>().items).toEqual([
      expect.objectContaining({ recipient: '***-***-0199', status: 'failed', attempts: 10, lastError: 'smtp 550 mailbox unavailable' }),
    ]);
    expect(failed.body).not.toContain('775531');
    expect((await admin.get('/api/v1/admin/messages?status=bogus')).statusCode).toBe(400);
  });

  it('the page shows the same queue, without codes', async () => {
    const page = await admin.get('/admin/outbox?status=failed');
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page.body).toContain('***-***-0199');
    expect(page.body).not.toContain('775531');
    const pending = await admin.get('/admin/outbox');
    expect(pending.body).toContain('j***@example.com');
    expect(pending.body).not.toContain('482913');
  });

  it('an application\'s back-channel logout token shows as a sign-out notice, to its URI without the query, and without its data (IDP-6)', async () => {
    const to = 'https://payroll.example.com/oidc/backchannel?key=k3y-in-query';
    await enqueueMessage(t.deps.storage.db, t.deps.config.secret, { channel: 'logout', to, template: LOGOUT_TOKEN_TEMPLATE, language: 'en', data: { clientId: 'payroll-client', sub: 'opaque-sub', sid: 'sid-391' } }, t.clock.now());
    const items = (await admin.get('/api/v1/admin/messages?status=pending')).json<{ items: (MessageJson & { channel: string })[] }>().items;
    expect(items).toContainEqual(expect.objectContaining({ channel: 'logout', recipient: 'https://payroll.example.com/oidc/backchannel', template: 'backchannel-logout' }));
    const page = await admin.get('/admin/outbox');
    expect(page.body).toContain('Sign-out notice to an application');
    expect(page.body).toContain('https://payroll.example.com/oidc/backchannel');
    for (const secret of ['k3y-in-query', 'sid-391', 'opaque-sub']) expect(page.body).not.toContain(secret);
  });
});
