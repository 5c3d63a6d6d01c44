import type { AppDeps } from '../core/deps.js';
import { normaliseEmail } from '../identity/normalise.js';
import { DAY } from '../security/clock.js';
import { generatePin, keyedHash } from '../security/tokens.js';
import { countEmployees, insertEmployeeWithAccount, type NewEmployee } from '../storage/repositories/employees.js';
import { grantRole, type Role } from '../storage/repositories/roles.js';
import { companyDate } from '../identity/eligibility.js';
import { currentTermsVersion } from '../storage/repositories/terms.js';
import { fictionalPeople } from './fictional-people.js';
import { DEMO_HR_ID, seedDemoContent } from './seed-demo-content.js';

export interface DemoAccount {
  label: string;
  employeeId: string;
  secretKind: 'password' | 'PIN';
  secret: string;
}

export interface DemoSummary {
  created: boolean;
  employees: number;
  accounts: DemoAccount[];
}

interface KnownPerson {
  label: string;
  employee: NewEmployee;
  password?: string;
  pin?: string;
  email?: string;
  role?: Role;
}

/** The people printed at start: every kind of sign-in a visitor may want to try. */
function knownPeople(year: number): KnownPerson[] {
  const person = (employeeId: string, givenName: string, familyName: string, country: string, status: string, extra: Partial<NewEmployee> = {}) => ({
    employeeId,
    givenName,
    familyName,
    country,
    status,
    ...extra,
  });
  return [
    { label: 'Active employee (US)', employee: person('100001', 'Maria', 'Lopez', 'US', 'active'), password: 'Harbor2026', email: 'maria.lopez@example.com' },
    { label: 'Retiree (Canada, French)', employee: person('100002', 'Jean', 'Tremblay', 'CA', 'retired', { language: 'fr-CA' }), password: 'Erable2026', email: 'jean.tremblay@example.com' },
    { label: 'Active employee (PR, Spanish)', employee: person('100003', 'Carmen', 'Rivera', 'PR', 'active', { language: 'es-PR' }), password: 'Coqui2026', email: 'carmen.rivera@example.com' },
    { label: 'Separated this year (may sign in)', employee: person('100004', 'Daniel', 'Okafor', 'US', 'separated', { separationDate: `${year}-03-15` }), password: 'Sunset2026', email: 'daniel.okafor@example.com' },
    { label: 'Separated 2 years ago (refused)', employee: person('100005', 'Grace', 'Chen', 'US', 'separated', { separationDate: `${year - 2}-05-01` }), password: 'Goodbye2026', email: 'grace.chen@example.com' },
    { label: 'New employee, not registered', employee: person('200001', 'Aisha', 'Khan', 'US', 'active'), pin: 'abcd2345' },
    { label: 'New employee, not registered (CA)', employee: person('200002', 'Luc', 'Gagnon', 'CA', 'active', { language: 'fr-CA' }), pin: 'mnpq6789' },
    { label: 'New employee, not registered (PR)', employee: person('200003', 'Luis', 'Santiago', 'PR', 'inactive', { language: 'es-PR' }), pin: 'wxyz2468' },
    { label: 'Help desk agent', employee: person('900001', 'Hannah', 'Brooks', 'US', 'active'), password: 'Helpdesk2026', email: 'hannah.brooks@example.com', role: 'helpdesk' },
    { label: 'Portal administrator', employee: person('900002', 'Omar', 'Haddad', 'US', 'active'), password: 'Admin2026x', email: 'omar.haddad@example.com', role: 'admin' },
    // The banner pads labels to 34 characters.
    { label: 'HR: news, tasks, reviews, benefits', employee: person(DEMO_HR_ID, 'Priya', 'Nair', 'US', 'active'), password: 'People2026', email: 'priya.nair@example.com', role: 'hr' },
  ];
}

/** Seeds a fictional company and its HR content on an empty database; on a seeded one it only reports the demo accounts. */
export async function seedDemo(deps: AppDeps): Promise<DemoSummary> {
  const { storage, clock, config, hasher } = deps;
  const now = clock.now();
  const year = Number(companyDate(new Date(now), config.timeZone).slice(0, 4));
  const known = knownPeople(year);
  const accounts: DemoAccount[] = known.map((p) => ({
    label: p.label,
    employeeId: p.employee.employeeId,
    secretKind: p.password ? 'password' : 'PIN',
    secret: p.password ?? p.pin ?? '',
  }));
  const existing = await countEmployees(storage.db);
  if (existing > 0) return { created: false, employees: existing, accounts };

  for (const person of known) {
    const email = person.email ? normaliseEmail(person.email) : null;
    await insertEmployeeWithAccount(
      storage.db,
      person.employee,
      {
        passwordHash: person.password ? await hasher.hash(person.password) : null,
        registeredAt: person.password ? now : null,
        pinHash: person.pin ? keyedHash(config.secret, person.pin) : null,
        pinExpiresAt: person.pin ? now + 30 * DAY : null,
        pinPurpose: person.pin ? 'register' : null,
        email,
        termsVersion: person.password ? await currentTermsVersion(storage.db) : null,
        // The console needs a second factor (MFA-5): console accounts get their sign-in code by e-mail (the outbox).
        ...(person.role ? { mfa: 'email' } : {}),
      },
      now,
    );
    if (person.role) await grantRole(storage.db, person.employee.employeeId, person.role, now);
  }
  // Everyone else is on the roster but has not registered yet; their PINs went out by letter.
  const crowd = fictionalPeople(320, year);
  for (const employee of crowd) {
    await insertEmployeeWithAccount(
      storage.db,
      employee,
      { pinHash: keyedHash(config.secret, generatePin()), pinExpiresAt: now + 30 * DAY, pinPurpose: 'register' },
      now,
    );
  }
  await seedDemoContent(deps, now);
  return { created: true, employees: known.length + crowd.length, accounts };
}
