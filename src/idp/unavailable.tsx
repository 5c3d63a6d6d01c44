import { renderToString } from 'preact-render-to-string';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { DATABASE_RETRY_AFTER_SECONDS } from '../storage/errors.js';
import { ErrorPage } from '../web/error-page.js';
import { messagesFor } from '../web/i18n.js';
import { PROVIDER_PAGE_CSP, idpPageContext, languageOf } from './error-page.js';
import { INTERACTION_PATH, PROVIDER_ROUTES, isAtOrBelow } from './paths.js';

// A database away for a moment (storage/errors.ts) in the middle of a provider request is a 503
// with Retry-After, as everywhere else in Portico, not the library's `server_error` (500): the
// token, userinfo and other endpoints a client's server calls answer OAuth's JSON
// `temporarily_unavailable`; the endpoints a browser is sent to (authorization, logout) and
// Portico's interaction pages answer Portico's localized "try again in a moment" page.

export const PROVIDER_RETRY_AFTER_SECONDS = DATABASE_RETRY_AFTER_SECONDS;

/** Whether a provider path is one a browser is sent to (a page answers it), not one a client's server calls (JSON). */
export function isBrowserPath(path: string): boolean {
  return [PROVIDER_ROUTES.authorization, PROVIDER_ROUTES.end_session, INTERACTION_PATH].some((route) => isAtOrBelow(path, route));
}

export const TEMPORARILY_UNAVAILABLE = { error: 'temporarily_unavailable', error_description: 'the service is unavailable for a moment; try again' } as const;

/** The 503 page of a provider request, in the reader's language. */
function unavailablePage(ctx: KoaContextWithOIDC): string {
  const pageContext = idpPageContext(languageOf(ctx));
  return `<!doctype html>${renderToString(<ErrorPage ctx={pageContext} status={503} message={messagesFor(pageContext.language).errors.unavailable} />)}`;
}

/** Turns the provider's answer into the 503 (JSON or page) for its path. */
export function answerUnavailable(ctx: KoaContextWithOIDC): void {
  ctx.status = 503;
  ctx.remove('location');
  ctx.remove('www-authenticate');
  ctx.set('retry-after', String(PROVIDER_RETRY_AFTER_SECONDS));
  ctx.set('cache-control', 'no-store');
  if (isBrowserPath(ctx.path)) {
    ctx.type = 'html';
    ctx.set('content-security-policy', `${PROVIDER_PAGE_CSP}; form-action 'self'`);
    ctx.body = unavailablePage(ctx);
  } else {
    ctx.type = 'json';
    ctx.body = TEMPORARILY_UNAVAILABLE;
  }
}
