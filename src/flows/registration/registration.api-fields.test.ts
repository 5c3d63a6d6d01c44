// SPEC §14.2 through the registration wizard's JSON API, on SQLite and PostgreSQL: a VALIDATION
// answer names what was wrong as `fields: [{field, code, message}]` in the request's language —
// what the route's schema refuses (a missing password, a terms version sent as text, a field it
// does not know) and what the password policy refuses, with the length limits (REG-5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedUnregistered } from '../../../test/support/seed.js';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../../../test/support/outbox.js';
import { ENGINES } from '../../../test/support/databases.js';
import type { ApiErrorBody } from '../../../test/support/api-errors.js';
import { messagesFor } from '../../web/i18n.js';

/** A cookie jar for one client; `language` is its Accept-Language. */
function client(app: FastifyInstance) {
  const jar = new Map<string, string>();
  const send = async (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>, language = 'en') => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await app.inject({ method, url, headers: { cookie, 'accept-language': language }, ...(payload ? { payload } : {}) });
    for (const c of response.cookies) jar.set(c.name, c.value);
    return response;
  };
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload: Record<string, unknown>, language?: string) => send('POST', url, payload, language),
  };
}

const errorOf = (response: LightMyRequestResponse) => response.json<ApiErrorBody>().error;
const en = messagesFor('en');
const fr = messagesFor('fr-CA');

describe.each(ENGINES)('registration API errors name their fields on %s', (engine) => {
  let t: TestApp;
  let outbox: OutboxReader;
  let c: ReturnType<typeof client>;
  let termsVersion: number;

  beforeAll(async () => {
    t = await createTestApp({ engine, env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
    await seedUnregistered(t.deps, { employeeId: '0045001', pin: 'abcd2345', givenName: 'Lena', familyName: 'Ruiz' });
    c = client(t.app);
    await c.post('/api/v1/login', { identifier: '0045001', password: 'abcd2345' });
    await c.post('/api/v1/registration/language', { language: 'en' });
    termsVersion = (await c.get('/api/v1/registration')).json<{ terms: { version: number } }>().terms.version;
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('names a terms version sent as text: code `type`', async () => {
    const response = await c.post('/api/v1/registration/terms', { accept: true, version: String(termsVersion) });
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual([{ field: 'version', code: 'type', message: en.schemaProblems.type }]);
  });

  it('names a field the step does not know: code `unknown`', async () => {
    const response = await c.post('/api/v1/registration/terms', { accept: true, version: termsVersion, extra: 1 });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).fields).toEqual([{ field: 'extra', code: 'unknown', message: en.schemaProblems.unknown }]);
  });

  it('names a missing password: code `required`, in English and, for Accept-Language fr-CA, in French', async () => {
    const english = await c.post('/api/v1/registration/password', { confirm: 'Harbor77x' });
    expect(english.statusCode).toBe(400);
    expect(errorOf(english)).toMatchObject({ code: 'VALIDATION', message: en.errors.validation });
    expect(errorOf(english).fields).toContainEqual({ field: 'password', code: 'required', message: en.schemaProblems.required });

    const french = await c.post('/api/v1/registration/password', { confirm: 'Harbor77x' }, 'fr-CA');
    expect(errorOf(french).message).toBe(fr.errors.validation);
    expect(errorOf(french).fields).toContainEqual({ field: 'password', code: 'required', message: 'Entrez une valeur pour ce champ.' });
  });

  it('says the length limits of a password that is too short, in the request’s language', async () => {
    expect((await c.post('/api/v1/registration/terms', { accept: true, version: termsVersion })).statusCode).toBe(200);
    await c.post('/api/v1/registration/contact', { email: 'lena@example.com' });
    await c.post('/api/v1/registration/contact/verify', { emailCode: await outbox.latestCode('lena@example.com') });
    const answers = ['first-pet', 'birth-city', 'first-school'].map((questionId, i) => ({ questionId, answer: `answer number ${i}` }));
    expect((await c.post('/api/v1/registration/questions', { answers })).json()).toEqual({ next: 'register', step: 'password' });

    // The default policy (REG-5, `described`): 7 to 14 characters.
    const short = await c.post('/api/v1/registration/password', { password: 'ab1', confirm: 'ab1' });
    expect(short.statusCode).toBe(400);
    const error = errorOf(short);
    expect(error).toMatchObject({ code: 'VALIDATION', rules: ['length'], limits: { min: 7, max: 14 } });
    expect(error.fields).toHaveLength(1);
    expect(error.fields![0]).toMatchObject({ field: 'password', code: 'password_length' });
    expect(error.fields![0]!.message).toMatch(/between 7 and 14 characters/);

    const french = errorOf(await c.post('/api/v1/registration/password', { password: 'ab1', confirm: 'ab1' }, 'fr-CA'));
    expect(french.limits).toEqual({ min: 7, max: 14 });
    expect(french.fields![0]).toEqual({ field: 'password', code: 'password_length', message: fr.errors.passwordLength(7, 14) });
    expect(french.fields![0]!.message).toMatch(/entre 7 et 14 caractères/);

    // Another rule broken, the length kept: the field says the rules, and the limits are still there.
    const common = errorOf(await c.post('/api/v1/registration/password', { password: 'password1', confirm: 'password1' }));
    expect(common).toMatchObject({ rules: ['notCommon'], limits: { min: 7, max: 14 } });
    expect(common.fields).toEqual([{ field: 'password', code: 'password_rules', message: en.errors.passwordRules }]);
  });
});
