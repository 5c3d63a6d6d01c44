// MFA-7 over the JSON API, as a browser with a passkey would speak it: a cookie jar per client
// (RECOV-12), and the two-request ceremonies with the software authenticator.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { SoftwareAuthenticator, type AssertOptions } from './software-authenticator.js';

type Json = Record<string, unknown>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface JsonClient {
  jar: Map<string, string>;
  send(method: Method, url: string, payload?: Json, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: Json, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export function jsonClient(app: FastifyInstance): JsonClient {
  const jar = new Map<string, string>();
  const send: JsonClient['send'] = async (method, url, payload, headers = {}) => {
    const response = await app.inject({ method, url, headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...headers }, ...(payload ? { payload } : {}) });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return response;
  };
  return { jar, send, get: (url) => send('GET', url), post: (url, payload = {}, headers) => send('POST', url, payload, headers) };
}

/** The test app's origin as WebAuthn sees it (PORTICO_PUBLIC_URL's default in tests). */
export const TEST_ORIGIN = 'http://localhost:3000';

export function newAuthenticator(origin = TEST_ORIGIN): SoftwareAuthenticator {
  return new SoftwareAuthenticator(origin);
}

/** Adds a passkey in Edit My Profile through the API (options, then the attestation). */
export async function addPasskey(browser: JsonClient, authenticator: SoftwareAuthenticator, name = 'Test key', code?: string): Promise<LightMyRequestResponse> {
  const started = await browser.post('/api/v1/me/passkeys/options', code ? { code } : {});
  if (started.statusCode !== 200) return started;
  const { flowId, options } = started.json<{ flowId: string; options: Json }>();
  return browser.post('/api/v1/me/passkeys', { flowId, credential: authenticator.register(options), name });
}

/** Options for a passkey sign-in, and the assertion the authenticator makes for them. */
export async function passkeyAssertion(browser: JsonClient, authenticator: SoftwareAuthenticator, overrides: AssertOptions = {}, identifier?: string): Promise<{ flowId: string; credential: Json; options: Json }> {
  const started = await browser.post('/api/v1/passkeys/login/options', identifier === undefined ? {} : { identifier });
  if (started.statusCode !== 200) throw new Error(`passkey options failed: ${started.body}`);
  const { flowId, options } = started.json<{ flowId: string; options: Json }>();
  return { flowId, options, credential: authenticator.assert(options, overrides) };
}

/** A whole passkey sign-in: options, assertion, answer. */
export async function signInWithPasskey(browser: JsonClient, authenticator: SoftwareAuthenticator, overrides: AssertOptions = {}): Promise<LightMyRequestResponse> {
  const { flowId, credential } = await passkeyAssertion(browser, authenticator, overrides);
  return browser.post('/api/v1/passkeys/login', { flowId, credential });
}
