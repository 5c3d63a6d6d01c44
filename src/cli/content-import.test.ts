// Black-box tests of `portico content import` (HOME-3) through the built CLI (npm test builds dist/
// first), on both engines: good files import, re-imports update instead of duplicating, a file
// with bad lines is refused whole with every problem by line, and usage errors exit 2. Tasks,
// reviews and benefit plans take an optional language column for their translations.
import { writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkDir } from '../../test/support/run-cli.js';
import { createDatabaseUrl, ENGINES } from '../../test/support/databases.js';
import { openStorage, type Storage } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrate.js';
import { insertEmployeeWithAccount } from '../storage/repositories/employees.js';
import { listBenefitsFor } from '../storage/repositories/content/benefits.js';
import { listTasksFor } from '../storage/repositories/content/tasks.js';

const FILES = {
  news: [
    'ref,language,title,body,countries,published_at',
    'welcome,en,Welcome,"Hello, **everyone**.",,2026-01-05',
    'welcome,fr-CA,Bienvenue,"Bonjour, tout le monde.",,',
    'ca-holiday,en,Canada Day,Office closed.,CA,2026-06-20T09:00',
  ],
  // Columns in another order, optional ones left out.
  tasks: [
    'title,ref,assignee_id,countries,statuses,due_on',
    'Sign the handbook,t-1,00123,,,2026-04-01',
    'Retiree survey,t-2,,CA,retired,',
    'Everyone: security training,t-3,,,,2026-05-01',
  ],
  reviews: [
    'ref,employee_id,period,reviewer,rating,strengths,goals,reviewed_on',
    'r-1,00123,2025,Dana Boss,4,"Calm, kind",Mentor others,2026-01-15',
    'r-2,45678,2025,Dana Boss,5,Everything,Rest,',
  ],
  benefits: [
    'ref,employee_id,plan,category,coverage,starts_on,ends_on,enrolment_opens_on,enrolment_closes_on',
    'b-1,00123,Health Plus,medical,Employee + family,2026-01-01,,2026-11-01,2026-11-30',
    'b-2,45678,Dental Basic,dental,Employee,2026-01-01,2026-12-31,,',
  ],
} as const;

const OPERATOR = `${userInfo().username}@${hostname()}`;

