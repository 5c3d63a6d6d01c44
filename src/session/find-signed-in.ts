import type { Storage } from '../storage/database.js';
import type { Profile } from '../storage/repositories/accounts.js';
import { deleteSession, findSessionWithProfile, touchSession } from '../storage/repositories/sessions.js';
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
  const row = await findSessionWithProfile(storage.db, idHash);
  if (!row) return null;
  if (row.expiresAt <= now || row.lastSeenAt + timeouts.idleMs <= now) {
    await deleteSession(storage.db, idHash);
    return null;
  }
  if (now - row.lastSeenAt >= TOUCH_INTERVAL_MS) await touchSession(storage.db, idHash, now);
  const { createdAt, lastSeenAt: _lastSeen, expiresAt: _expires, authAt, secondFactorAt, passkeyAt, passkeys, roles: roleList, ...person } = row;
  return {
    session: { idHash, employeeId: row.employeeId, createdAt, lastSeenAt: now, authAt, secondFactorAt, passkeyAt: passkeyAt ?? null, passkeys: Number(passkeys) },
    profile: { ...person, roles: roleList ? roleList.split(',').sort() : [] },
  };
}
