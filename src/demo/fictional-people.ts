import type { NewEmployee } from '../storage/repositories/employees.js';

const GIVEN = ['Ava', 'Noah', 'Sofia', 'Liam', 'Chloé', 'Mateo', 'Olivia', 'Ethan', 'Camila', 'Lucas', 'Zoe', 'Gabriel', 'Isabella', 'Thomas', 'Valentina', 'Samuel', 'Léa', 'Diego', 'Emma', 'Nathan'];
const FAMILY = ['Smith', 'Johnson', 'Roy', 'Bouchard', 'Garcia', 'Martinez', 'Nguyen', 'Patel', 'Williams', 'Côté', 'Hernández', 'Brown', 'Pelletier', 'Torres', 'Davis', 'Morales', 'Wilson', 'Lavoie', 'Cruz', 'Taylor'];
const COUNTRIES = ['US', 'US', 'US', 'CA', 'PR'];
const STATUSES = ['active', 'active', 'active', 'active', 'inactive', 'retired', 'separated'];

/** A deterministic crowd of employees across US/CA/PR and every status. */
export function fictionalPeople(count: number, year: number): NewEmployee[] {
  const people: NewEmployee[] = [];
  for (let i = 0; i < count; i++) {
    const country = COUNTRIES[i % COUNTRIES.length] ?? 'US';
    const status = STATUSES[(i * 3) % STATUSES.length] ?? 'active';
    people.push({
      employeeId: String(300000 + i * 7),
      givenName: GIVEN[i % GIVEN.length] ?? 'Alex',
      familyName: FAMILY[(i * 7) % FAMILY.length] ?? 'Doe',
      country,
      status,
      separationDate: status === 'separated' ? `${year - (i % 3)}-0${1 + (i % 9)}-15` : null,
      language: country === 'CA' ? 'fr-CA' : country === 'PR' ? 'es-PR' : 'en',
    });
  }
  return people;
}