describe.each(ENGINES)('portico content import on %s', (engine) => {
  let dir: string;
  let databaseUrl: string;
  let storage: Storage;
  const run = (...args: string[]) => runCli(['content', 'import', ...args], { cwd: dir, env: { PORTICO_DATABASE_URL: databaseUrl } });
  const write = (name: string, lines: readonly string[], eol = '\n') => writeFileSync(path.join(dir, name), lines.join(eol) + eol);
  /** Imports a file that must be refused (exit 1); the problems, one a line. */
  const refuse = (kind: string, name: string, lines: readonly string[]) => {
    write(name, lines);
    const result = run(kind, name);
    expect(result.status).toBe(1);
    return { ...result, problems: result.stderr.split('\n').filter(Boolean) };
  };
  const count = async (table: 'news' | 'news_translations' | 'tasks' | 'reviews' | 'benefits') =>
    Number((await storage.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    dir = tempWorkDir();
    databaseUrl = await createDatabaseUrl(engine);
    storage = openStorage(databaseUrl);
    await migrateToLatest(storage.db);
    const now = Date.now();
    await insertEmployeeWithAccount(storage.db, { employeeId: '00123', givenName: 'Ana', familyName: 'Lopez', country: 'US', status: 'active' }, {}, now);
    await insertEmployeeWithAccount(storage.db, { employeeId: '45678', givenName: 'Luc', familyName: 'Roy', country: 'CA', status: 'retired' }, {}, now);
  });
  afterAll(async () => storage.close());

  it.each([
    ['news', 'news', 2, '2 news articles'],
    ['tasks', 'tasks', 3, '3 tasks'],
    ['reviews', 'reviews', 2, '2 reviews'],
    ['benefits', 'benefits', 2, '2 benefit plans'],
  ] as const)('imports %s, and a re-run updates the same items', async (kind, table, items, noun) => {
    write(`${kind}.csv`, FILES[kind], '\r\n');
    const first = run(kind, `${kind}.csv`);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(`Imported ${noun} (created ${items}, updated 0).\n`);
    expect(first.status).toBe(0);
    expect(await count(table)).toBe(items);
    const again = run(kind, `${kind}.csv`);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(`Imported ${noun} (created 0, updated ${items}).\n`);
    expect(await count(table)).toBe(items);
    const audits = await storage.db.selectFrom('audit_events').select(['actor_id', 'detail']).where('event', '=', 'content.imported').execute();
    const mine = audits.map((a) => JSON.parse(a.detail ?? '{}') as Record<string, unknown>).filter((d) => d.kind === kind);
    expect(mine).toEqual([
      { kind, via: 'cli', operator: OPERATOR, count: items, created: items, updated: 0 },
      { kind, via: 'cli', operator: OPERATOR, count: items, created: 0, updated: items },
    ]);
  });

  it('stored what the files said: translations grouped by ref, targeting, normalised dates', async () => {
    expect(await count('news_translations')).toBe(3);
    const news = await storage.db.selectFrom('news').select(['ref', 'countries', 'published_at']).orderBy('ref').execute();
    expect(news.map((n) => [n.ref, n.countries, Number(n.published_at)])).toEqual([
      ['ca-holiday', 'CA', Date.parse('2026-06-20T13:00:00Z')],
      ['welcome', null, Date.parse('2026-01-05T05:00:00Z')],
    ]);
    const tasks = await storage.db.selectFrom('tasks').select(['ref', 'assignee_id', 'countries', 'statuses', 'due_on']).orderBy('ref').execute();
    expect(tasks).toEqual([
      { ref: 't-1', assignee_id: '00123', countries: null, statuses: null, due_on: '2026-04-01' },
      { ref: 't-2', assignee_id: null, countries: 'CA', statuses: 'retired', due_on: null },
      { ref: 't-3', assignee_id: null, countries: null, statuses: null, due_on: '2026-05-01' },
    ]);
  });

  it('refuses a file with 2 bad lines of 5, naming both, and writes nothing', async () => {
    const before = await count('reviews');
    const result = refuse('reviews', 'bad.csv', [
      FILES.reviews[0],
      'r-10,00123,2026,Dana Boss,3,Good,More,',
      'r-11,00123,2026,Dana Boss,7,Good,More,',
      'r-12,45678,2026,Dana Boss,2,Good,More,2026-02-28',
      'r-13,99999,2026,Dana Boss,3,Good,More,',
      'r-14,45678,2026,Dana Boss,1,Good,More,',
    ]);
    expect(result.problems).toEqual([
      'line 3: rating "7": Give a rating as a whole number from 1 to 5.',
      'line 5: employee_id "99999": No employee on the roster has this Employee ID.',
    ]);
    expect(result.stdout).toBe('Refused: 2 problems; nothing was written.\n');
    expect(await count('reviews')).toBe(before);
  });

  it('reports structure problems by line too: field counts, repeated refs, missing refs, articles that disagree', async () => {
    write('tasks-bad.csv', ['ref,title,countries', 't-20,One,US', 't-20,Two,US', ',Three,', 't-21,"Four, five",US,extra', 't-22,Six,MX']);
    const tasks = run('tasks', 'tasks-bad.csv');
    expect(tasks.status).toBe(1);
    expect(tasks.stderr).toContain('line 3: ref "t-20" already appears on line 2\n');
    expect(tasks.stderr).toContain('line 4: ref: Give a reference (ref)');
    expect(tasks.stderr).toContain('line 5: expected 3 fields, found 4\n');
    expect(tasks.stderr).toContain('line 6: countries "MX": Use only these country codes: US, CA, PR.\n');
    write('news-bad.csv', ['ref,language,title,body,countries', 'n-1,en,Hi,Text,US', 'n-1,en,Again,Text,CA']);
    const news = run('news', 'news-bad.csv');
    expect(news.stderr).toContain('line 3: countries "CA" differs from line 2, which has the same ref\n');
    expect(news.stderr).toContain('line 3: language "en": Give each language only once.\n');
    expect(await count('tasks')).toBe(3);
  });

  it('shows the first 50 problems and counts the rest', () => {
    write('many.csv', ['ref,title', ...Array.from({ length: 60 }, (_, i) => `m-${i},`)]);
    const result = run('tasks', 'many.csv');
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('line '))).toHaveLength(50);
    expect(lines.at(-1)).toBe('… and 10 more');
  });

  it('refuses a header with an unknown or a missing column (exit 1), and bad usage with exit 2', () => {
    write('unknown.csv', ['ref,title,colour', 'x,y,z']);
    const unknown = run('tasks', 'unknown.csv');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/line 1: unknown column "colour"; the columns for tasks are ref,title,description/);
    write('missing.csv', ['ref,employee_id,plan', 'x,00123,P']);
    expect(run('benefits', 'missing.csv').stderr).toMatch(/line 1: missing column "category", "coverage", "starts_on"/);
    const kind = run('memos', 'unknown.csv');
    expect(kind.status).toBe(2);
    expect(kind.stderr).toMatch(/Usage: portico content import/);
    const file = run('news', 'nowhere.csv');
    expect(file.status).toBe(2);
    expect(file.stderr).toMatch(/cannot read nowhere\.csv: no such file[\s\S]*Usage:/);
    expect(run('news').status).toBe(2);
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: portico content import \[options\] <kind> <file>/);
    expect(help.stdout).toContain('ref,employee_id,plan,category,coverage,starts_on,[ends_on]');
  });

  it('reads a language column: the lines sharing a ref are one item with its translations; one English line each', async () => {
    write('tasks-languages.csv', [
      'ref,language,title,description,countries',
      't-40,,Update your address,Check it in Edit My Profile.,CA',
      't-40,FR-ca,Mettez votre adresse à jour,Vérifiez-la dans Modifier mon profil.,',
      't-40,es-PR,Actualice su dirección,,CA',
      't-41,en,English only,,',
    ]);
    const imported = run('tasks', 'tasks-languages.csv');
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe('Imported 2 tasks (created 2, updated 0).\n');
    const tasks = await listTasksFor(storage.db, { employeeId: '45678', country: 'CA', status: 'retired' }, { openOnly: false });
    expect(tasks.find((task) => task.ref === 't-40')).toMatchObject({
      title: 'Update your address',
      countries: ['CA'],
      translations: expect.arrayContaining([
        { language: 'fr-CA', title: 'Mettez votre adresse à jour', description: 'Vérifiez-la dans Modifier mon profil.' },
        { language: 'es-PR', title: 'Actualice su dirección', description: '' },
      ]) as unknown,
    });
    expect(tasks.find((task) => task.ref === 't-41')?.translations).toEqual([]);

    write('benefits-languages.csv', ['ref,employee_id,plan,category,coverage,starts_on,language', 'b-40,45678,Dental,dental,Employee,2026-01-01,', 'b-40,,Soins dentaires,,Employé seulement,,fr-CA']);
    expect(run('benefits', 'benefits-languages.csv').status).toBe(0);
    expect((await listBenefitsFor(storage.db, '45678')).find((b) => b.ref === 'b-40')?.translations).toEqual([{ language: 'fr-CA', plan: 'Soins dentaires', coverage: 'Employé seulement' }]);

    const refused = refuse('tasks', 'tasks-languages-bad.csv', [
      'ref,language,title,countries',
      't-50,en,One,US',
      't-50,fr-CA,Un,CA',
      't-50,de,Eins,',
      't-51,fr-CA,Seulement en français,',
      't-52,,Two,',
      't-52,en,Deux,',
    ]);
    expect(refused.problems).toEqual([
      'line 3: countries "CA" differs from line 2, which has the same ref',
      'line 4: language "de": Use one of these languages: fr-CA, es-PR. English goes in the main fields.',
      'line 5: ref "t-51" has no English line: give one line with language empty or "en" and every column',
      'line 7: ref "t-52" already has its English line on line 6',
    ]);
  });
});
