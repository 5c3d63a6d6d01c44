// The return path after sign-in is never an open redirect: only same-site paths under /admin.
import { describe, expect, it } from 'vitest';
import { loginUrlFor, safeReturnPath } from './return-path.js';

describe('safeReturnPath', () => {
  it.each(['/admin', '/admin/', '/admin/employees', '/admin/employees/123456', '/admin/audit?employeeId=123456&event=pin.issued', '/admin/employees?q=Ortiz%20Ana'])(
    'keeps %s',
    (path) => expect(safeReturnPath(path)).toBe(path),
  );

  it.each([
    '',
    'admin',
    '/',
    '/home',
    '/administrator',
    '/adminx/evil',
    '//evil.example/admin',
    '/\\evil.example',
    '/admin\\..\\home',
    '\\\\evil.example',
    'https://evil.example/admin',
    'http:/admin',
    'javascript:alert(1)',
    '/admin/../home',
    '/admin/./employees',
    '/admin/%2e%2e/home',
    '/admin%2F%2Fevil.example',
    '/admin/%5Cevil',
    '/admin/%252e%252e/home',
    '/admin/%0d%0aSet-Cookie:x',
    '/admin/%',
    '/admin/%zz',
    '/admin\r\nLocation: https://evil.example',
    '/admin\t/x',
    '/admin /x',
    '/admin/\u2215evil',
    '/admin#frag',
    `/admin/${'x'.repeat(600)}`,
  ])('refuses %j', (hostile) => {
    expect(safeReturnPath(hostile)).toBeNull();
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, ['/admin'], { path: '/admin' }]) expect(safeReturnPath(value)).toBeNull();
  });

  it('builds the sign-in link with the return path encoded, or without one', () => {
    expect(loginUrlFor('/admin/audit?event=pin.issued')).toBe('/login?return=%2Fadmin%2Faudit%3Fevent%3Dpin.issued');
    expect(loginUrlFor('//evil.example')).toBe('/login');
  });
});
