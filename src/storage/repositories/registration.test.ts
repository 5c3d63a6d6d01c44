// DESIGN rule 9 on both engines: the wizard's last writes, and the terms-only acceptance, happen once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestStorage } from '../../../test/support/databases.js';
import { keyedHash } from '../../security/tokens.js';
import type { Storage } from '../database.js';
import { insertEmployeeWithAccount } from './employees.js';
import { findLiveFlow, insertFlow } from './flows.js';
import { acceptTermsAndSpendFlow, loadProgress, registerAccount, saveProgress } from './registration.js';

const SECRET = Buffer.from('registration-test-secret-0123456789abcdef');
const NOW = Date.UTC(2026, 0, 5, 12);
const flowRow = (employeeId: string, idHash: string) => ({ idHash, kind: 'registration', employeeId, clientHash: 'client-hash', state: '{}', createdAt: NOW, expiresAt: NOW + 60_000 });
const person = (employeeId: string) => ({ employeeId, givenName: 'Ana', familyName: 'Ruiz', country: 'PR', status: 'active', language: 'es-PR' });

describe.each(ENGINES)('registration repository on %s', (engine) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createTestStorage(engine);
  });
  afterAll(() => storage.close());

  it('turns the saved progress into the account once: a second, racing completion writes nothing', async () => {
    const { db } = storage;
    await insertEmployeeWithAccount(db, person('0008001'), { pinHash: 'pin-hash', pinExpiresAt: NOW + 60_000, pinPurpose: 'register' }, NOW);
    const answers = ['q1', 'q2', 'q3'].map((questionId) => ({ questionId, answerHash: `hash-${questionId}` }));
    await saveProgress(db, '0008001', { language: 'en', email: 'ana@example.com', email_key: 'ana@example.com', email_verified_at: NOW, terms_version: 1, terms_accepted_at: NOW, questions: answers }, NOW);
    await insertFlow(db, flowRow('0008001', keyedHash(SECRET, 'flow-1')));
    const progress = await loadProgress(db, '0008001');

    const complete = () => db.transaction().execute((tx) => registerAccount(tx, { employeeId: '0008001', progress, language: 'en', now: NOW + 1 }));
    expect(await complete()).toBe(true);
    expect(await complete()).toBe(false);

    const account = await db.selectFrom('accounts').selectAll().where('employee_id', '=', '0008001').executeTakeFirstOrThrow();
    expect(account).toMatchObject({ registered_at: NOW + 1, pin_hash: null, email: 'ana@example.com', language: 'en', terms_version: 1 });
    const questions = await db.selectFrom('account_questions').select('question_id').where('employee_id', '=', '0008001').orderBy('position').execute();
    expect(questions.map((q) => q.question_id)).toEqual(['q1', 'q2', 'q3']);
    expect((await loadProgress(db, '0008001')).updated_at).toBe(0);
    expect(await db.selectFrom('flows').select('id_hash').where('employee_id', '=', '0008001').execute()).toEqual([]);
  });

  it('refuses to spend an expired PIN', async () => {
    const { db } = storage;
    await insertEmployeeWithAccount(db, person('0008002'), { pinHash: 'pin-hash', pinExpiresAt: NOW, pinPurpose: 'register' }, NOW);
    const progress = await loadProgress(db, '0008002');
    expect(await db.transaction().execute((tx) => registerAccount(tx, { employeeId: '0008002', progress, language: 'en', now: NOW }))).toBe(false);
  });

  it('spends a terms-only flow with the acceptance, once', async () => {
    const { db } = storage;
    await insertEmployeeWithAccount(db, person('0008003'), { passwordHash: '$argon2id$fake', registeredAt: NOW, termsVersion: 1 }, NOW);
    const flowIdHash = keyedHash(SECRET, 'flow-3');
    await insertFlow(db, flowRow('0008003', flowIdHash));
    const accept = { employeeId: '0008003', version: 2, flowIdHash, now: NOW + 1 };
    expect(await acceptTermsAndSpendFlow(db, accept)).toBe(true);
    expect(await acceptTermsAndSpendFlow(db, { ...accept, version: 3 })).toBe(false);
    const account = await db.selectFrom('accounts').select(['terms_version', 'terms_accepted_at']).where('employee_id', '=', '0008003').executeTakeFirstOrThrow();
    expect(account).toEqual({ terms_version: 2, terms_accepted_at: NOW + 1 });
    expect(await findLiveFlow(db, flowIdHash, 'registration', 'client-hash', NOW + 2)).toBeUndefined();
  });
});
