import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { AppError } from '../core/errors.js';
import { cookieName } from './cookies.js';
import { constantTimeEqual, keyedHash } from '../security/tokens.js';

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

/**
 * The form token of a signed-in page: a keyed hash of the browser's session id, so it needs no
 * cookie of its own and a new session (LOGIN-9) brings a new token.
 */
export function sessionFormToken(config: Pick<Config, 'secret'>, sessionId: string): string {
  return keyedHash(config.secret, `form-token:${sessionId}`);
}

/**
 * The form's hidden `_csrf` must be this browser's: the token of its session (signed-in pages), or
 * the double-submit HttpOnly cookie set with a signed-out page. Neither can be read by another site.
 */
export function assertFormToken(request: FastifyRequest, config: Pick<Config, 'publicUrl' | 'secret'>): void {
  assertSameOrigin(request, config);
  const body = request.body as Record<string, unknown> | undefined;
  const sent = body?._csrf;
  if (typeof sent !== 'string' || sent.length === 0) throw new AppError('FORBIDDEN', 'crossSite');
  const cookie = request.cookies[cookieName(config, 'portico_csrf')];
  const sessionId = request.cookies[cookieName(config, 'portico_session')];
  const matches = (cookie !== undefined && constantTimeEqual(cookie, sent)) || (sessionId !== undefined && constantTimeEqual(sessionFormToken(config, sessionId), sent));
  if (!matches) throw new AppError('FORBIDDEN', 'crossSite');
}
