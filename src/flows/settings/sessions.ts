import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { MINUTE } from '../../security/clock.js';
import { listLiveSessions } from '../../storage/repositories/profile.js';
import { endOneSession } from '../../session/session-store.js';
import { auditOwnChange } from './own-account.js';
import type { SignedIn } from '../../session/signed-in.js';

// SESS-4: the account's active sessions (device, IP address, started, last seen), each of which
// can be ended. A session is named by a public handle, a prefix of the stored keyed hash: it is
// never the cookie value, and the cookie value cannot be derived from it.

const HANDLE_LENGTH = 22;
const HANDLE = /^[\w-]{22}$/;

export interface Device {
  browser: string | null;
  os: string | null;
}

export interface SessionView {
  id: string;
  current: boolean;
  device: Device;
  ip: string;
  startedAt: number;
  lastSeenAt: number;
}

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(Headless)?(Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/** A short description of a user agent ("Chrome" on "Windows"); null parts when unknown. */
export function describeDevice(userAgent: string): Device {
  const find = (table: [RegExp, string][]) => table.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  return { browser: find(BROWSERS), os: find(SYSTEMS) };
}

export function sessionHandle(idHash: string): string {
  return idHash.slice(0, HANDLE_LENGTH);
}

export async function listSessions(deps: AppDeps, signedIn: SignedIn): Promise<SessionView[]> {
  const rows = await listLiveSessions(deps.storage.db, signedIn.profile.employeeId, deps.clock.now(), deps.config.sessionIdleMinutes * MINUTE);
  return rows.map((row) => ({
    id: sessionHandle(row.idHash),
    current: row.idHash === signedIn.sessionIdHash,
    device: describeDevice(row.userAgent),
    ip: row.ip,
    startedAt: row.createdAt,
    lastSeenAt: row.idHash === signedIn.sessionIdHash ? Math.max(row.lastSeenAt, deps.clock.now()) : row.lastSeenAt,
  }));
}

/**
 * Ends one of the caller's own sessions, and the applications its browser signed in to (IDP-6:
 * session-store.ts); a handle of another account's session is simply not
 * found (404), so handles cannot be probed. Answers whether it was the caller's current session.
 */
export async function endSessionByHandle(deps: AppDeps, signedIn: SignedIn, handle: string, meta: RequestMeta): Promise<{ current: boolean }> {
  if (!HANDLE.test(handle)) throw new AppError('NOT_FOUND', 'notFound');
  const employeeId = signedIn.profile.employeeId;
  const rows = await listLiveSessions(deps.storage.db, employeeId, deps.clock.now(), deps.config.sessionIdleMinutes * MINUTE);
  const target = rows.find((row) => sessionHandle(row.idHash) === handle);
  const ended = target && (await endOneSession(deps.storage.db, { employeeId, idHash: target.idHash, secret: deps.config.secret, now: deps.clock.now() }));
  if (!target || !ended) throw new AppError('NOT_FOUND', 'notFound');
  const current = target.idHash === signedIn.sessionIdHash;
  await auditOwnChange(deps, signedIn, meta, 'session.ended', { current });
  return { current };
}
