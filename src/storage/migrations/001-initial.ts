import type { Kysely } from 'kysely';

// Times are bigint epoch milliseconds on both engines.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('employees')
    .addColumn('employee_id', 'text', (c) => c.primaryKey())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('separation_date', 'text')
    .addColumn('roster_email', 'text')
    .addColumn('roster_mobile', 'text')
    .addColumn('roster_language', 'text')
    .addColumn('roster_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('employees_family_name').on('employees').columns(['family_name', 'given_name']).execute();

  await db.schema
    .createTable('accounts')
    .addColumn('employee_id', 'text', (c) => c.primaryKey().references('employees.employee_id'))
    .addColumn('password_hash', 'text')
    .addColumn('registered_at', 'bigint')
    .addColumn('disabled_at', 'bigint')
    .addColumn('helpdesk_locked_at', 'bigint')
    .addColumn('pin_hash', 'text')
    .addColumn('pin_expires_at', 'bigint')
    .addColumn('pin_purpose', 'text')
    .addColumn('email', 'text')
    .addColumn('email_key', 'text', (c) => c.unique())
    .addColumn('email_verified_at', 'bigint')
    .addColumn('mobile', 'text')
    .addColumn('mobile_verified_at', 'bigint')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('mfa', 'text', (c) => c.notNull().defaultTo('off'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('account_roles')
    .addColumn('employee_id', 'text', (c) => c.notNull().references('accounts.employee_id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_roles_pk', ['employee_id', 'role'])
    .execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('client_failures')
    .addColumn('client_key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('employee_id', 'text', (c) => c.notNull().references('accounts.employee_id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('auth_at', 'bigint', (c) => c.notNull())
    .addColumn('second_factor_at', 'bigint')
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_employee').on('sessions').column('employee_id').execute();

  await db.schema
    .createTable('flows')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull().references('accounts.employee_id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('flows_employee').on('flows').column('employee_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['flows', 'sessions', 'client_failures', 'login_attempts', 'account_roles', 'accounts', 'employees']) {
    await db.schema.dropTable(table).execute();
  }
}
