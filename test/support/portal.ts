// Test helpers for the homepage modules: signed-in employees with a cookie jar (session, CSRF
// token), JSON and form requests, and content written through the repositories HR's tools use.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestApp } from './test-app.js';
import { seedRegistered } from './seed.js';
import { saveNews, type NewNews } from '../../src/storage/repositories/content/news.js';

export const PASSWORD = 'Harbor2026';

export class Employee {
  readonly jar = new Map<string, string>();
  /** The `_csrf` of the last page with a form (a signed-in page's token is its session's, with no cookie). */
  private pageToken = '';
  constructor(
    private readonly app: FastifyInstance,
    readonly employeeId: string,
  ) {}

  async request(options: { method: InjectOptions['method']; url: string; payload?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse> {
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.app.inject({
      method: options.method,
      url: options.url,
      headers: { cookie, ...options.headers },
      ...(options.payload === undefined ? {} : { payload: options.payload as string }),
    });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    this.pageToken = pageFormToken(response) ?? this.pageToken;
    return response;
  }

  get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.request({ method: 'GET', url, headers });
  }

  /** A JSON API call (a body only when given). */
  api(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Record<string, unknown>): Promise<LightMyRequestResponse> {
    return this.request({ method, url, ...(payload === undefined ? {} : { payload }) });
  }

  /** Posts a form with this browser's CSRF token, as the page's button would. */
  form(url: string, fields: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const csrf = [...this.jar].find(([name]) => name.endsWith('portico_csrf'))?.[1] ?? this.pageToken;
    return this.request({
      method: 'POST',
      url,
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
}

/** The hidden `_csrf` of an HTML answer's forms, if it has any. */
export function pageFormToken(response: LightMyRequestResponse): string | undefined {
  if (!String(response.headers['content-type'] ?? '').startsWith('text/html')) return undefined;
  return /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
}

/** Seeds a registered employee and signs them in through the API; a first page gives the browser its form token. */
export async function signedInEmployee(
  t: TestApp,
  person: { employeeId: string; givenName?: string; country?: string; status?: string },
): Promise<Employee> {
  await seedRegistered(t.deps, { password: PASSWORD, ...person });
  const employee = new Employee(t.app, person.employeeId);
  const login = await employee.api('POST', '/api/v1/login', { identifier: person.employeeId, password: PASSWORD });
  if ((login.json<{ next?: string }>()).next !== 'home') throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`);
  const home = await employee.get('/home');
  if (home.statusCode !== 200) throw new Error(`homepage failed: ${home.statusCode}`);
  return employee;
}

/** An article in English only, unless translations are given. */
export async function publishNews(t: TestApp, input: Partial<NewNews> & { title?: string; body?: string } = {}): Promise<number> {
  const { title = 'Company update', body = 'Something happened.', ...rest } = input;
  const news: NewNews = { publishedAt: t.clock.now() - 60_000, translations: [{ language: 'en', title, body }], ...rest };
  return t.deps.storage.db.transaction().execute((tx) => saveNews(tx, news, t.clock.now()));
}

/** The page's <main>, where the modules render. */
export function mainOf(response: LightMyRequestResponse): string {
  const body = response.body;
  return body.slice(body.indexOf('<main'), body.indexOf('</main>'));
}
