import type { Kysely } from 'kysely';

// Issue 16 (IDP-1, IDP-3): what a session's factors were, so the identity provider's `amr` and
// `acr` say what was used rather than what the account has set up today. `second_factor_method`
// is what passed the second factor (`totp`, `email_code`, `sms_code`, `recovery_code`, `passkey`,
// or `provider` when the company SSO provider did); `passkey_amr` is the RFC 8176 name of the
// passkey a session used (`hwk` device-bound, `swk` synced). Sessions from before stay null: the
// provider then falls back to the account's method (src/idp/amr.ts).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('second_factor_method', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('passkey_amr', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('passkey_amr').execute();
  await db.schema.alterTable('sessions').dropColumn('second_factor_method').execute();
}
