// Issue 16 (IDP-1): where the provider answers. Its paths live under /oidc (discovery stays at
// /.well-known/openid-configuration); the interactions are Portico's own pages.

export const OIDC_PREFIX = '/oidc';
export const INTERACTION_PATH = `${OIDC_PREFIX}/interaction`;
export const JWKS_PATH = `${OIDC_PREFIX}/jwks`;

/**
 * The library's endpoints that Portico serves: those of the features provider.ts enables, which
 * discovery publishes, and the few paths it answers below them (PROVIDER_SUBPATHS); any other
 * path under /oidc is Portico's 404 (provider-api.ts).
 */
export const PROVIDER_ROUTES = {
  authorization: `${OIDC_PREFIX}/auth`,
  token: `${OIDC_PREFIX}/token`,
  userinfo: `${OIDC_PREFIX}/me`,
  jwks: JWKS_PATH,
  end_session: `${OIDC_PREFIX}/session/end`,
  revocation: `${OIDC_PREFIX}/token/revocation`,
  introspection: `${OIDC_PREFIX}/token/introspection`,
  pushed_authorization_request: `${OIDC_PREFIX}/request`,
} as const;

/** The endpoints of the features Portico leaves off: under /oidc all the same, should one be turned on, but not served. */
export const UNSERVED_PROVIDER_ROUTES = {
  code_verification: `${OIDC_PREFIX}/device`,
  device_authorization: `${OIDC_PREFIX}/device/auth`,
  backchannel_authentication: `${OIDC_PREFIX}/backchannel`,
  registration: `${OIDC_PREFIX}/reg`,
  challenge: `${OIDC_PREFIX}/challenge`,
} as const;

/** The origin of an application's URI (a redirect or sign-out return URI), or null for anything that is not one. */
export function originOf(uri: unknown): string | null {
  if (typeof uri !== 'string') return null;
  try {
    return new URL(uri).origin;
  } catch {
    return null;
  }
}

/** Whether `path` (without its query) is `route` or a path below it. */
export function isAtOrBelow(path: string, route: string): boolean {
  return path === route || path.startsWith(`${route}/`);
}

/** The paths the library serves below its routes: a resumed authorization, and the logout confirmation's two steps. */
const PROVIDER_SUBPATHS = [new RegExp(`^${PROVIDER_ROUTES.authorization}/[^/]+$`), new RegExp(`^${PROVIDER_ROUTES.end_session}/(confirm|success)$`)];

/**
 * Whether the library serves `path` (without its query): one of its routes, or a path it answers
 * below one. Like the library's router, letter case and a trailing slash do not count.
 */
export function isProviderPath(path: string): boolean {
  const folded = path.replace(/[A-Z]/g, (letter) => letter.toLowerCase()).replace(/(.)\/$/, '$1');
  return Object.values(PROVIDER_ROUTES).some((route) => folded === route) || PROVIDER_SUBPATHS.some((pattern) => pattern.test(folded));
}
