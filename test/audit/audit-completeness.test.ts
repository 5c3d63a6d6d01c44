// AUDIT-1 completeness (SPEC §12): drives the real app through the JSON API (SQLite) through every
// security event AUDIT-1 names — sign-in success/failure/lockout, help-desk lock, unlock, PIN
// issued, the whole registration wizard, recovery requested/succeeded/failed, password/contact/
// MFA/questions changed, session ended, role granted, roster import and the console's actions
// with their reasons — then checks each event's row (actor, subject, outcome, IP, user agent,
// request id) and that no secret the test used or saw (passwords, PINs, codes, reset tokens and
// links, answers, cookie values) appears in any column of any audit row.
// The app's JSON logs (info level, every request) are captured and scanned the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../support/outbox.js';
import { signInConsole, type ConsoleClient } from '../support/console-session.js';
import { seedRegistered, seedUnregistered } from '../support/seed.js';
import { normaliseAnswer } from '../../src/identity/normalise.js';
import { replaceQuestions } from '../../src/storage/repositories/profile.js';
import { rosterCsv } from '../support/roster-csv.js';

type Json = Record<string, unknown>;
const UA = 'PorticoAuditTest/1.0';
const PASSWORD = 'Harbor2026';

/** The app's log output, line by line. */
const logLines: string[] = [];

/** Every secret the test typed or saw; scanned for in the audit table at the end. */
const secrets = new Set<string>();
/** 6-digit codes, matched only when not part of a longer run of letters or digits. */
const codes = new Set<string>();
const employeeIds = new Set<string>();

interface Client {
  jar: Map<string, string>;
  send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: Json): Promise<LightMyRequestResponse>;
}

function client(app: FastifyInstance): Client {
  const jar = new Map<string, string>();
  return {
    jar,
    async send(method, url, payload) {
      const response = await app.inject({
        method,
        url,
        headers: { 'user-agent': UA, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
        ...(payload === undefined ? {} : { payload }),
      });
      for (const c of response.cookies as { name: string; value: string; maxAge?: number }[]) {
        if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) jar.delete(c.name);
        else {
          jar.set(c.name, c.value);
          secrets.add(c.value);
        }
      }
      return response;
    },
  };
}

function keepCookies(jar: Map<string, string>): void {
  for (const value of jar.values()) secrets.add(value);
}

function ok(response: LightMyRequestResponse, status: number): LightMyRequestResponse {
  if (response.statusCode !== status) throw new Error(`${response.statusCode} (expected ${status}): ${response.body}`);
  return response;
}

const ANSWERS: [string, string][] = [
  ['first-pet', 'Marmaduke'],
  ['birth-city', 'Mayaguez'],
  ['first-school', 'Escuela Ramirez'],
];

