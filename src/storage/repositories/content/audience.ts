import { sql, type RawBuilder } from 'kysely';

// HOME-2/3: who a piece of content is for. Targeting lists are stored as comma-separated codes
// (`US,PR`), null meaning everyone; codes are validated (country codes, roster statuses) before storing.

/** The signed-in employee as content targeting sees them. */
export interface Audience {
  employeeId: string;
  country: string;
  status: string;
}

export function encodeList(values: readonly string[] | null | undefined): string | null {
  const unique = [...new Set((values ?? []).map((v) => v.trim()).filter((v) => v.length > 0))];
  return unique.length > 0 ? unique.join(',') : null;
}

export function decodeList(value: string | null): string[] | null {
  return value === null ? null : value.split(',');
}

/** SQL: the list column is null (everyone) or holds `value` (a code, or a prepared query's `arg`). */
export function listIncludes(column: string, value: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(column)} is null or (',' || ${sql.ref(column)} || ',') like ('%,' || ${value} || ',%'))`;
}
