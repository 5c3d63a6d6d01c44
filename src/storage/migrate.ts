import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/001-initial.js';
import * as audit from './migrations/002-audit.js';
import * as messages from './migrations/003-messages.js';
import * as registration from './migrations/004-registration.js';
import * as recovery from './migrations/005-recovery.js';
import * as mfa from './migrations/006-mfa.js';
import * as helpRequests from './migrations/007-help-requests.js';
import * as content from './migrations/008-content.js';
import * as sso from './migrations/009-sso.js';
import * as helpdesk from './migrations/010-helpdesk.js';
import * as attemptClaims from './migrations/011-attempt-claims.js';
import * as flowBinding from './migrations/012-flow-binding.js';
import * as contentTranslations from './migrations/013-content-translations.js';
import * as searchIndexes from './migrations/014-search-indexes.js';
import * as passkeys from './migrations/015-passkeys.js';
// Issue 16 (identity provider): 016; 015 is the passkeys branch's.
import * as identityProvider from './migrations/016-identity-provider.js';
import * as sessionFactors from './migrations/017-session-factors.js';
import * as sessionProviderLink from './migrations/018-session-provider-link.js';

// Migrations are listed here, in order, so that they ship inside the build (no directory scanning).
const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-audit': audit,
  '003-messages': messages,
  '004-registration': registration,
  '005-recovery': recovery,
  '006-mfa': mfa,
  '007-help-requests': helpRequests,
  '008-content': content,
  '009-sso': sso,
  '010-helpdesk': helpdesk,
  '011-attempt-claims': attemptClaims,
  '012-flow-binding': flowBinding,
  '013-content-translations': contentTranslations,
  '014-search-indexes': searchIndexes,
  '015-passkeys': passkeys,
  // Issue 16 (identity provider).
  '016-identity-provider': identityProvider,
  '017-session-factors': sessionFactors,
  '018-session-provider-link': sessionProviderLink,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  const migrator = new Migrator({ db: db as Kysely<unknown>, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export interface MigrationStatus {
  applied: string[];
  /** Known to this version, not yet applied (the next start or `portico migrate` applies them). */
  pending: string[];
  /** Applied by a newer version: this one refuses to start on the database. */
  unknown: string[];
}

/** Which migrations the database holds, without changing it (portico doctor). */
export async function readMigrationStatus<T>(db: Kysely<T>): Promise<MigrationStatus> {
  const migrator = new Migrator({ db: db as Kysely<unknown>, provider });
  const known = await migrator.getMigrations();
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  const recorded = tables.some((table) => table.name === 'kysely_migration')
    ? (await (db as unknown as Kysely<{ kysely_migration: { name: string } }>).selectFrom('kysely_migration').select('name').execute()).map((row) => row.name)
    : [];
  return {
    applied: known.filter((m) => m.executedAt !== undefined).map((m) => m.name),
    pending: known.filter((m) => m.executedAt === undefined).map((m) => m.name),
    unknown: recorded.filter((name) => !(name in migrations)).sort(),
  };
}

/** Names of the migrations this version knows, oldest first. */
export const MIGRATION_NAMES = Object.keys(migrations);

/**
 * Reverts the migrations applied after `name` (their `down` steps, newest first), for going back
 * to the version whose newest migration is `name` (docs/deployment.md, "Rollback").
 */
export async function migrateDownTo<T>(db: Kysely<T>, name: string): Promise<string[]> {
  if (!(name in migrations)) throw new Error(`unknown migration "${name}"; this version knows ${MIGRATION_NAMES.join(', ')}`);
  const migrator = new Migrator({ db: db as Kysely<unknown>, provider });
  const { error, results } = await migrator.migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success' && r.direction === 'Down').map((r) => r.migrationName);
}
