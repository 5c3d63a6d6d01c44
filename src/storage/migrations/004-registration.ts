import { sql, type Kysely } from 'kysely';

// REG-1..7: wizard progress, terms versions, challenge answers, one-time codes, password history.

const TERMS_V1 = [
  {
    language: 'en',
    title: 'Portico Terms and Conditions of Use',
    body: [
      'Portico is provided by your employer for current employees, retirees and recently separated employees.',
      'You agree to keep your password, PIN and one-time codes to yourself, and to tell the help desk at once if you think someone else knows them.',
      'You may use Portico only for your own employment information. Do not try to reach information about anyone else.',
      'Your sign-ins and changes to your account are recorded for your security.',
      'These terms may change; when they do, you will be asked to accept the new version at your next sign-in.',
    ].join('\n\n'),
  },
  {
    language: 'fr-CA',
    title: 'Conditions d’utilisation de Portico',
    body: [
      'Portico est offert par votre employeur aux employés actuels, aux retraités et aux anciens employés récents.',
      'Vous acceptez de garder pour vous votre mot de passe, votre NIP et vos codes à usage unique, et d’aviser immédiatement le centre d’assistance si vous croyez que quelqu’un d’autre les connaît.',
      'Vous pouvez utiliser Portico uniquement pour vos propres renseignements d’emploi. N’essayez pas d’accéder aux renseignements d’une autre personne.',
      'Vos connexions et les modifications apportées à votre compte sont consignées pour votre sécurité.',
      'Ces conditions peuvent changer; le cas échéant, on vous demandera d’accepter la nouvelle version à votre prochaine connexion.',
    ].join('\n\n'),
  },
  {
    language: 'es-PR',
    title: 'Términos y condiciones de uso de Portico',
    body: [
      'Su empleador ofrece Portico a empleados actuales, jubilados y exempleados recientes.',
      'Usted acepta mantener en privado su contraseña, su PIN y sus códigos de un solo uso, y avisar de inmediato a la mesa de ayuda si cree que otra persona los conoce.',
      'Puede usar Portico solo para su propia información de empleo. No intente acceder a información de otras personas.',
      'Sus inicios de sesión y los cambios a su cuenta se registran para su seguridad.',
      'Estos términos pueden cambiar; cuando cambien, se le pedirá aceptar la nueva versión en su próximo inicio de sesión.',
    ].join('\n\n'),
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const isPostgres = await sql`select version()`.execute(db).then(
    () => true,
    () => false,
  );
  await db.schema
    .createTable('terms')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('terms_pk', ['version', 'language'])
    .execute();
  const publishedAt = Date.UTC(2026, 0, 1);
  // The migration's db is untyped; the table was created just above.
  const typed = db as Kysely<{ terms: { version: number; language: string; title: string; body: string; published_at: number } }>;
  await typed
    .insertInto('terms')
    .values(TERMS_V1.map((t) => ({ version: 1, ...t, published_at: publishedAt })))
    .execute();

  await db.schema.alterTable('accounts').addColumn('terms_version', 'integer').execute();
  await db.schema.alterTable('accounts').addColumn('terms_accepted_at', 'bigint').execute();
  await db.schema.alterTable('accounts').addColumn('app_id', 'text').execute();

  await db.schema
    .createTable('registration_progress')
    .addColumn('employee_id', 'text', (c) => c.primaryKey().references('accounts.employee_id'))
    .addColumn('language', 'text')
    .addColumn('terms_version', 'integer')
    .addColumn('terms_accepted_at', 'bigint')
    .addColumn('email', 'text')
    .addColumn('email_key', 'text')
    .addColumn('email_verified_at', 'bigint')
    .addColumn('mobile', 'text')
    .addColumn('mobile_verified_at', 'bigint')
    .addColumn('app_id', 'text')
    .addColumn('questions', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('account_questions')
    .addColumn('employee_id', 'text', (c) => c.notNull().references('accounts.employee_id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('answer_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_questions_pk', ['employee_id', 'position'])
    .execute();

  await db.schema
    .createTable('verification_codes')
    .addColumn('id', isPostgres ? 'bigserial' : 'integer', (c) => (isPostgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('employee_id', 'text', (c) => c.notNull().references('accounts.employee_id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('consumed_at', 'bigint')
    .execute();
  await db.schema.createIndex('verification_codes_owner').on('verification_codes').columns(['employee_id', 'purpose', 'channel', 'created_at']).execute();

  await db.schema
    .createTable('password_history')
    .addColumn('employee_id', 'text', (c) => c.notNull().references('accounts.employee_id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_history_owner').on('password_history').columns(['employee_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['password_history', 'verification_codes', 'account_questions', 'registration_progress', 'terms']) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of ['terms_version', 'terms_accepted_at', 'app_id']) await db.schema.alterTable('accounts').dropColumn(column).execute();
}
