import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../core/deps.js';
import { AppError } from '../core/errors.js';
import { cookieName } from './cookies.js';
import { assertFormToken } from './csrf.js';
import type { Guard } from './guards.js';
import { constantTimeEqual } from '../security/tokens.js';

/**
 * CSRF for the reset-link page's "Continue" form (SPEC §14.2). That page is sent with
 * `Referrer-Policy: no-referrer` (RECOV-2), so browsers send its form with `Origin: null`. Such a
 * request passes only when the browser also says `Sec-Fetch-Site: same-origin` (a header no page
 * can forge) and the double-submit token matches; every other request gets the usual check.
 */
export function createResetLinkFormGuard(deps: AppDeps): Guard {
  return async (request: FastifyRequest) => {
    if (request.headers.origin === 'null' && request.headers['sec-fetch-site'] === 'same-origin') {
      const cookie = request.cookies[cookieName(deps.config, 'portico_csrf')];
      const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
      if (!cookie || typeof sent !== 'string' || !constantTimeEqual(cookie, sent)) throw new AppError('FORBIDDEN', 'crossSite');
      return;
    }
    assertFormToken(request, deps.config);
    return Promise.resolve();
  };
}
