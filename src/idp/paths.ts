// Issue 16 (IDP-1): where the provider answers. Its paths live under /oidc (discovery stays at
// /.well-known/openid-configuration); the interactions are Portico's own pages.

export const OIDC_PREFIX = '/oidc';
export const INTERACTION_PATH = `${OIDC_PREFIX}/interaction`;
export const JWKS_PATH = `${OIDC_PREFIX}/jwks`;
