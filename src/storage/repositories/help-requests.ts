import { sql, type Kysely } from 'kysely';
import type { Database, HelpRequestsTable } from '../schema.js';

// HELP-2 / HELP-3: Technical Help Form requests. References are `HR-YYYY-NNNNNN`; the number comes
// from one atomic upsert per year, so parallel submits on either engine never share a number.

export type HelpCategory = 'unlock' | 'forgot-employee-id' | 'no-access-to-contact' | 'other';
export const HELP_CATEGORIES: readonly HelpCategory[] = ['unlock', 'forgot-employee-id', 'no-access-to-contact', 'other'];

export interface NewHelpRequest {
  /** The year of `createdAt` in the company time zone (the caller knows the zone). */
  year: number;
  employeeId: string | null;
  name: string;
  contact: string;
  contactChannel: 'email' | 'sms';
  category: HelpCategory;
  description: string;
  clientIp: string | null;
  createdAt: number;
}

export interface HelpRequest {
  id: number;
  reference: string;
  employeeId: string | null;
  name: string;
  contact: string;
  contactChannel: 'email' | 'sms';
  category: string;
  description: string;
  status: 'open' | 'closed';
  createdAt: number;
  closedAt: number | null;
  closedBy: string | null;
  outcomeNote: string | null;
  clientIp: string | null;
}

export function formatHelpReference(year: number, sequence: number): string {
  return `HR-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The next number of `year`, claimed in one statement (the row lock / single writer serialises callers). */
export async function nextHelpSequence(db: Kysely<Database>, year: number): Promise<number> {
  const result = await sql<{ last_value: number | string }>`
    insert into help_request_sequences (year, last_value) values (${year}, 1)
    on conflict (year) do update set last_value = help_request_sequences.last_value + 1
    returning last_value`.execute(db);
  const value = result.rows[0]?.last_value;
  if (value === undefined) throw new Error('help request sequence returned no row');
  return Number(value);
}

export async function createHelpRequest(db: Kysely<Database>, input: NewHelpRequest): Promise<{ id: number; reference: string }> {
  const reference = formatHelpReference(input.year, await nextHelpSequence(db, input.year));
  const row = await db
    .insertInto('help_requests')
    .values({
      reference,
      employee_id: input.employeeId,
      name: input.name,
      contact: input.contact,
      contact_channel: input.contactChannel,
      category: input.category,
      description: input.description,
      status: 'open',
      created_at: input.createdAt,
      closed_at: null,
      closed_by: null,
      outcome_note: null,
      client_ip: input.clientIp,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), reference };
}

/** HELP-3: the open queue, oldest first. */
export async function listOpenHelpRequests(db: Kysely<Database>, options: { limit?: number } = {}): Promise<HelpRequest[]> {
  const rows = await db
    .selectFrom('help_requests')
    .selectAll()
    .where('status', '=', 'open')
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .limit(options.limit ?? 200)
    .execute();
  return rows.map(toHelpRequest);
}

export async function findHelpRequest(db: Kysely<Database>, id: number): Promise<HelpRequest | null> {
  const row = await db.selectFrom('help_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toHelpRequest(row) : null;
}

/** HELP-3: closes an open request; false when it does not exist or was already closed. */
export async function closeHelpRequest(
  db: Kysely<Database>,
  input: { id: number; closedBy: string; outcomeNote: string; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable('help_requests')
    .set({ status: 'closed', closed_at: input.now, closed_by: input.closedBy, outcome_note: input.outcomeNote })
    .where('id', '=', input.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Counts a submit from `clientKey` in a fixed window (one statement, so parallel submits all count)
 * and answers the milliseconds until the client may submit again, or 0 when this submit is allowed.
 */
export async function claimHelpSubmit(db: Kysely<Database>, clientKey: string, now: number, policy: { limit: number; windowMs: number }): Promise<number> {
  const windowFloor = now - policy.windowMs;
  const result = await sql<{ window_start: number | string; submits: number | string }>`
    insert into help_request_clients (client_key, window_start, submits) values (${clientKey}, ${now}, 1)
    on conflict (client_key) do update set
      submits = case when help_request_clients.window_start <= ${windowFloor} then 1 else help_request_clients.submits + 1 end,
      window_start = case when help_request_clients.window_start <= ${windowFloor} then ${now} else help_request_clients.window_start end
    returning window_start, submits`.execute(db);
  const row = result.rows[0];
  if (!row || Number(row.submits) <= policy.limit) return 0;
  return Math.max(1, Number(row.window_start) + policy.windowMs - now);
}

/** HELP-2: counts a confirmation to one recipient (a keyed hash of the contact) in the same kind of window; 0 when it may go out. */
export async function claimHelpConfirmation(db: Kysely<Database>, recipientHash: string, now: number, policy: { limit: number; windowMs: number }): Promise<number> {
  return claimHelpSubmit(db, `confirm:${recipientHash}`, now, policy);
}

type Row = Omit<HelpRequestsTable, 'id'> & { id: number };

function toHelpRequest(row: Row): HelpRequest {
  return {
    id: Number(row.id),
    reference: row.reference,
    employeeId: row.employee_id,
    name: row.name,
    contact: row.contact,
    contactChannel: row.contact_channel,
    category: row.category,
    description: row.description,
    status: row.status,
    createdAt: Number(row.created_at),
    closedAt: row.closed_at === null ? null : Number(row.closed_at),
    closedBy: row.closed_by,
    outcomeNote: row.outcome_note,
    clientIp: row.client_ip,
  };
}
