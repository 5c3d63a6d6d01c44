import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { AppDeps } from '../core/deps.js';
import { JWKS_PATH, OIDC_PREFIX, isProviderPath } from './paths.js';
import type { Idp } from './idp.js';
import { PROVIDER_RETRY_AFTER_SECONDS, TEMPORARILY_UNAVAILABLE, isBrowserPath } from './unavailable.js';
import { AppError } from '../core/errors.js';
import { isDatabaseUnavailable } from '../storage/errors.js';

// IDP-1: the provider (a Koa application) answers its own paths, /oidc/* and the discovery
// document at /.well-known/openid-configuration, on the raw request that Fastify hands over
// (`reply.hijack()`). Its routes sit in their own plugin without body parsers, so the provider
// reads the body itself. Interactions (/oidc/interaction/:uid) are Portico's pages, more specific
// routes that Fastify matches first (interaction-pages.tsx). Only the library's own endpoints
// (paths.ts) are handed to it: any other path under /oidc is Portico's 404.

type RawRequest = IncomingMessage & { porticoRequestId?: string; porticoLanguage?: string };

const callbacks = new WeakMap<Provider, (req: IncomingMessage, res: ServerResponse) => Promise<void>>();

function callbackOf(provider: Provider) {
  let callback = callbacks.get(provider);
  if (!callback) {
    callback = provider.callback();
    callbacks.set(provider, callback);
  }
  return callback;
}

export function registerProviderRoutes(app: FastifyInstance, deps: AppDeps, idp: Idp): void {
  const { publicUrl } = deps.config;
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    // A path under /oidc that is none of the library's endpoints (an unknown one, a feature Portico
    // leaves off such as registration, or under the interaction pages' prefix with an overlong uid
    // or an extra segment) is Portico's 404 in the reader's language, not the library's plain-text one.
    if (path.startsWith(`${OIDC_PREFIX}/`) && !isProviderPath(path)) throw new AppError('NOT_FOUND', 'notFound');
    let provider: Provider;
    try {
      provider = await idp.provider({ recheck: path === JWKS_PATH });
    } catch (error) {
      // The key set could not be read (unavailable.tsx): a page for a browser, OAuth's JSON for a client's server.
      if (!isDatabaseUnavailable(error)) throw error;
      if (isBrowserPath(path)) throw new AppError('UNAVAILABLE', 'unavailable', { retryAfterSeconds: PROVIDER_RETRY_AFTER_SECONDS });
      return reply.code(503).header('retry-after', String(PROVIDER_RETRY_AFTER_SECONDS)).header('cache-control', 'no-store').send(TEMPORARILY_UNAVAILABLE);
    }
    const raw = request.raw as RawRequest;
    // The provider builds its URLs and cookie flags from these: Portico decides them (the public
    // URL, and the client address Fastify believed under PORTICO_TRUSTED_PROXIES), not the client.
    raw.headers['x-forwarded-proto'] = publicUrl.protocol.replace(':', '');
    raw.headers['x-forwarded-host'] = publicUrl.host;
    raw.headers['x-forwarded-for'] = request.ip;
    raw.porticoRequestId = request.id;
    raw.porticoLanguage = request.language;
    reply.hijack();
    reply.raw.setHeader('x-content-type-options', 'nosniff');
    reply.raw.setHeader('referrer-policy', 'same-origin');
    reply.raw.setHeader('x-frame-options', 'DENY');
    await callbackOf(provider)(raw, reply.raw);
  };
  void app.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', (_request, _payload, done) => done(null));
    child.route({ method: ['GET', 'POST', 'OPTIONS'], url: `${OIDC_PREFIX}/*`, handler });
    child.route({ method: ['GET', 'OPTIONS'], url: '/.well-known/openid-configuration', handler });
    return Promise.resolve();
  });
}
