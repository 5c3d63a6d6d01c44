import type { Config } from '../config/config.js';
import type { Storage } from '../storage/database.js';
import type { Clock } from '../security/clock.js';
import type { PasswordHasher } from '../security/hashing.js';

/** Everything a flow or route needs, passed explicitly (no globals). */
export interface AppDeps {
  config: Readonly<Config>;
  storage: Storage;
  clock: Clock;
  hasher: PasswordHasher;
}

/** Who is asking: recorded in the audit log and used by the per-client throttle. */
export interface RequestMeta {
  ip: string;
  userAgent: string;
  requestId: string;
  /** RECOV-12: the value of this client's `portico_client` cookie; flows are bound to it. */
  client: string;
}
