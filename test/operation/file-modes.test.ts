// SPEC §15: every directory Portico creates for personal data and keys (data/, the SQLite
// database's directory, the outbox) is 0700; the SQLite database and its WAL/SHM files,
// data/secret and the outbox files are 0600 — even under a umask that would let everyone read.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxReader, type OutboxReader } from '../support/outbox.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { suiteTempDir } from '../support/temp-root.js';

const mode = (file: string) => (statSync(file).mode & 0o777).toString(8).padStart(4, '0');

describe('file modes of what Portico creates (SPEC §15)', () => {
  let previousUmask: number;
  let root: string;
  let t: TestApp;
  let outbox: OutboxReader;
  // Nothing below `root` exists yet: Portico creates data/, data/db/ and data/outbox/ itself.
  const data = () => path.join(root, 'data');

  beforeAll(async () => {
    previousUmask = process.umask(0);
    root = suiteTempDir('portico-modes-');
    t = await createTestApp({
      databaseUrl: `sqlite:${path.join(data(), 'db', 'portico.db')}`,
      demo: true,
      // Demo mode without a secret generates data/secret.
      env: { PORTICO_DATA_DIR: data(), PORTICO_SECRET: '', PORTICO_TRUSTED_PROXIES: '127.0.0.1' },
    });
    outbox = createOutboxReader(t.deps);
  });
  afterAll(async () => {
    await outbox?.stop();
    await t?.close();
    process.umask(previousUmask);
  });

  it('keeps the directories 0700 and the database, WAL, SHM, secret and outbox files 0600 after writing', async () => {
    // Writes: a failed sign-in (lockout counters) and two help requests (queued mail and SMS).
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/login', payload: { identifier: '12345', password: 'wrong-password1' } })).statusCode).toBe(401);
    for (const contact of ['modes@example.com', '787-555-0123']) {
      const help = await t.app.inject({
        method: 'POST',
        url: '/api/v1/help-requests',
        payload: { name: 'Mo Des', contact, category: 'other', description: 'Checking file modes.' },
      });
      expect(help.statusCode).toBe(201);
    }
    expect(await outbox.emailsTo('modes@example.com')).toHaveLength(1);
    expect(await outbox.smsTo('+17875550123')).toHaveLength(1);

    const db = path.join(data(), 'db', 'portico.db');
    const mail = path.join(data(), 'outbox', 'mail');
    const emlFiles = readdirSync(mail).filter((name) => name.endsWith('.eml'));
    expect(emlFiles).toHaveLength(1);
    for (const file of [`${db}-wal`, `${db}-shm`]) expect(existsSync(file), file).toBe(true);

    const modes = Object.fromEntries(
      [
        ['data/', data()],
        ['data/db/', path.dirname(db)],
        ['data/outbox/', path.join(data(), 'outbox')],
        ['data/outbox/mail/', mail],
        ['portico.db', db],
        ['portico.db-wal', `${db}-wal`],
        ['portico.db-shm', `${db}-shm`],
        ['data/secret', path.join(data(), 'secret')],
        ['mail/*.eml', path.join(mail, emlFiles[0]!)],
        ['sms.jsonl', path.join(data(), 'outbox', 'sms.jsonl')],
      ].map(([name, file]) => [name, mode(file!)]),
    );
    expect(modes).toEqual({
      'data/': '0700',
      'data/db/': '0700',
      'data/outbox/': '0700',
      'data/outbox/mail/': '0700',
      'portico.db': '0600',
      'portico.db-wal': '0600',
      'portico.db-shm': '0600',
      'data/secret': '0600',
      'mail/*.eml': '0600',
      'sms.jsonl': '0600',
    });
  });
});
