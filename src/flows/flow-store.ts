import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { keyedHash, randomToken } from '../security/tokens.js';

// A flow (DESIGN §2) is a small state machine in the database. Only the keyed hash of its id is
// stored, and the keyed hash of the client that started it (RECOV-12): the id alone, from a client
// without that client's `portico_client` cookie, finds nothing.

export type FlowKind = 'registration' | 'set_password' | 'login_code';

export interface FlowRecord {
  idHash: string;
  kind: FlowKind;
  employeeId: string;
  state: Record<string, unknown>;
  expiresAt: number;
}

export async function startFlow(
  db: Kysely<Database>,
  secret: Buffer,
  input: { kind: FlowKind; employeeId: string; now: number; lifetimeMs: number; state?: Record<string, unknown>; client: string },
): Promise<string> {
  const id = randomToken(32);
  await db
    .insertInto('flows')
    .values({
      id_hash: keyedHash(secret, id),
      kind: input.kind,
      employee_id: input.employeeId,
      client_hash: clientHashOf(secret, input.client),
      state: JSON.stringify(input.state ?? {}),
      created_at: input.now,
      expires_at: input.now + input.lifetimeMs,
    })
    .execute();
  return id;
}

/** RECOV-12: what a flow stores of the client that started it. */
export function clientHashOf(secret: Buffer, client: string): string {
  return keyedHash(secret, `client:${client}`);
}

/** The unexpired flow of `kind` with this id, started by this client; or null. */
export async function findFlow(db: Kysely<Database>, secret: Buffer, id: string, kind: FlowKind, now: number, client: string): Promise<FlowRecord | null> {
  if (id.length === 0 || id.length > 100 || client === '') return null;
  const row = await db
    .selectFrom('flows')
    .selectAll()
    .where('id_hash', '=', keyedHash(secret, id))
    .where('kind', '=', kind)
    .where('client_hash', '=', clientHashOf(secret, client))
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return null;
  return { idHash: row.id_hash, kind, employeeId: row.employee_id, state: JSON.parse(row.state) as Record<string, unknown>, expiresAt: row.expires_at };
}
