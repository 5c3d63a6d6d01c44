import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { AppError } from '../core/errors.js';
import { cookieName } from './cookies.js';
import { constantTimeEqual } from '../security/tokens.js';

// SPEC §14.2: the JSON API by requiring application/json and checking Origin; forms by a token and Origin.

/** A browser's Origin (or Referer) must be this portal: the configured public URL or the host it was asked by. */
export function assertSameOrigin(request: FastifyRequest, config: Pick<Config, 'publicUrl'>): void {
  if (request.headers['sec-fetch-site'] === 'cross-site') throw new AppError('FORBIDDEN', 'crossSite');
  const origin = request.headers.origin ?? refererOrigin(request.headers.referer);
  if (origin === undefined) return; // Not a browser: nothing to forge.
  const allowed = new Set([config.publicUrl.origin, `${request.protocol}://${request.host}`]);
  if (!allowed.has(origin)) throw new AppError('FORBIDDEN', 'crossSite');
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

/** Double-submit: the form's hidden `_csrf` must equal the HttpOnly cookie set with the page. */
export function assertFormToken(request: FastifyRequest, config: Pick<Config, 'publicUrl'>): void {
  assertSameOrigin(request, config);
  const cookie = request.cookies[cookieName(config, 'portico_csrf')];
  const body = request.body as Record<string, unknown> | undefined;
  const sent = body?._csrf;
  if (!cookie || typeof sent !== 'string' || !constantTimeEqual(cookie, sent)) throw new AppError('FORBIDDEN', 'crossSite');
}
