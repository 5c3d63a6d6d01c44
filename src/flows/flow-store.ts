import type { Db } from '../storage/database.js';
import { consumeFlow, findLiveFlow, insertFlow, saveFlowState } from '../storage/repositories/flows.js';
import { findRecoveryFlow, insertRecoveryFlow, type RecoveryProof } from '../storage/repositories/recovery.js';
import { insertPasskeyChallenge, takePasskeyChallenge, takePasskeyChallengeOf } from '../storage/repositories/passkeys.js';
import { keyedHash, randomToken } from '../security/tokens.js';

// A flow (DESIGN §2) is a small state machine in the database. Only the keyed hash of its id is
// stored, and the keyed hash of the client that started it (RECOV-12): the id alone, from a client
// without that client's `portico_client` cookie, finds nothing. Each kind has its own typed state,
// read back through its parser: a stored state that does not parse is no flow at all. Recovery
// flows keep columns of their own (their counters change in one SQL statement, DESIGN rule 7);
// company SSO's redirect state is not a flow of this kind (methods/sso/login.ts: sealed, its id
// only in a cookie, spent by the callback).

/** What each kind of flow remembers between its steps. */
export interface FlowStates {
  /** MFA-2: the channel the code step is on, and what it follows (HELP-4: never a second factor after a PIN). */
  login_code: { channel: 'email' | 'sms' | 'totp'; method: 'password' | 'sso' | 'helpdesk_pin' };
  /**
   * LOGIN-10: a first SSO sign-in asks for the terms only; `secondFactor`: the sign-in passed one
   * (a code step, a passkey, or the provider vouched for one). `signIn`: how the person signed in
   * before new terms came up, so the session after the terms says so (the provider's `amr`).
   */
  registration: { termsOnly?: boolean; secondFactor?: boolean; signIn?: SignInBeforeTerms };
  set_password: Record<string, never>;
  /** RECOV-1..12: what the identifier matched is in `employeeId` (null: nothing); the proofs so far, the code step's sends and tries. */
  recovery: {
    identifierHash: string;
    proofs: RecoveryProof[];
    codeChannel: 'email' | 'sms' | null;
    codeIssuedAt: number | null;
    codeAttempts: number;
    codeSends: number[];
  };
  /**
   * MFA-7: one WebAuthn ceremony's challenge (5 minutes), spent by the answer whatever its outcome:
   * `login` (usernameless or for an identifier), `register` (Edit My Profile), `code_step` (the
   * second factor after a password) and `recovery` (RECOV-6) name their flow in `parentHash`.
   */
  passkey: { purpose: PasskeyPurpose; challenge: string; parentHash: string | null };
}

export type PasskeyPurpose = 'login' | 'register' | 'code_step' | 'recovery';
const PASSKEY_PURPOSES: readonly PasskeyPurpose[] = ['login', 'register', 'code_step', 'recovery'];

export type FlowKind = keyof FlowStates;

/** Whose flow it is: a recovery flow starts for any identifier (RECOV-1), so it may have nobody. */
type FlowOwner<K extends FlowKind> = K extends 'recovery' | 'passkey' ? string | null : string;

