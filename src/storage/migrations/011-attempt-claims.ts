import type { Kysely } from 'kysely';

// LOGIN-4/LOGIN-6: an attempt claims its slot before the password is checked; `pending` counts the
// claims still being checked, apart from the failures, so a claim in flight is never a failure
// (no false lock message) and never lets more guesses through than the limit.
// MFA-2: `replaced_at` marks the code a re-send replaced, so that of parallel re-sends exactly one
// replaces it (the 30-second wait, claimed in one statement).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('login_attempts').addColumn('pending', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('client_failures').addColumn('pending', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('verification_codes').addColumn('replaced_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('verification_codes').dropColumn('replaced_at').execute();
  await db.schema.alterTable('client_failures').dropColumn('pending').execute();
  await db.schema.alterTable('login_attempts').dropColumn('pending').execute();
}
