import type { ExpressionBuilder, Kysely } from 'kysely';
import type { AppDeps } from '../core/deps.js';
import type { Database } from './schema.js';
import { DAY, HOUR, MINUTE } from '../security/clock.js';
import { ANSWER_SETS_BEFORE_LOCK } from '../security/lockout.js';
import { RETIRED_KEY_PUBLISHED_MS, deleteRetiredOidcKeys } from './repositories/oidc-keys.js';

// Housekeeping: rows that can no longer be used are deleted, so the tables stay small and no dead
// bearer-secret hash lingers. Anything that also counts toward a limit (codes, send slots, client
// windows) is kept for a day after it expired, longer than any window that counts it.
//
// Bounded growth: failure counters are written for every identifier anyone types (LOGIN-5 keeps
// one for identifiers without an account too), so a spray of random identifiers would leave a row
// each. A counter that saw no failure for a day (or the lock time, if longer) and holds no lock in
// force is deleted: the next attempt starts from zero, as it would after a success. A lock in force
// is never purged (LOGIN-4), and an answer counter that reached RECOV-7's lock stays until the help
// desk or a proof clears it — decoys' too, or an identifier without an account would tell itself
// apart by unlocking on its own (RECOV-1). The counters are only read here; their logic lives in
// security/lockout.ts, security/client-throttle.ts and repositories/recovery.ts.

export const PURGE_GRACE_MS = DAY;
/** Spray-sized tables are purged this many rows per statement, so SQLite's one writer is never held long. */
export const PURGE_BATCH = 5000;

export interface PurgePolicy {
  /** SESS-2's idle timeout. */
  sessionIdleMs: number;
  /** LOGIN-4's lock time. */
  lockoutMs: number;
  /** LOGIN-6's window. */
  clientWindowMs: number;
}

export type PurgeReport = Record<
  'sessions' | 'flows' | 'recoveryFlows' | 'resetTokens' | 'verificationCodes' | 'sendSlots' | 'clientWindows' | 'loginCounters' | 'answerCounters' | 'oidc',
  number
>;

const count = (result: { numDeletedRows: bigint }[]) => result.reduce((sum, r) => sum + Number(r.numDeletedRows), 0);

/**
 * Issue 16: one batch of the identity provider's expired rows. Every `/oidc/auth` request without a
 * Portico session leaves an Interaction row (its lifetime: src/idp/provider.ts), so the table is
 * spray-sized too. Its key is (kind, id): the batch is chosen by that pair.
 */
export async function deleteExpiredOidcPayloads(db: Kysely<Database>, now: number): Promise<number> {
  const expired = (eb: ExpressionBuilder<Database, 'oidc_payloads'>) => eb('expires_at', '<', now);
  return count(
    await db
      .deleteFrom('oidc_payloads')
      .where(expired)
      .where((eb) => eb(eb.refTuple('kind', 'id'), 'in', db.selectFrom('oidc_payloads').select(['kind', 'id']).where(expired).limit(PURGE_BATCH).$asTuple('kind', 'id')))
      .execute(),
  );
}

/** Runs one bounded delete until it deletes less than a batch, letting other work in between. */
async function inBatches(deleteBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch();
    total += deleted;
    if (deleted < PURGE_BATCH) return total;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function purgeExpired(db: Kysely<Database>, now: number, policy: PurgePolicy): Promise<PurgeReport> {
  const old = now - PURGE_GRACE_MS;
  const quiet = now - Math.max(PURGE_GRACE_MS, policy.lockoutMs);
  const clientWindowOver = now - Math.max(PURGE_GRACE_MS, policy.clientWindowMs);
  // Each condition is on the DELETE itself as well as on the batch's SELECT: on PostgreSQL a row a
  // sign-in updates meanwhile is re-checked against it, so a fresh failure is never purged.
  const staleClient = (eb: ExpressionBuilder<Database, 'client_failures'>) => eb('window_start', '<', clientWindowOver);
  const staleLogin = (eb: ExpressionBuilder<Database, 'login_attempts'>) =>
    eb.and([eb('updated_at', '<', quiet), eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)])]);
  const staleAnswers = (eb: ExpressionBuilder<Database, 'recovery_answer_attempts'>) =>
    eb.and([eb('updated_at', '<', quiet), eb('locked_at', 'is', null), eb('failures', '<', ANSWER_SETS_BEFORE_LOCK)]);
  return {
    sessions: count(await db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', now - policy.sessionIdleMs)])).execute()),
    flows:
      count(await db.deleteFrom('flows').where('expires_at', '<', now).execute()) +
      count(await db.deleteFrom('sso_flows').where('expires_at', '<', now).execute()) +
      // MFA-7: passkey challenges nobody answered.
      count(await db.deleteFrom('passkey_challenges').where('expires_at', '<', now).execute()),
    recoveryFlows: count(await db.deleteFrom('recovery_flows').where('expires_at', '<', now).execute()),
    resetTokens: count(await db.deleteFrom('reset_tokens').where('expires_at', '<', now).execute()),
    verificationCodes: count(await db.deleteFrom('verification_codes').where('expires_at', '<', old).execute()),
    sendSlots: count(await db.deleteFrom('recovery_send_slots').where('used_at', '<', old).execute()),
    clientWindows:
      (await inBatches(async () =>
        count(
          await db
            .deleteFrom('client_failures')
            .where(staleClient)
            .where('client_key', 'in', db.selectFrom('client_failures').select('client_key').where(staleClient).limit(PURGE_BATCH))
            .execute(),
        ),
      )) + count(await db.deleteFrom('help_request_clients').where('window_start', '<', old).execute()),
    loginCounters: await inBatches(async () =>
      count(
        await db
          .deleteFrom('login_attempts')
          .where(staleLogin)
          .where('key', 'in', db.selectFrom('login_attempts').select('key').where(staleLogin).limit(PURGE_BATCH))
          .execute(),
      ),
    ),
    answerCounters: await inBatches(async () =>
      count(
        await db
          .deleteFrom('recovery_answer_attempts')
          .where(staleAnswers)
          .where('key', 'in', db.selectFrom('recovery_answer_attempts').select('key').where(staleAnswers).limit(PURGE_BATCH))
          .execute(),
      ),
    ),
    // Issue 16 (identity provider): the library's expired rows, and signing keys retired long enough ago.
    oidc: (await inBatches(() => deleteExpiredOidcPayloads(db, now))) + (await deleteRetiredOidcKeys(db, now - RETIRED_KEY_PUBLISHED_MS)),
  };
}

/** What housekeeping needs from the configuration. */
export function purgePolicy(config: Pick<AppDeps['config'], 'sessionIdleMinutes' | 'lockoutMinutes' | 'clientWindowMinutes'>): PurgePolicy {
  return { sessionIdleMs: config.sessionIdleMinutes * MINUTE, lockoutMs: config.lockoutMinutes * MINUTE, clientWindowMs: config.clientWindowMinutes * MINUTE };
}

export interface Housekeeping {
  stop(): void;
}

/** Purges at start and then every hour; a failed run (database briefly away) is logged and retried at the next. */
export function startHousekeeping(deps: AppDeps, logger: { info(details: object, message: string): void; warn(details: object, message: string): void }, intervalMs = HOUR): Housekeeping {
  const run = async () => {
    try {
      const report = await purgeExpired(deps.storage.db, deps.clock.now(), purgePolicy(deps.config));
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
