// People for tests, written through the same repository the demo uses.
import type { AppDeps } from '../../src/core/deps.js';
import { normaliseEmail } from '../../src/identity/normalise.js';
import { DAY } from '../../src/security/clock.js';
import { keyedHash } from '../../src/security/tokens.js';
import { insertEmployeeWithAccount, type NewEmployee } from '../../src/storage/repositories/employees.js';
import { currentTermsVersion } from '../../src/storage/repositories/terms.js';
import { flowClientCookie } from './flow-client.js';

type Person = Partial<NewEmployee> & { employeeId: string };

function employee(person: Person): NewEmployee {
  return { givenName: 'Test', familyName: 'Person', country: 'US', status: 'active', ...person };
}

export async function seedRegistered(deps: AppDeps, person: Person & { password: string; email?: string }): Promise<void> {
  const email = person.email ? normaliseEmail(person.email) : null;
  const now = deps.clock.now();
  const { password: _password, email: _email, ...rest } = person;
  const termsVersion = await currentTermsVersion(deps.storage.db);
  await insertEmployeeWithAccount(deps.storage.db, employee(rest), { passwordHash: await deps.hasher.hash(person.password), registeredAt: now, email, termsVersion }, now);
}

export async function seedUnregistered(deps: AppDeps, person: Person & { pin: string }): Promise<void> {
  const now = deps.clock.now();
  const { pin, ...rest } = person;
  await insertEmployeeWithAccount(
    deps.storage.db,
    employee(rest),
    { pinHash: keyedHash(deps.config.secret, pin), pinExpiresAt: now + 30 * DAY, pinPurpose: 'register' },
    now,
  );
}

/** POST /api/v1/login through inject. */
/** POST /api/v1/login as one API client: its `portico_client` cookie comes along unless `headers` bring a cookie (RECOV-12). */
export function login(app: import('fastify').FastifyInstance, identifier: string, password: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/v1/login', payload: { identifier, password }, headers: { cookie: flowClientCookie(), ...headers } });
}
