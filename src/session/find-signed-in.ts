import { sql } from 'kysely';
import type { Storage } from '../storage/database.js';
import { PROFILE_COLUMNS, type Profile } from '../storage/repositories/accounts.js';
import { keyedHash } from '../security/tokens.js';
import { TOUCH_INTERVAL_MS, type SessionRow, type SessionTimeouts } from './session-store.js';

/**
 * The session of a cookie with its person and roles, in ONE query (every signed-in request runs
 * it). Expired sessions are deleted; null when unknown or expired.
 */
export async function findSignedIn(
  storage: Storage,
  secret: Buffer,
  id: string,
  now: number,
  timeouts: SessionTimeouts,
): Promise<{ session: SessionRow; profile: Profile } | null> {
  if (id.length === 0 || id.length > 100) return null;
  const idHash = keyedHash(secret, id);
  const { db } = storage;
  const roles =
    storage.engine === 'postgres'
      ? sql<string | null>`(select string_agg(r.role, ',') from account_roles r where r.employee_id = s.employee_id)`
      : sql<string | null>`(select group_concat(r.role, ',') from account_roles r where r.employee_id = s.employee_id)`;
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.employee_id', 's.employee_id')
    .innerJoin('employees as e', 'e.employee_id', 's.employee_id')
    .select([
      's.created_at as createdAt',
      's.last_seen_at as lastSeenAt',
      's.expires_at as expiresAt',
      's.auth_at as authAt',
      's.second_factor_at as secondFactorAt',
      ...PROFILE_COLUMNS,
      roles.as('roles'),
    ])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return null;
  if (row.expiresAt <= now || row.lastSeenAt + timeouts.idleMs <= now) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  if (now - row.lastSeenAt >= TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  const { createdAt, lastSeenAt: _lastSeen, expiresAt: _expires, authAt, secondFactorAt, roles: roleList, ...person } = row;
  return {
    session: { idHash, employeeId: row.employeeId, createdAt, lastSeenAt: now, authAt, secondFactorAt },
    profile: { ...person, roles: roleList ? roleList.split(',').sort() : [] },
  };
}
