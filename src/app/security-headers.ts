import type { FastifyReply } from 'fastify';

// No inline script anywhere, no framing, no sniffing. Fastify sends no X-Powered-By.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function applySecurityHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  // Pages and answers about a person are never cached; static assets override this.
  reply.header('cache-control', 'no-store');
}

/**
 * Chromium applies a page's `form-action` to the redirects after its form is posted too: a page
 * whose form ends in an application's redirect URI (IDP-3, IDP-5) allows that one origin.
 */
export function allowFormActionTo(reply: FastifyReply, origin: string): void {
  const policy = String(reply.getHeader('content-security-policy') ?? '');
  if (policy.includes("form-action 'self'")) reply.header('content-security-policy', policy.replace("form-action 'self'", `form-action 'self' ${origin}`));
}
