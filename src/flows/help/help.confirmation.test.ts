// HELP-2's confirmation limits through the JSON API on both engines, read back from the outbox:
// one recipient gets at most 3 confirmations a day (later requests are still recorded, without a
// message, even in a parallel burst), and a phone gets an SMS only when it is a `+1` number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/databases.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { DAY } from '../../security/clock.js';

let nextClient = 1;
/** A distinct client address per submit, so only the per-recipient limit applies (not the per-client one). */
const freshClient = () => `10.40.${Math.floor(nextClient / 250)}.${(nextClient++ % 250) + 1}`;

describe.each(ENGINES)('Technical Help Form confirmations on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;

  const submit = async (contact: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/help-requests',
      payload: { employeeId: '480001', name: 'Rita Soto', contact, category: 'unlock', description: 'Locked out.' },
      headers: { 'x-forwarded-for': freshClient() },
    });
    expect(response.statusCode, contact).toBe(201);
    return (response.json<{ reference: string }>()).reference;
  };
  const storedRequests = async (references: string[]) =>
    t.deps.storage.db.selectFrom('help_requests').select(['reference', 'contact', 'contact_channel']).where('reference', 'in', references).execute();
  const confirmationsAudited = async (references: string[]) => {
    const events = await t.deps.storage.db.selectFrom('audit_events').select('detail').where('event', '=', 'help_request.submitted').execute();
    return references.map((reference) => (JSON.parse(events.find((e) => e.detail?.includes(reference))?.detail ?? '{}') as { confirmation?: string }).confirmation);
  };

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir(), PORTICO_TRUSTED_PROXIES: '127.0.0.1' } });
    outbox = createOutboxReader(t.deps);
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('e-mails one address at most 3 confirmations a day, records every request, and confirms again the next day', async () => {
    const references: string[] = [];
    // The same mailbox however its local part is typed (NORM-2).
    for (const contact of ['daily@example.com', 'Daily@Example.com', 'DAILY@example.com', 'daily@EXAMPLE.com', 'daily@example.com']) references.push(await submit(contact));
    expect(new Set(references).size).toBe(5);
    expect(await storedRequests(references)).toHaveLength(5);
    const mails = await outbox.emailsTo('daily@example.com');
    expect(mails).toHaveLength(3);
    expect(mails.map((m) => references.indexOf(/HR-\d{4}-\d{6}/.exec(m.subject)![0])).sort()).toEqual([0, 1, 2]);
    expect(await confirmationsAudited(references)).toEqual(['sent', 'sent', 'sent', 'daily_limit', 'daily_limit']);

    t.clock.advance(DAY + 1000);
    const nextDay = await submit('daily@example.com');
    const after = await outbox.emailsTo('daily@example.com');
    expect(after).toHaveLength(4);
    expect(after.some((m) => m.subject.includes(nextDay))).toBe(true);
  });

  it('sends 3 confirmations, no more, to one address under a burst of 12 parallel requests, and records all 12', async () => {
    const references = await Promise.all(Array.from({ length: 12 }, () => submit('burst-confirm@example.com')));
    expect(await storedRequests(references)).toHaveLength(12);
    expect(await outbox.emailsTo('burst-confirm@example.com')).toHaveLength(3);
  });

  it('texts a +1 number (at most 3 times a day) and records requests from other dialling plans without an SMS', async () => {
    const local = [];
    for (let i = 0; i < 4; i++) local.push(await submit('(939) 555-0101'));
    expect(await outbox.smsTo('+19395550101')).toHaveLength(3);

    const abroad = { '+44 20 7946 0958': '+442079460958', '+52 55 1234 5678': '+525512345678', '+1 123 456 7890': '+11234567890' };
    const references: string[] = [];
    for (const typed of Object.keys(abroad)) references.push(await submit(typed));
    const stored = await storedRequests(references);
    expect(stored.map((r) => [r.contact, r.contact_channel]).sort()).toEqual(Object.values(abroad).map((n) => [n, 'sms']).sort());
    for (const number of Object.values(abroad)) expect(await outbox.smsTo(number), number).toEqual([]);
    expect(await confirmationsAudited(references)).toEqual(['outside_dialling_plan', 'outside_dialling_plan', 'outside_dialling_plan']);
    // Nothing was even queued for them (no paid message waits in the queue either).
    const queued = await t.deps.storage.db.selectFrom('messages').select('recipient').where('channel', '=', 'sms').execute();
    expect(queued.filter((m) => Object.values(abroad).includes(m.recipient))).toEqual([]);
  });
});