export interface FlowRecord<K extends FlowKind = FlowKind> {
  idHash: string;
  kind: K;
  employeeId: FlowOwner<K>;
  state: FlowStates[K];
  expiresAt: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A sign-in that new terms interrupted (REG-2): what the session after them was proven with. */
export interface SignInBeforeTerms {
  via: 'password' | 'sso' | 'passkey';
  /** What passed the second factor (a code's method, `passkey`, `provider`), or null. */
  secondFactorMethod: string | null;
  passkeyAmr: 'hwk' | 'swk' | null;
}

const SECOND_FACTOR_METHODS = new Set(['email_code', 'sms_code', 'totp', 'recovery_code', 'passkey', 'provider']);

function parseSignIn(raw: unknown): { signIn?: SignInBeforeTerms } {
  if (!isRecord(raw)) return {};
  const { via, secondFactorMethod, passkeyAmr } = raw;
  if (via !== 'password' && via !== 'sso' && via !== 'passkey') return {};
  return {
    signIn: {
      via,
      secondFactorMethod: typeof secondFactorMethod === 'string' && SECOND_FACTOR_METHODS.has(secondFactorMethod) ? secondFactorMethod : null,
      passkeyAmr: passkeyAmr === 'hwk' || passkeyAmr === 'swk' ? passkeyAmr : null,
    },
  };
}

/** The kinds kept in the `flows` table, each with its state as JSON. */
type JsonKind = 'login_code' | 'registration' | 'set_password';

const PARSERS: { [K in JsonKind]: (raw: unknown) => FlowStates[K] | null } = {
  login_code: (raw) => {
    if (!isRecord(raw)) return null;
    const { channel, method } = raw;
    if (channel !== 'email' && channel !== 'sms' && channel !== 'totp') return null;
    if (method !== 'password' && method !== 'sso' && method !== 'helpdesk_pin') return null;
    return { channel, method };
  },
  registration: (raw) => (isRecord(raw) ? { termsOnly: raw.termsOnly === true, secondFactor: raw.secondFactor === true, ...parseSignIn(raw.signIn) } : null),
  set_password: (raw) => (isRecord(raw) ? {} : null),
};

function parseState<K extends JsonKind>(kind: K, text: string): FlowStates[K] | null {
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

/** Where each kind is kept: the `flows` table with a JSON state, or recovery's own columns. */
interface FlowTable<K extends FlowKind> {
  hashId(secret: Buffer, id: string): string;
  insert(db: Db, row: { idHash: string; employeeId: FlowOwner<K>; clientHash: string; state: FlowStates[K]; now: number; expiresAt: number }): Promise<void>;
  find(db: Db, idHash: string, clientHash: string, now: number): Promise<{ employeeId: FlowOwner<K>; state: FlowStates[K]; expiresAt: number } | null>;
}

function jsonTable<K extends JsonKind>(kind: K): FlowTable<K> {
  return {
    hashId: (secret, id) => keyedHash(secret, id),
    insert: (db, row) => insertFlow(db, { ...row, kind, state: JSON.stringify(row.state), createdAt: row.now }),
    find: async (db, idHash, clientHash, now) => {
      const row = await findLiveFlow(db, idHash, kind, clientHash, now);
      const state = row ? parseState(kind, row.state) : null;
      return row && state ? { employeeId: row.employeeId, state, expiresAt: row.expiresAt } : null;
    },
  };
}

const recoveryTable: FlowTable<'recovery'> = {
  hashId: (secret, id) => keyedHash(secret, `recovery:${id}`),
  insert: (db, row) => insertRecoveryFlow(db, { ...row, identifierHash: row.state.identifierHash, proofs: row.state.proofs }),
  find: async (db, idHash, clientHash, now) => {
    const row = await findRecoveryFlow(db, idHash, clientHash, now);
    if (!row) return null;
    const { identifierHash, proofs, codeChannel, codeIssuedAt, codeAttempts, codeSends } = row;
    return { employeeId: row.employeeId, state: { identifierHash, proofs, codeChannel, codeIssuedAt, codeAttempts, codeSends }, expiresAt: row.expiresAt };
  },
};

// A passkey challenge is read once: finding it deletes it (single use, RECOV-12's binding in the statement).
const passkeyTable: FlowTable<'passkey'> = {
  hashId: (secret, id) => keyedHash(secret, `passkey:${id}`),
  insert: (db, row) =>
    insertPasskeyChallenge(db, {
      idHash: row.idHash,
      clientHash: row.clientHash,
      purpose: row.state.purpose,
      employeeId: row.employeeId,
      challenge: row.state.challenge,
      parentHash: row.state.parentHash,
      createdAt: row.now,
      expiresAt: row.expiresAt,
    }),
  find: async (db, idHash, clientHash, now) => {
    const row = await takePasskeyChallenge(db, idHash, clientHash, now);
    const purpose = PASSKEY_PURPOSES.find((p) => p === row?.purpose);
    if (!row || !purpose) return null;
    return { employeeId: row.employeeId, state: { purpose, challenge: row.challenge, parentHash: row.parentHash }, expiresAt: row.expiresAt };
  },
};

const TABLES: { [K in FlowKind]: FlowTable<K> } = {
  login_code: jsonTable('login_code'),
  registration: jsonTable('registration'),
  set_password: jsonTable('set_password'),
  recovery: recoveryTable,
  passkey: passkeyTable,
};

/** A new flow of `kind` bound to `client`; its id is returned once and stored only as a keyed hash. */
export async function startFlow<K extends FlowKind>(
  db: Db,
  secret: Buffer,
  input: { kind: K; employeeId: FlowOwner<K>; now: number; lifetimeMs: number; client: string; state: FlowStates[K] },
): Promise<string> {
  const id = randomToken(32);
  const table: FlowTable<K> = TABLES[input.kind];
  await table.insert(db, {
    idHash: table.hashId(secret, id),
    employeeId: input.employeeId,
    clientHash: clientHashOf(secret, input.client),
    state: input.state,
    now: input.now,
    expiresAt: input.now + input.lifetimeMs,
  });
  return id;
}

/** The unexpired flow of `kind` with this id, started by this client; or null. */
export async function findFlow<K extends FlowKind>(db: Db, secret: Buffer, id: string, kind: K, now: number, client: string): Promise<FlowRecord<K> | null> {
  if (id.length === 0 || id.length > 100 || client === '') return null;
  const table: FlowTable<K> = TABLES[kind];
  const idHash = table.hashId(secret, id);
  const found = await table.find(db, idHash, clientHashOf(secret, client), now);
  return found ? { idHash, kind, ...found } : null;
}

/** MFA-7: the passkey challenge of this id started by this client, spent by this call (null: unknown, expired, spent, or another client's). */
export function spendPasskeyChallenge(db: Db, secret: Buffer, id: string, now: number, client: string): Promise<FlowRecord<'passkey'> | null> {
  return findFlow(db, secret, id, 'passkey', now, client);
}

/** MFA-7: the live challenge of `purpose` that the flow of `parentHash` asked for from this client, spent by this call. */
export async function spendPasskeyChallengeOf(db: Db, secret: Buffer, parentHash: string, purpose: PasskeyPurpose, now: number, client: string): Promise<{ employeeId: string | null; challenge: string } | null> {
  if (client === '') return null;
  return (await takePasskeyChallengeOf(db, parentHash, purpose, clientHashOf(secret, client), now)) ?? null;
}

/** The keyed id hash a flow is stored under, for naming it as a passkey ceremony's parent. */
export function flowIdHash(secret: Buffer, kind: FlowKind, id: string): string {
  return TABLES[kind].hashId(secret, id);
}

/** Replaces the state of a flow kept in the `flows` table (its kind stays). */
export function updateFlowState<K extends JsonKind>(db: Db, flow: FlowRecord<K>, state: FlowStates[K]): Promise<void> {
  return saveFlowState(db, flow.idHash, JSON.stringify(state));
}

/** Ends a flow of the `flows` table once; false when another request ended it first. */
export function endFlow(db: Db, flow: FlowRecord<JsonKind>): Promise<boolean> {
  return consumeFlow(db, flow.idHash);
}
