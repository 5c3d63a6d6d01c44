// Issue 14 with SPEC §14.2: a signed-in page's forms carry a token bound to the session, so a plain
// GET of a signed-in page sets no cookie; the token is refused for any other session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { seedRegistered } from '../../test/support/seed.js';
import { Visitor } from '../../test/support/visitor.js';
import { pageFormToken } from '../../test/support/portal.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedRegistered(t.deps, { employeeId: '0560001', password: 'Harbor2026' });
});
afterAll(() => t.close());

async function sessionCookie(): Promise<string> {
  const visitor = new Visitor(t);
  await visitor.signIn('0560001', 'Harbor2026');
  return `portico_session=${visitor.cookies.get('portico_session')}`;
}

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const logout = (cookie: string, token: string) =>
  t.app.inject({ method: 'POST', url: '/logout', payload: new URLSearchParams({ _csrf: token }).toString(), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });

describe('the form token of a signed-in page', () => {
  it('comes with no Set-Cookie: the homepage, a portal page, Edit My Profile and the API', async () => {
    const cookie = await sessionCookie();
    for (const url of ['/home', '/tasks', '/profile', '/api/v1/me']) {
      const response = await get(url, cookie);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['set-cookie'], url).toBeUndefined();
    }
  });

  it('is the same on every page of one session and differs between sessions', async () => {
    const first = await sessionCookie();
    const second = await sessionCookie();
    const tokenOf = async (cookie: string, url: string) => pageFormToken(await get(url, cookie));
    const token = await tokenOf(first, '/home');
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(await tokenOf(first, '/profile/language')).toBe(token);
    expect(await tokenOf(second, '/home')).not.toBe(token);
  });

  it('is accepted with its own session only', async () => {
    const mine = await sessionCookie();
    const other = await sessionCookie();
    const otherToken = pageFormToken(await get('/home', other))!;
    expect((await logout(mine, otherToken)).statusCode).toBe(403);
    expect((await logout(mine, '')).statusCode).toBe(403);
    expect((await get('/api/v1/me', mine)).statusCode).toBe(200);
    const myToken = pageFormToken(await get('/home', mine))!;
    const out = await logout(mine, myToken);
    expect(out.statusCode).toBe(303);
    expect((await get('/api/v1/me', mine)).statusCode).toBe(401);
  });

  it('a signed-out page still gives the browser its own token by cookie', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/login' });
    const cookie = (page.cookies as { name: string; value: string }[]).find((c) => c.name === 'portico_csrf');
    expect(cookie?.value).toBe(pageFormToken(page));
  });
});
