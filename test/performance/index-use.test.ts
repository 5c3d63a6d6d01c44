// Issue 14: every statement of the hot paths — sign-in, the session check, the homepage with its
// panels, the console's employee search (by part of a name and by ID) and the audit search for one
// employee — finds its rows through an index: EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL
// (with sequential scans priced out, so a plan that still scans has no index to use). The statements
// are the ones the app really ran, heard through the storage's `onQuery`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../support/outbox.js';
import { signInConsole, type ConsoleClient } from '../support/console-session.js';
import { publishNews, signedInEmployee, type Employee } from '../support/portal.js';
import { login, seedRegistered } from '../support/seed.js';
import { saveTask } from '../../src/storage/repositories/content/tasks.js';
import { scannedTables, type Heard } from '../support/query-plans.js';

/** The tables that grow with the workforce and its history. */
const LARGE_TABLES = ['sessions', 'employees', 'accounts', 'account_roles', 'audit_events', 'login_attempts', 'client_failures', 'task_completions', 'reviews', 'benefits', 'flows', 'recovery_answer_attempts'];

describe.each(ENGINES)('hot statements use indexes on %s', (engine) => {
  const heard: Heard[] = [];
  let listening = false;
  let t: TestApp;
  let outbox: OutboxReader;
  let employee: Employee;
  let agent: ConsoleClient;

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() }, storage: { onQuery: (statement) => listening && heard.push(statement) } });
    outbox = createOutboxReader(t.deps);
    for (let i = 0; i < 5; i++) await seedRegistered(t.deps, { employeeId: `057000${i}`, givenName: `Given${i}`, familyName: `Lopez${i}`, password: 'Harbor2026' });
    employee = await signedInEmployee(t, { employeeId: '0571000', givenName: 'Maria' });
    agent = await signInConsole(t, outbox, '0579000', 'helpdesk');
    await publishNews(t, { title: 'Open enrolment' });
    await saveTask(t.deps.storage.db, { title: 'Read the handbook', description: '' }, t.clock.now());
  });
  afterAll(async () => {
    await outbox?.stop();
    await t?.close();
  });

  async function hear(step: () => Promise<unknown>): Promise<Heard[]> {
    heard.length = 0;
    listening = true;
    try {
      await step();
    } finally {
      listening = false;
    }
    return [...heard];
  }

  /** Full scans of the large tables in the plans of the statements `step` ran. */
  async function fullScans(step: () => Promise<unknown>): Promise<string[]> {
    const statements = await hear(step);
    expect(statements.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const statement of statements) {
      if (!/^\s*(select|update|delete|insert|with)/i.test(statement.sql)) continue;
      const { tables, plan } = await scannedTables(t.deps.storage, statement);
      for (const table of tables.filter((name) => LARGE_TABLES.includes(name))) found.push(`${table} in: ${statement.sql}\n${plan}`);
    }
    return found;
  }

  it('sign-in', async () => {
    expect(await fullScans(() => login(t.app, '0570001', 'Harbor2026'))).toEqual([]);
  });

  it('the session check', async () => {
    expect(await fullScans(() => employee.get('/api/v1/me'))).toEqual([]);
  });

  it('the homepage with its panels', async () => {
    expect(await fullScans(() => employee.get('/home'))).toEqual([]);
  });

  it('the console search by part of a name and by Employee ID', async () => {
    expect(await fullScans(() => agent.get('/api/v1/admin/employees?q=lop'))).toEqual([]);
    expect(await fullScans(() => agent.get('/api/v1/admin/employees?q=05700'))).toEqual([]);
  });

  it('the audit search for one employee', async () => {
    expect(await fullScans(() => agent.get('/api/v1/admin/audit?employeeId=0570001'))).toEqual([]);
  });
});
