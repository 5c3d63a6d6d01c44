import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { OidcTestProvider, ProviderPerson } from './oidc-provider.js';
import type { Visitor } from './visitor.js';

export const ssoEnv = (p: OidcTestProvider, extra: Record<string, string> = {}) => ({
  PORTICO_SSO_ISSUER: p.url,
  PORTICO_SSO_CLIENT_ID: p.clientId,
  PORTICO_SSO_CLIENT_SECRET: p.clientSecret,
  ...extra,
});

export interface SsoRun {
  start: LightMyRequestResponse;
  authorizeUrl: URL;
  callbackPath: string;
  callback: LightMyRequestResponse;
}

/** GET /login/sso → the provider's /authorize (fetched for real) → GET the callback with the flow cookie. */
export async function signInWithSso(provider: OidcTestProvider, visitor: Visitor, person?: ProviderPerson, tamper?: (callback: URL) => void): Promise<SsoRun> {
  if (person) provider.person = person;
  const start = await visitor.get('/login/sso');
  expect(start.statusCode, start.body).toBe(303);
  const authorizeUrl = new URL(start.headers.location as string);
  expect(authorizeUrl.origin).toBe(provider.url);
  const answer = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(answer.status).toBe(302);
  const back = new URL(answer.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe('http://localhost:3000/login/sso/callback');
  tamper?.(back);
  const callbackPath = `${back.pathname}${back.search}`;
  return { start, authorizeUrl, callbackPath, callback: await visitor.get(callbackPath) };
}
