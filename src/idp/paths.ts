// Issue 16 (IDP-1): where the provider answers. Its paths live under /oidc (discovery stays at
// /.well-known/openid-configuration); the interactions are Portico's own pages.

export const OIDC_PREFIX = '/oidc';
export const INTERACTION_PATH = `${OIDC_PREFIX}/interaction`;
export const JWKS_PATH = `${OIDC_PREFIX}/jwks`;

/**
 * The library's endpoints that Portico serves: those of the features provider.ts enables, which
 * discovery publishes. Each also answers the paths below it (a resumed authorization, the logout
 * confirmation); any other path under /oidc is Portico's 404 (provider-api.ts).
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

/** Whether `path` (without its query) is `route` or a path below it. */
export function isAtOrBelow(path: string, route: string): boolean {
  return path === route || path.startsWith(`${route}/`);
}

/** Whether the library serves `path` (without its query). Like the library's router, letter case does not count. */
export function isProviderPath(path: string): boolean {
  const folded = path.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  return Object.values(PROVIDER_ROUTES).some((route) => isAtOrBelow(folded, route));
}
