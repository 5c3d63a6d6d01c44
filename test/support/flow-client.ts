import { createHash } from 'node:crypto';

// RECOV-12: a flow continues only with the `portico_client` cookie of the client that started it.
// API tests that speak as one client send this cookie on every request; a test that tries a flow
// from another client sends another name's cookie, or none.

/**
 * The Cookie header value of the client called `name` (a stable 43-character value), under both
 * cookie names — `__Host-portico_client` on an https public URL, `portico_client` otherwise — so a
 * helper need not know the test app's URL.
 */
export function flowClientCookie(name = 'api-client'): string {
  const value = createHash('sha256').update(name).digest('base64url');
  return `portico_client=${value}; __Host-portico_client=${value}`;
}
