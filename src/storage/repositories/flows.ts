import type { Db } from '../database.js';

// The `flows` table: sign-in code steps, registrations and set-password steps (flows/flow-store.ts
// gives each kind its typed state). Only keyed hashes of the flow id and of its client are stored.

export interface FlowRow {
  idHash: string;
  kind: string;
  employeeId: string;
  clientHash: string;
  state: string;
  createdAt: number;
  expiresAt: number;
}

export async function insertFlow(db: Db, row: FlowRow): Promise<void> {
  await db
    .insertInto('flows')
    .values({
      id_hash: row.idHash,
      kind: row.kind,
      employee_id: row.employeeId,
      client_hash: row.clientHash,
      state: row.state,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
    })
    .execute();
}

/** The unexpired flow of `kind` with this id hash, started by the client of `clientHash`. */
export function findLiveFlow(db: Db, idHash: string, kind: string, clientHash: string, now: number): Promise<{ employeeId: string; state: string; expiresAt: number } | undefined> {
  return db
    .selectFrom('flows')
    .select(['employee_id as employeeId', 'state', 'expires_at as expiresAt'])
    .where('id_hash', '=', idHash)
    .where('kind', '=', kind)
    .where('client_hash', '=', clientHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function saveFlowState(db: Db, idHash: string, state: string): Promise<void> {
  await db.updateTable('flows').set({ state }).where('id_hash', '=', idHash).execute();
}

/** Ends a flow once; false when another request ended it first. */
export async function consumeFlow(db: Db, idHash: string): Promise<boolean> {
  const result = await db.deleteFrom('flows').where('id_hash', '=', idHash).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
