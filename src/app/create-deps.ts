import type { Config } from '../config/config.js';
import type { Storage } from '../storage/database.js';
import { systemClock, type Clock } from '../security/clock.js';
import { PasswordHasher } from '../security/hashing.js';
import type { AppDeps } from '../core/deps.js';
import { createAuditLog } from '../audit/record-audit.js';

export function createDeps(config: Readonly<Config>, storage: Storage, clock: Clock = systemClock): AppDeps {
  return { config, storage, clock, hasher: new PasswordHasher(config.argon2, config.hashConcurrency), audit: createAuditLog(storage, clock) };
}
