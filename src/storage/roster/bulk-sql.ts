// Shapes and SQL text shared by the PostgreSQL and SQLite roster writers.
import type { Kysely } from 'kysely';

export interface Column {
  name: string;
  /** PostgreSQL array type for unnest(); SQLite ignores it. */
  type: 'text' | 'bigint';
}

export type Value = string | number | null;

/** Rows to insert, or rows whose first value is the key of a row to update (plus `shared` values set on all). */
export type TableWrite =
  | { kind: 'insert'; table: string; columns: Column[]; rows: Value[][] }
  | { kind: 'update'; table: string; key: Column; columns: Column[]; rows: Value[][]; shared?: { name: string; value: Value }[] };

export type Executor = Pick<Kysely<unknown>, 'executeQuery'>;

export function assignments(columns: Column[]): string[] {
  return columns.map((c) => `${quoteName(c.name)} = v.${quoteName(c.name)}`);
}

export function keyMatch(table: string, key: Column): string {
  return `${quoteName(table)}.${quoteName(key.name)} = v.${quoteName(key.name)}`;
}

export function names(columns: Column[]): string {
  return columns.map((c) => quoteName(c.name)).join(', ');
}

/** Table and column names come from this module's callers, never from input; quoting keeps keywords safe. */
export function quoteName(name: string): string {
  return `"${name}"`;
}
