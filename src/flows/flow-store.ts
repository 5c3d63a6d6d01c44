import type { Db } from '../storage/database.js';
import { consumeFlow, findLiveFlow, insertFlow, saveFlowState } from '../storage/repositories/flows.js';
import { keyedHash, randomToken } from '../security/tokens.js';

// A flow (DESIGN §2) is a small state machine in the database. Only the keyed hash of its id is
// stored, and the keyed hash of the client that started it (RECOV-12): the id alone, from a client
// without that client's `portico_client` cookie, finds nothing. Each kind has its own typed state,
// read back through its parser: a stored state that does not parse is no flow at all.

/** What each kind of flow remembers between its steps. */
export interface FlowStates {
  /** MFA-2: the channel the code step is on, and what it follows (HELP-4: never a second factor after a PIN). */
  login_code: { channel: 'email' | 'sms' | 'totp'; method: 'password' | 'sso' | 'helpdesk_pin' };
  /** LOGIN-10: a first SSO sign-in asks for the terms only; `secondFactor`: the provider vouched for one. */
  registration: { termsOnly?: boolean; secondFactor?: boolean };
  set_password: Record<string, never>;
}

export type FlowKind = keyof FlowStates;

export interface FlowRecord<K extends FlowKind = FlowKind> {
  idHash: string;
  kind: K;
  employeeId: string;
  state: FlowStates[K];
  expiresAt: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PARSERS: { [K in FlowKind]: (raw: unknown) => FlowStates[K] | null } = {
  login_code: (raw) => {
    if (!isRecord(raw)) return null;
    const { channel, method } = raw;
    if (channel !== 'email' && channel !== 'sms' && channel !== 'totp') return null;
    if (method !== 'password' && method !== 'sso' && method !== 'helpdesk_pin') return null;
    return { channel, method };
  },
  registration: (raw) => (isRecord(raw) ? { termsOnly: raw.termsOnly === true, secondFactor: raw.secondFactor === true } : null),
  set_password: (raw) => (isRecord(raw) ? {} : null),
};

function parseState<K extends FlowKind>(kind: K, text: string): FlowStates[K] | null {
  try {
    return PARSERS[kind](JSON.parse(text));
  } catch {
    return null;
  }
}

/** RECOV-12: what a flow stores of the client that started it. */
export function clientHashOf(secret: Buffer, client: string): string {
  return keyedHash(secret, `client:${client}`);
}

export async function startFlow<K extends FlowKind>(
  db: Db,
  secret: Buffer,
  input: { kind: K; employeeId: string; now: number; lifetimeMs: number; client: string; state?: FlowStates[K] },
): Promise<string> {
  const id = randomToken(32);
  await insertFlow(db, {
    idHash: keyedHash(secret, id),
    kind: input.kind,
    employeeId: input.employeeId,
    clientHash: clientHashOf(secret, input.client),
    state: JSON.stringify(input.state ?? {}),
    createdAt: input.now,
    expiresAt: input.now + input.lifetimeMs,
  });
  return id;
}

/** The unexpired flow of `kind` with this id, started by this client; or null. */
export async function findFlow<K extends FlowKind>(db: Db, secret: Buffer, id: string, kind: K, now: number, client: string): Promise<FlowRecord<K> | null> {
  if (id.length === 0 || id.length > 100 || client === '') return null;
  const idHash = keyedHash(secret, id);
  const row = await findLiveFlow(db, idHash, kind, clientHashOf(secret, client), now);
  const state = row ? parseState(kind, row.state) : null;
  if (!row || state === null) return null;
  return { idHash, kind, employeeId: row.employeeId, state, expiresAt: row.expiresAt };
}

/** Replaces a flow's state (its kind stays). */
export function updateFlowState<K extends FlowKind>(db: Db, flow: FlowRecord<K>, state: FlowStates[K]): Promise<void> {
  return saveFlowState(db, flow.idHash, JSON.stringify(state));
}

/** Ends a flow once; false when another request ended it first. */
export function endFlow(db: Db, flow: FlowRecord): Promise<boolean> {
  return consumeFlow(db, flow.idHash);
}
