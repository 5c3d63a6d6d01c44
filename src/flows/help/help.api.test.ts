// HELP-2 through the JSON API on both engines: the same answer for known and unknown Employee IDs,
// unique references under a burst, the per-client rate limit, the queued confirmation, bad input,
// the audit entry, and the repository the console uses (HELP-3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedRegistered } from '../../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { ENGINES } from '../../../test/support/databases.js';
import { closeHelpRequest, listOpenHelpRequests } from '../../storage/repositories/help-requests.js';
import { HOUR } from '../../security/clock.js';
import { flowClientCookie } from '../../../test/support/flow-client.js';
import { fieldsOf, type ApiErrorBody } from '../../../test/support/api-errors.js';

type Json = Record<string, unknown> & { reference?: string; error?: ApiErrorBody['error'] };

const REFERENCE = /^HR-2026-\d{6}$/;
let nextClient = 1;
/** A distinct client address per call (trusted proxy), so the rate limit only applies where a test wants it. */
const freshClient = () => `10.20.${Math.floor(nextClient / 250)}.${(nextClient++ % 250) + 1}`;

const valid = (over: Record<string, unknown> = {}) => ({
  employeeId: '460001',
  name: 'Lucía Ortiz',
  contact: 'lucia@example.com',
  category: 'unlock',
  description: 'My account says it is locked.\nPlease help.',
  ...over,
});

