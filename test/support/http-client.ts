// A client of a real Portico server over HTTP (fetch) with a cookie jar: what a script or a
// browser without JavaScript does, for tests against `portico serve` processes.

export interface HttpAnswer {
  status: number;
  body: string;
  json<T = Record<string, unknown>>(): T;
  location: string | null;
}

export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  /** The Cookie header this jar sends. */
  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(method: string, path: string, options: { json?: unknown; headers?: Record<string, string> } = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = { ...this.extraHeaders, ...options.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(new URL(path, this.base), {
      method,
      headers,
      redirect: 'manual',
      ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      const gone = value === '' || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (gone) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.trim());
    }
    const body = await response.text();
    return { status: response.status, body, json: <T>() => JSON.parse(body) as T, location: response.headers.get('location') };
  }

  get(path: string): Promise<HttpAnswer> {
    return this.request('GET', path);
  }

  post(path: string, json: unknown = {}): Promise<HttpAnswer> {
    return this.request('POST', path, { json });
  }

  put(path: string, json: unknown): Promise<HttpAnswer> {
    return this.request('PUT', path, { json });
  }
}

/** Fails with the answer when its status is not the expected one. */
export function expectStatus(answer: HttpAnswer, status: number, step: string): HttpAnswer {
  if (answer.status !== status) throw new Error(`${step}: expected HTTP ${status}, got ${answer.status}: ${answer.body.slice(0, 500)}`);
  return answer;
}
