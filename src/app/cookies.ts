import type { FastifyReply } from 'fastify';
import type { Config } from '../config/config.js';
import { isHttps } from '../config/config.js';

// SESS-1: HttpOnly, SameSite=Lax, Path=/, and Secure with the __Host- prefix on https.

export type CookieBase = 'portico_session' | 'portico_csrf' | 'portico_flow' | 'portico_client' | 'portico_lang' | 'portico_return';

export function cookieName(config: Pick<Config, 'publicUrl'>, base: CookieBase): string {
  return isHttps(config) ? `__Host-${base}` : base;
}

export function setCookie(reply: FastifyReply, config: Pick<Config, 'publicUrl'>, base: CookieBase, value: string, maxAgeSeconds?: number): void {
  reply.setCookie(cookieName(config, base), value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(config),
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  });
}

export function clearCookie(reply: FastifyReply, config: Pick<Config, 'publicUrl'>, base: CookieBase): void {
  reply.clearCookie(cookieName(config, base), { path: '/', httpOnly: true, sameSite: 'lax', secure: isHttps(config) });
}