describe.each(ENGINES)('Technical Help Form API on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;
  const post = async (payload: Record<string, unknown>, client = freshClient(), headers: Record<string, string> = {}) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/help-requests', payload, headers: { 'x-forwarded-for': client, cookie: flowClientCookie(), ...headers } });
    return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body) as Json };
  };

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir(), PORTICO_TRUSTED_PROXIES: '127.0.0.1' } });
    outbox = createOutboxReader(t.deps);
    await seedRegistered(t.deps, { employeeId: '460001', givenName: 'Lucía', password: 'Harbor2026', email: 'lucia@example.com' });
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('answers a known and an unknown Employee ID the same way; only the reference differs', async () => {
    const known = await post(valid());
    const unknown = await post(valid({ employeeId: '469999' }));
    expect(known.status).toBe(201);
    expect(unknown.status).toBe(201);
    expect(Object.keys(known.body)).toEqual(['reference']);
    expect(Object.keys(unknown.body)).toEqual(['reference']);
    expect(known.body.reference).toMatch(REFERENCE);
    expect(unknown.body.reference).toMatch(REFERENCE);
    expect(known.body.reference).not.toBe(unknown.body.reference);
    expect(known.headers['set-cookie']).toEqual(unknown.headers['set-cookie']);

    const rows = await t.deps.storage.db.selectFrom('help_requests').selectAll().where('reference', 'in', [known.body.reference!, unknown.body.reference!]).execute();
    expect(rows.map((r) => r.employee_id).sort()).toEqual(['460001', '469999']);
  });

  it('stores the typed Employee ID normalised, accepts a phone contact and an empty ID, and queues an SMS', async () => {
    const response = await post(valid({ employeeId: ' ４６０-００１ ', contact: '(787) 555-0199', category: 'forgot-employee-id' }));
    expect(response.status).toBe(201);
    const row = await t.deps.storage.db.selectFrom('help_requests').selectAll().where('reference', '=', response.body.reference!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ employee_id: '460001', contact: '+17875550199', contact_channel: 'sms', status: 'open', category: 'forgot-employee-id' });
    const sms = await outbox.smsTo('+17875550199');
    expect(sms[0]?.body).toContain(response.body.reference);

    const noId = await post(valid({ employeeId: '', contact: 'someone@example.com' }));
    expect(noId.status).toBe(201);
    const noIdRow = await t.deps.storage.db.selectFrom('help_requests').select('employee_id').where('reference', '=', noId.body.reference!).executeTakeFirstOrThrow();
    expect(noIdRow.employee_id).toBeNull();
  });

  it('sends the confirmation e-mail with the reference to the contact given', async () => {
    const response = await post(valid({ contact: 'Confirm.Me@Example.COM' }));
    expect(response.status).toBe(201);
    const mails = await outbox.emailsTo('Confirm.Me@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(response.body.reference);
    expect(mails[0]!.text).toContain(response.body.reference);
  });

  it('writes help_request.submitted to the audit log without the description', async () => {
    const response = await post(valid({ description: 'secret-ish words 12345' }));
    const events = await t.deps.storage.db.selectFrom('audit_events').selectAll().where('event', '=', 'help_request.submitted').execute();
    const event = events.find((e) => e.detail?.includes(response.body.reference!));
    expect(event).toMatchObject({ outcome: 'success', subject_id: '460001' });
    expect(event!.detail).not.toContain('secret-ish');
  });

  it('gives unique references to 50 parallel submits', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => post(valid({ employeeId: '', contact: 'burst@example.com' }))));
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const references = answers.map((a) => a.body.reference!);
    expect(new Set(references).size).toBe(50);
    for (const reference of references) expect(reference).toMatch(REFERENCE);
  });

  it('refuses the 11th submit from one client within an hour with 429 and Retry-After, and allows it again after the hour', async () => {
    const client = freshClient();
    for (let i = 0; i < 10; i++) expect((await post(valid(), client)).status).toBe(201);
    const refused = await post(valid(), client);
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
    expect((await post(valid(), freshClient())).status).toBe(201);
    t.clock.advance(HOUR + 1000);
    expect((await post(valid(), client)).status).toBe(201);
  });

  it('answers bad input with 400 and a message per field; CR/LF in the contact or name is refused', async () => {
    const bad = await post({ employeeId: '12ab', name: '', contact: 'not a contact', category: 'free-pizza', description: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('VALIDATION');
    expect(Object.keys(fieldsOf(bad.body.error)).sort()).toEqual(['category', 'contact', 'description', 'employeeId', 'name']);

    const crlf = await post(valid({ contact: 'victim@example.com\r\nBcc: all@example.com' }));
    expect(crlf.status).toBe(400);
    expect(Object.keys(fieldsOf(crlf.body.error))).toEqual(['contact']);
    const crlfName = await post(valid({ name: 'Eve\r\nX-Injected: 1' }));
    expect(Object.keys(fieldsOf(crlfName.body.error))).toEqual(['name']);

    const long = await post(valid({ description: 'x'.repeat(2001), name: 'n'.repeat(101) }));
    expect(Object.keys(fieldsOf(long.body.error)).sort()).toEqual(['description', 'name']);
    expect((await post({ name: 'x' }, freshClient())).status).toBe(400);
    expect((await post(valid({ extra: 1 }))).status).toBe(400);

    const spanish = await post(valid({ name: '' }), freshClient(), { 'accept-language': 'es-PR' });
    expect(fieldsOf(spanish.body.error).name).toBe('Escriba su nombre.');
    expect(await t.deps.storage.db.selectFrom('messages').select('id').where('recipient', 'like', '%victim%').execute()).toEqual([]);
  });

  it('lists open requests oldest first and closes one once (the console’s repository)', async () => {
    const { db } = t.deps.storage;
    const open = await listOpenHelpRequests(db, { limit: 1000 });
    expect(open.length).toBeGreaterThan(50);
    for (let i = 1; i < open.length; i++) expect(open[i]!.createdAt).toBeGreaterThanOrEqual(open[i - 1]!.createdAt);
    const first = open[0]!;
    expect(await closeHelpRequest(db, { id: first.id, closedBy: '900001', outcomeNote: 'Unlocked.', now: t.clock.now() })).toBe(true);
    expect(await closeHelpRequest(db, { id: first.id, closedBy: '900001', outcomeNote: 'Again.', now: t.clock.now() })).toBe(false);
    expect((await listOpenHelpRequests(db, { limit: 1000 })).some((r) => r.id === first.id)).toBe(false);
  });
});
