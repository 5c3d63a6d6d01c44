// The one return path after sign-in: a same-site path under an allow-listed prefix, never an open
// redirect (no `//host`, `/\host`, scheme, encoded slash or backslash, control character or dot segment).

/** Where a signed-out page request may come back to after sign-in and the code step. */
// Issue 16: an identity-provider interaction (IDP-3) comes back to /oidc/interaction/:uid.
export const RETURN_PREFIXES = ['/admin', '/oidc/interaction'] as const;
const MAX_LENGTH = 500;
/** Path characters of RFC 3986 plus a query; `%` only before two hex digits, checked below. */
const SAFE = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%?]*$/;

/** The path itself when it is safe to redirect to, else null. */
export function safeReturnPath(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return null;
  if (!SAFE.test(raw) || raw.startsWith('//')) return null;
  // Encoded slashes, backslashes, dots, percent signs and controls are how `/admin%2F%2Fhost` and friends sneak past.
  if (/%(?![0-9A-Fa-f]{2})|%(2[Ef]|5[Cc]|25|[01][0-9A-Fa-f]|7[Ff])/.test(raw)) return null;
  const [path = ''] = raw.split('?');
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return null;
  const allowed = RETURN_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  if (!allowed) return null;
  // The URL parser must agree that this stays on our origin with the same path.
  const parsed = new URL(raw, 'http://portico.invalid');
  if (parsed.origin !== 'http://portico.invalid' || parsed.pathname !== path) return null;
  return raw;
}

/**
 * The return path when it leads back to an application's sign-in (IDP-3), else null: the only
 * return the registration wizard and the new-password page carry, so a first sign-in that an
 * application started ends in that application.
 */
export function interactionReturnPath(raw: unknown): string | null {
  const path = safeReturnPath(raw);
  return path !== null && /^\/oidc\/interaction\/[\w-]+$/.test(path) ? path : null;
}

/** `/login`, carrying the return path when there is a safe one. */
export function loginUrlFor(raw: unknown): string {
  const path = safeReturnPath(raw);
  return path ? `/login?return=${encodeURIComponent(path)}` : '/login';
}
