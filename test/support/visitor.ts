import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './test-app.js';
import { pageFormToken } from './portal.js';

/** A cookie jar for `app.inject`: keeps what the server sets, drops what it clears, posts forms with the CSRF token. */
export class Visitor {
  readonly cookies = new Map<string, string>();
  /** The `_csrf` of the last page with a form (a signed-in page's token is its session's, with no cookie). */
  private pageToken = '';
  constructor(private readonly t: TestApp) {}
  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  keep(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const cleared = cookie.value === '' || cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now());
      if (cleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    this.pageToken = pageFormToken(response) ?? this.pageToken;
    return response;
  }
  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(await this.t.app.inject({ method: 'GET', url, headers: { cookie: this.header } }));
  }
  async post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    const payload = new URLSearchParams({ _csrf: this.cookies.get('portico_csrf') ?? this.pageToken, ...form }).toString();
    return this.keep(await this.t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.header } }));
  }
  /** Signs in on the sign-in page with a password that goes straight home (no code step). */
  async signIn(identifier: string, password: string): Promise<void> {
    await this.get('/login');
    const response = await this.post('/login', { identifier, password });
    if (response.headers.location !== '/home') throw new Error(`sign-in of ${identifier} went to ${String(response.headers.location)}`);
  }
  /** A JSON API call with this visitor's cookies. */
  async api(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.t.app.inject({
        method,
        url,
        headers: { cookie: this.header, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      }),
    );
  }
}