describe('AUDIT-1: every security event is recorded, without secrets (sqlite)', () => {
  let t: TestApp;
  let outbox: OutboxReader;
  let helpdesk: ConsoleClient;
  let admin: ConsoleClient;
  let hr: ConsoleClient;

  const rows = () => t.deps.storage.db.selectFrom('audit_events').selectAll().orderBy('id').execute();

  beforeAll(async () => {
    t = await createTestApp({
      env: { PORTICO_DATA_DIR: tempDataDir(), PORTICO_CLIENT_FAILURE_LIMIT: '1000', PORTICO_LOG_LEVEL: 'info' },
      logStream: new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(chunk.toString());
          done();
        },
      }),
    });
    outbox = createOutboxReader(t.deps);
    secrets.add(PASSWORD);
    helpdesk = await signInConsole(t, outbox, '950001', 'helpdesk');
    admin = await signInConsole(t, outbox, '950002', 'admin');
    hr = await signInConsole(t, outbox, '950003', 'hr');
    for (const c of [helpdesk, admin, hr]) keepCookies(c.jar);
    for (const id of ['950001', '950002', '950003']) employeeIds.add(id);
  });
  afterAll(async () => {
    await outbox?.stop();
    await t?.close();
  });

  it('drives every AUDIT-1 event through the app and records each with its fields, never a secret', async () => {
    const { deps } = t;
    const audit0 = (await rows()).length;

    // --- Sign-in success, failure (with reason) and lockout (LOGIN-4: 3 wrong passwords). ---
    await seedRegistered(deps, { employeeId: '951001', password: PASSWORD, email: 'sign.in@example.com' });
    await seedRegistered(deps, { employeeId: '951002', password: PASSWORD, email: 'locked.out@example.com' });
    employeeIds.add('951001').add('951002');
    expect(ok(await client(t.app).send('POST', '/api/v1/login', { identifier: '951001', password: PASSWORD }), 200).json()).toEqual({ next: 'home' });
    for (let i = 1; i <= 3; i++) {
      const wrong = `Wrong${i}Pass2026`;
      secrets.add(wrong);
      await client(t.app).send('POST', '/api/v1/login', { identifier: '951002', password: wrong });
    }
    expect((await client(t.app).send('POST', '/api/v1/login', { identifier: '951002', password: PASSWORD })).statusCode).toBe(423);

    // --- Help-desk lock: 3 wrong answer sets in recovery (RECOV-7). ---
    await seedRegistered(deps, { employeeId: '952001', password: PASSWORD, email: 'hd.lock@example.com' });
    employeeIds.add('952001');
    const hashed = [];
    for (const [questionId, answer] of ANSWERS) {
      secrets.add(answer);
      hashed.push({ questionId, answerHash: await deps.hasher.hash(normaliseAnswer(answer)) });
    }
    await replaceQuestions(deps.storage.db, '952001', hashed);
    const lockBrowser = client(t.app);
    const lockFlow = ok(await lockBrowser.send('POST', '/api/v1/recovery', { identifier: '952001' }), 200).json<{ flowId: string }>().flowId;
    secrets.add(lockFlow);
    const asked = ok(await lockBrowser.send('GET', `/api/v1/recovery/${lockFlow}/questions`), 200).json<{ items: { id: string }[] }>().items;
    let last: LightMyRequestResponse | undefined;
    for (let set = 0; set < 3; set++) {
      const answers = asked.map((q, i) => ({ questionId: q.id, answer: `Not It ${set} ${i} Zebra` }));
      for (const a of answers) secrets.add(a.answer);
      last = await lockBrowser.send('POST', `/api/v1/recovery/${lockFlow}/questions`, { answers });
    }
    expect(last!.statusCode).toBe(423);

    // --- Console: unlock (the help-desk lock), PIN issued, MFA reset, sessions ended; each with a reason. ---
    ok(await helpdesk.post('/api/v1/admin/employees/952001/unlock', { reason: 'caller verified by badge photo' }), 204);
    await seedRegistered(deps, { employeeId: '953001', password: PASSWORD, email: 'pin.me@example.com' });
    employeeIds.add('953001');
    const issued = ok(await helpdesk.post('/api/v1/admin/employees/953001/pin', { reason: 'forgot everything, verified', identityCheck: 'badge' }), 200).json<{ pin: string }>();
    expect(issued.pin.length).toBeGreaterThanOrEqual(6);
    secrets.add(issued.pin);
    ok(await helpdesk.post('/api/v1/admin/employees/951001/reset-mfa', { reason: 'lost phone ticket 4471', identityCheck: 'government-id' }), 204);
    ok(await helpdesk.post('/api/v1/admin/employees/951001/end-sessions', { reason: 'laptop stolen ticket 4472' }), 200);

    // --- Role granted (admin only). ---
    ok(await admin.post('/api/v1/admin/employees/953001/roles', { reason: 'joins the help desk team', role: 'helpdesk', action: 'grant' }), 204);

    // --- Roster import from the console (HR): an update, so no PIN is needed. ---
    const csv = rosterCsv(['951001,Test,Renamed,US,active,,,,']);
    const roster = ok(await hr.request({ method: 'POST', url: '/api/v1/admin/roster', payload: csv, headers: { 'content-type': 'text/csv' } }), 200).json<Json>();
    expect(roster).toMatchObject({ refused: false, updated: 1 });

    // --- The whole registration wizard, from the PIN to home. ---
    const pin = 'wxyz2345';
    secrets.add(pin);
    await seedUnregistered(deps, { employeeId: '954001', pin, givenName: 'Rita', familyName: 'Vega' });
    employeeIds.add('954001');
    const reg = client(t.app);
    expect(ok(await reg.send('POST', '/api/v1/login', { identifier: '954001', password: pin }), 200).json()).toMatchObject({ next: 'register' });
    ok(await reg.send('POST', '/api/v1/registration/language', { language: 'en' }), 200);
    const terms = ok(await reg.send('GET', '/api/v1/registration'), 200).json<{ terms: { version: number } }>().terms;
    ok(await reg.send('POST', '/api/v1/registration/terms', { accept: true, version: terms.version }), 200);
    ok(await reg.send('POST', '/api/v1/registration/contact', { email: 'rita.vega@example.com' }), 200);
    ok(await reg.send('POST', '/api/v1/registration/contact/verify', { emailCode: await outbox.latestCode('rita.vega@example.com') }), 200);
    const regAnswers = [
      { questionId: 'first-pet', answer: 'Tortellini' },
      { questionId: 'birth-city', answer: 'Quebradillas' },
      { questionId: 'first-school', answer: 'Colegio Urbina' },
    ];
    for (const a of regAnswers) secrets.add(a.answer);
    ok(await reg.send('POST', '/api/v1/registration/questions', { answers: regAnswers }), 200);
    secrets.add('Registered88q');
    expect(ok(await reg.send('POST', '/api/v1/registration/password', { password: 'Registered88q', confirm: 'Registered88q' }), 200).json()).toEqual({ next: 'home' });

    // --- Recovery: requested, failed (a bad link), succeeded (the e-mailed link). ---
    await seedRegistered(deps, { employeeId: '955001', password: PASSWORD, email: 'recover.me@example.com' });
    employeeIds.add('955001');
    const rec = client(t.app);
    const recFlow = ok(await rec.send('POST', '/api/v1/recovery', { identifier: '955001' }), 200).json<{ flowId: string }>().flowId;
    secrets.add(recFlow);
    ok(await rec.send('POST', `/api/v1/recovery/${recFlow}/link`, { email: 'recover.me@example.com' }), 202);
    const bogus = 'A'.repeat(20) + 'bogusTokenValue1234567';
    secrets.add(bogus);
    expect((await rec.send('POST', '/api/v1/recovery/link', { token: bogus })).statusCode).toBeGreaterThanOrEqual(400);
    const mail = (await outbox.emailsTo('recover.me@example.com'))[0]!;
    const link = /https?:\/\/[^\s"<>]+\/recovery\/link\?token=[\w-]+/.exec(mail.text)?.[0];
    if (!link) throw new Error('no reset link in the e-mail');
    const token = new URL(link).searchParams.get('token')!;
    secrets.add(link).add(token);
    const redeemed = ok(await rec.send('POST', '/api/v1/recovery/link', { token }), 200).json<{ next: string; flowId: string }>();
    secrets.add(redeemed.flowId);
    secrets.add('Recovered77z');
    expect(ok(await rec.send('POST', `/api/v1/recovery/${redeemed.flowId}/password`, { password: 'Recovered77z', confirm: 'Recovered77z' }), 200).json()).toEqual({ next: 'home' });

    // --- Profile: questions, contact, a session ended, MFA, password (within 5 minutes of signing in). ---
    await seedRegistered(deps, { employeeId: '956001', password: PASSWORD, email: 'profile.owner@example.com' });
    employeeIds.add('956001');
    const laptop = client(t.app);
    const phone = client(t.app);
    ok(await laptop.send('POST', '/api/v1/login', { identifier: '956001', password: PASSWORD }), 200);
    ok(await phone.send('POST', '/api/v1/login', { identifier: '956001', password: PASSWORD }), 200);
    const newAnswers = [
      { questionId: 'first-pet', answer: 'Pancracio' },
      { questionId: 'birth-city', answer: 'Humacao' },
      { questionId: 'first-school', answer: 'Academia Sagrado' },
    ];
    for (const a of newAnswers) secrets.add(a.answer);
    ok(await laptop.send('PUT', '/api/v1/me/questions', { answers: newAnswers }), 204);
    ok(await laptop.send('PUT', '/api/v1/me/contact', { email: 'profile.new@example.com' }), 202);
    ok(await laptop.send('POST', '/api/v1/me/contact/verify', { emailCode: await outbox.latestCode('profile.new@example.com') }), 204);
    const sessions = ok(await laptop.send('GET', '/api/v1/me/sessions'), 200).json<{ items: { id: string; current: boolean }[] }>().items;
    const other = sessions.find((s) => !s.current)!;
    ok(await laptop.send('DELETE', `/api/v1/me/sessions/${other.id}`), 204);
    ok(await laptop.send('PUT', '/api/v1/me/mfa', { method: 'email' }), 204);
    secrets.add('Changed55w');
    ok(await laptop.send('POST', '/api/v1/me/password', { current: PASSWORD, password: 'Changed55w', confirm: 'Changed55w' }), 204);

    // --- Every message the app sent: its codes and links are secrets too. ---
    for (const email of await outbox.emailsTo('')) {
      for (const match of email.text.matchAll(/(?<![0-9A-Za-z])(\d{6})(?![0-9A-Za-z])/g)) if (!employeeIds.has(match[1]!)) codes.add(match[1]!);
      for (const match of email.text.matchAll(/https?:\/\/[^\s"<>]+[?&]token=([\w-]+)/g)) secrets.add(match[0]).add(match[1]!);
    }
    expect(codes.size).toBeGreaterThanOrEqual(5);

    // ================= The audit table =================
    const all = await rows();
    const mine = all.slice(audit0);
    const detail = (row: { detail: string | null }) => (row.detail ? (JSON.parse(row.detail) as Json) : {});
    const find = (event: string, where: (row: (typeof all)[number]) => boolean = () => true) => {
      const row = mine.find((r) => r.event === event && where(r));
      expect(row, `no audit row for ${event}`).toBeDefined();
      return row!;
    };
    /** Every row this test caused came over HTTP: where from, which client, which request. */
    const httpFields = (row: (typeof all)[number]) => {
      expect(row.ip, `${row.event} ip`).toBeTruthy();
      expect(row.user_agent, `${row.event} user agent`).toBeTruthy();
      expect(row.request_id, `${row.event} request id`).toBeTruthy();
      expect(row.at, `${row.event} time`).toBeGreaterThan(0);
      expect(row.outcome, `${row.event} outcome`).toMatch(/^(success|failure|refused|info)$/);
    };
    for (const row of mine) httpFields(row);
    const by = (actor: string | null, subject: string) => (row: (typeof all)[number]) => row.subject_id === subject && (actor === null || row.actor_id === actor);

    const expectations: { event: string; actor: string | null; subject: string; outcome: string; check?: (d: Json) => void }[] = [
      { event: 'login.success', actor: '951001', subject: '951001', outcome: 'success' },
      { event: 'login.failure', actor: null, subject: '951002', outcome: 'failure', check: (d) => expect(d.reason).toBe('invalid_credentials') },
      { event: 'login.lockout', actor: null, subject: '951002', outcome: 'info' },
      { event: 'login.refused', actor: null, subject: '951002', outcome: 'refused', check: (d) => expect(d.reason).toBeTruthy() },
      { event: 'account.helpdesk_locked', actor: null, subject: '952001', outcome: 'info' },
      { event: 'recovery.failed', actor: null, subject: '952001', outcome: 'failure', check: (d) => expect(d.reason).toBe('wrong_answers') },
      { event: 'account.unlocked', actor: '950001', subject: '952001', outcome: 'success', check: (d) => expect(d.reason).toBe('caller verified by badge photo') },
      { event: 'pin.issued', actor: '950001', subject: '953001', outcome: 'success', check: (d) => expect(d.reason).toBe('forgot everything, verified') },
      { event: 'mfa.reset', actor: '950001', subject: '951001', outcome: 'success', check: (d) => expect(d.reason).toBe('lost phone ticket 4471') },
      { event: 'session.ended', actor: '950001', subject: '951001', outcome: 'success', check: (d) => expect(d.reason).toBe('laptop stolen ticket 4472') },
      { event: 'role.granted', actor: '950002', subject: '953001', outcome: 'success', check: (d) => expect(d).toMatchObject({ reason: 'joins the help desk team', role: 'helpdesk' }) },
      { event: 'roster.import', actor: '950003', subject: '', outcome: 'success' },
      { event: 'login.success', actor: '954001', subject: '954001', outcome: 'success', check: (d) => expect(d.method).toBe('pin') },
      { event: 'registration.completed', actor: '954001', subject: '954001', outcome: 'success' },
      { event: 'recovery.requested', actor: null, subject: '955001', outcome: 'info' },
      { event: 'recovery.failed', actor: null, subject: '', outcome: 'failure', check: (d) => expect(d.reason).toBe('link_invalid') },
      { event: 'recovery.succeeded', actor: '955001', subject: '955001', outcome: 'success' },
      { event: 'password.changed', actor: '955001', subject: '955001', outcome: 'success', check: (d) => expect(d.via).toBe('recovery') },
      { event: 'questions.changed', actor: '956001', subject: '956001', outcome: 'success' },
      { event: 'contact.changed', actor: '956001', subject: '956001', outcome: 'success', check: (d) => expect(d.field).toBe('email') },
      { event: 'session.ended', actor: '956001', subject: '956001', outcome: 'success' },
      { event: 'mfa.changed', actor: '956001', subject: '956001', outcome: 'success', check: (d) => expect(d.method).toBe('email') },
      { event: 'password.changed', actor: '956001', subject: '956001', outcome: 'success' },
    ];
    for (const e of expectations) {
      const row = e.subject === '' ? find(e.event, (r) => r.actor_id === e.actor || (e.actor === null && detail(r).reason === 'link_invalid')) : find(e.event, by(e.actor, e.subject));
      expect(row.outcome, `${e.event} outcome`).toBe(e.outcome);
      if (e.actor !== null) expect(row.actor_id, `${e.event} actor`).toBe(e.actor);
      e.check?.(detail(row));
    }
    // The whole wizard: every step before the password is recorded for the registrant.
    const steps = mine.filter((r) => r.event === 'registration.step_completed' && r.subject_id === '954001').map((r) => detail(r).step);
    expect(steps).toEqual(expect.arrayContaining(['language', 'terms', 'contact', 'verify', 'questions']));

    // ================= No secret in any column of any row =================
    expect(secrets.size).toBeGreaterThan(20);
    const leaks: string[] = [];
    for (const row of all) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null || value === undefined) continue;
        const text = String(value);
        const lower = text.toLowerCase();
        for (const secret of secrets) {
          if (secret.length >= 4 && (text.includes(secret) || lower.includes(secret.toLowerCase()) || lower.includes(normaliseAnswer(secret)))) leaks.push(`${row.event}.${column} contains "${secret}"`);
        }
        for (const code of codes) if (new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`).test(text)) leaks.push(`${row.event}.${column} contains the code ${code}`);
      }
    }
    expect(leaks).toEqual([]);
    // …and none in the logs either.
    const logText = logLines.join('');
    expect(logText).toMatch(/"msg":"request completed"/);
    const logLeaks = [...secrets].filter((secret) => secret.length >= 4 && logText.includes(secret));
    for (const code of codes) if (new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`).test(logText)) logLeaks.push(`code ${code}`);
    expect(logLeaks).toEqual([]);
    // For the report: the event names this run produced.
    console.info(`AUDIT-1 events recorded: ${[...new Set(mine.map((r) => r.event))].sort().join(', ')}`);
  }, 30_000);
});
