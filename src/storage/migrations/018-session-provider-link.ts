import type { Kysely } from 'kysely';

// Issue 16 (IDP-6, SESS-4): which provider session (oidc-provider's `Session`, by its `uid`, which
// stays the same while its id changes at every sign-in) belongs to the browser of a Portico
// session, so that ending that one session from Edit My Profile also signs the browser out of the
// applications it signed in to. Set by the provider when the two are seen together for the same
// employee (src/idp/session-link.ts); null until then, and for sessions from before.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('provider_session_uid', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('provider_session_uid').execute();
}
