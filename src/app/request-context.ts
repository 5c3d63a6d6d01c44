import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { cookieName, setCookie } from './cookies.js';
import { isLanguage, languageFromAcceptHeader, matchLanguage, messagesFor, type Language } from '../web/i18n.js';
import type { PageContext } from '../web/page-context.js';
import type { RequestMeta } from '../core/deps.js';
import { randomToken } from '../security/tokens.js';
import type { SignedIn } from '../session/signed-in.js';
import type { Profile } from '../storage/repositories/accounts.js';
import { AppError } from '../core/errors.js';
import { sessionFormToken } from './csrf.js';

declare module 'fastify' {
  interface FastifyRequest {
    language: Language;
    /** Set by the session guards. */
    signedIn: SignedIn | null;
    /** RECOV-12: this client's `portico_client` value (`clientBindingOf`), made on first read. */
    readonly clientBinding: string;
    /** The reply of this request, for a cookie set while reading `clientBinding`. */
    cookieReply: FastifyReply;
  }
}

const YEAR_SECONDS = 365 * 24 * 3600;

/** Language: `?lang=` (remembered in a cookie), then the cookie, then Accept-Language, then English. */
export function resolveLanguage(request: FastifyRequest, reply: FastifyReply, config: Config): Language {
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  if (typeof query === 'string') {
    const chosen = matchLanguage(query);
    if (chosen) {
      setCookie(reply, config, 'portico_lang', chosen, YEAR_SECONDS);
      return chosen;
    }
  }
  return requestedLanguage(request.cookies[cookieName(config, 'portico_lang')], request.headers['accept-language']);
}

/** The language a request asks for without choosing one: its language cookie, then Accept-Language. */
export function requestedLanguage(cookie: string | undefined, acceptLanguage: string | undefined): Language {
  if (isLanguage(cookie)) return cookie;
  return languageFromAcceptHeader(acceptLanguage) ?? 'en';
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' ? agent.slice(0, 300) : '', requestId: request.id, client: request.clientBinding };
}

/**
 * RECOV-12: the random value that binds flows to this browser or client, from its `portico_client`
 * cookie, created (and sent) the first time a request needs it and has none. A flow stores only its
 * keyed hash; a client without the cookie gets a new value, which matches no flow. Read as
 * `request.clientBinding` (build-app.ts), so a request that starts or reads no flow sets no cookie.
 */
export function clientBindingOf(request: FastifyRequest, config: Config): string {
  const name = cookieName(config, 'portico_client');
  const existing = request.cookies[name];
  if (existing && /^[\w-]{43}$/.test(existing)) return existing;
  const value = randomToken(32);
  setCookie(request.cookieReply, config, 'portico_client', value);
  request.cookies[name] = value;
  return value;
}

/**
 * The CSRF token for this page's forms: on a signed-in page the session's (no cookie to send); on a
 * signed-out page this browser's double-submit token, created (and sent as a cookie) on the first one.
 */
export function formToken(request: FastifyRequest, reply: FastifyReply, config: Config): string {
  const sessionId = request.signedIn ? request.cookies[cookieName(config, 'portico_session')] : undefined;
  if (sessionId) return sessionFormToken(config, sessionId);
  const existing = request.cookies[cookieName(config, 'portico_csrf')];
  if (existing && /^[\w-]{43}$/.test(existing)) return existing;
  const token = randomToken(32);
  setCookie(reply, config, 'portico_csrf', token);
  request.cookies[cookieName(config, 'portico_csrf')] = token;
  return token;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply, config: Config): PageContext {
  const profile = request.signedIn?.profile;
  // A signed-out page is where flows start (sign-in, recovery, registration): the browser gets its
  // RECOV-12 binding with it, so the API calls its script or tests make next are bound to it.
  if (!profile) clientBindingOf(request, config);
  return {
    language: request.language,
    t: messagesFor(request.language),
    csrfToken: formToken(request, reply, config),
    path: request.url,
    user: profile ? { displayName: `${profile.givenName} ${profile.familyName}`, roles: profile.roles } : null,
  };
}

/** The signed-in person of a route behind `requireSession`. */
export function signedInOf(request: FastifyRequest): SignedIn {
  if (!request.signedIn) throw new AppError('UNAUTHENTICATED', 'unauthenticated');
  return request.signedIn;
}

/** The portal's reader: content is always read for the signed-in employee, never for an id the client names. */
export function profileOf(request: FastifyRequest): Profile {
  return signedInOf(request).profile;
}

/** `?done=<key>` on the page after a form, when it names one of `keys`. */
export function noticeKey<K extends string>(request: FastifyRequest, keys: readonly K[]): K | null {
  const done = (request.query as Record<string, unknown> | undefined)?.done;
  return typeof done === 'string' && (keys as readonly string[]).includes(done) ? (done as K) : null;
}
