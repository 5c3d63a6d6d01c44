// A fresh, migrated database per test file on each engine: a temp SQLite file, or a new PostgreSQL database.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { openStorage, type Engine, type Storage, type StorageOptions } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { suiteTempDir } from './temp-root.js';

/**
 * The engines every engine-wide test runs on: both, unless PORTICO_TEST_ENGINES names some
 * (`.ci/other-node-versions` runs SQLite only, where the Node version meets native code).
 */
export const ENGINES: Engine[] = enginesToTest(process.env.PORTICO_TEST_ENGINES);

function enginesToTest(setting: string | undefined): Engine[] {
  const all: Engine[] = ['sqlite', 'postgres'];
  if (!setting) return all;
  const chosen = all.filter((engine) => setting.split(',').map((name) => name.trim()).includes(engine));
  if (chosen.length === 0) throw new Error(`PORTICO_TEST_ENGINES names no engine of ${all.join(', ')}: ${setting}`);
  return chosen;
}

/** A URL for a new, empty database on `engine`. */
export async function createDatabaseUrl(engine: Engine): Promise<string> {
  if (engine === 'sqlite') {
    const dir = suiteTempDir('portico-test-');
    return `sqlite:${path.join(dir, 'portico.db')}`;
  }
  const adminUrl = inject('postgresUrl');
  const name = `portico_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Records a migration this version does not know, as a newer Portico would have run it. */
export async function recordUnknownMigration(storage: Storage, name: string): Promise<void> {
  await sql`insert into kysely_migration (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(storage.db);
}

/** A new, migrated database on `engine`. */
export async function createTestStorage(engine: Engine, options: StorageOptions = {}): Promise<Storage & { url: string }> {
  const url = await createDatabaseUrl(engine);
  const storage = openStorage(url, options);
  await migrateToLatest(storage.db);
  return Object.assign(storage, { url });
}
