import type { Kysely } from 'kysely';
import type { AppDeps } from '../app/deps.js';
import type { Database } from './schema.js';
import { DAY, MINUTE, HOUR } from '../security/clock.js';

// Housekeeping: rows that can no longer be used are deleted, so the tables stay small and no dead
// bearer-secret hash lingers. Anything that also counts toward a limit (codes, send slots, client
// windows) is kept for a day after it expired, longer than any window that counts it. Lockout
// counters (`login_attempts`, `recovery_answer_attempts`) are never purged: LOGIN-4 and RECOV-7 stay exact.

export const PURGE_GRACE_MS = DAY;

export type PurgeReport = Record<'sessions' | 'flows' | 'recoveryFlows' | 'resetTokens' | 'verificationCodes' | 'sendSlots' | 'clientWindows', number>;

export async function purgeExpired(db: Kysely<Database>, now: number, sessionIdleMs: number): Promise<PurgeReport> {
  const old = now - PURGE_GRACE_MS;
  const count = (result: { numDeletedRows: bigint }[]) => result.reduce((sum, r) => sum + Number(r.numDeletedRows), 0);
  return {
    sessions: count(await db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', now - sessionIdleMs)])).execute()),
    flows:
      count(await db.deleteFrom('flows').where('expires_at', '<', now).execute()) +
      count(await db.deleteFrom('sso_flows').where('expires_at', '<', now).execute()),
    recoveryFlows: count(await db.deleteFrom('recovery_flows').where('expires_at', '<', now).execute()),
    resetTokens: count(await db.deleteFrom('reset_tokens').where('expires_at', '<', now).execute()),
    verificationCodes: count(await db.deleteFrom('verification_codes').where('expires_at', '<', old).execute()),
    sendSlots: count(await db.deleteFrom('recovery_send_slots').where('used_at', '<', old).execute()),
    clientWindows:
      count(await db.deleteFrom('client_failures').where('window_start', '<', old).execute()) +
      count(await db.deleteFrom('help_request_clients').where('window_start', '<', old).execute()),
  };
}

export interface Housekeeping {
  stop(): void;
}

/** Purges at start and then every hour; a failed run (database briefly away) is logged and retried at the next. */
export function startHousekeeping(deps: AppDeps, logger: { info(details: object, message: string): void; warn(details: object, message: string): void }, intervalMs = HOUR): Housekeeping {
  const run = async () => {
    try {
      const report = await purgeExpired(deps.storage.db, deps.clock.now(), deps.config.sessionIdleMinutes * MINUTE);
      if (Object.values(report).some((n) => n > 0)) logger.info({ purged: report }, 'expired rows purged');
    } catch (error) {
      logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'housekeeping failed');
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
