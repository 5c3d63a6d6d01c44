import type { Config } from '../config/config.js';
import type { Storage } from '../storage/database.js';
import type { Clock } from '../security/clock.js';
import type { PasswordHasher } from '../security/hashing.js';
import type { AuditLog } from '../audit/record-audit.js';

/** Everything a flow or route needs, passed explicitly (no globals). */
export interface AppDeps {
  config: Readonly<Config>;
  storage: Storage;
  clock: Clock;
  hasher: PasswordHasher;
  /** AUDIT-1: where every layer records what happened. */
  audit: AuditLog;
}

/** Who is asking: recorded in the audit log and used by the per-client throttle. */
export interface RequestMeta {
  ip: string;
  userAgent: string;
  requestId: string;
  /** RECOV-12: the value of this client's `portico_client` cookie; flows are bound to it. */
  client: string;
}

/** What an operator's action needs, from the console or the command line (which has no hasher). */
export type OperatorDeps = Pick<AppDeps, 'config' | 'storage' | 'clock' | 'audit'>;
