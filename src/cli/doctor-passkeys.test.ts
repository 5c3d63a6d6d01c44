// MFA-7 in `portico doctor`: passkeys are offered only when PORTICO_PUBLIC_URL has a domain name;
// requiring them for the console on an IP address would lock everyone out of it.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { checkPasskeys } from './doctor-checks.js';

const config = (env: Record<string, string>) => loadConfig({ env: { PORTICO_SECRET: 'x'.repeat(40), ...env }, cwd: process.cwd() });

describe('portico doctor: passkeys', () => {
  it('is ok for a domain name, warns for an IP address, and fails when the console requires passkeys there', () => {
    expect(checkPasskeys(config({ PORTICO_PUBLIC_URL: 'https://portal.example.com' }))).toMatchObject({ status: 'ok', detail: 'offered for portal.example.com' });
    expect(checkPasskeys(config({ PORTICO_PUBLIC_URL: 'http://10.0.0.5:3000' }))).toMatchObject({ status: 'warn' });
    expect(checkPasskeys(config({ PORTICO_PUBLIC_URL: 'http://[::1]:3000' }))).toMatchObject({ status: 'warn' });
    expect(checkPasskeys(config({ PORTICO_PUBLIC_URL: 'http://10.0.0.5:3000', PORTICO_CONSOLE_REQUIRE_PASSKEY: 'true' }))).toMatchObject({ status: 'fail' });
    expect(() => config({ PORTICO_CONSOLE_REQUIRE_PASSKEY: 'yes' })).toThrow(/PORTICO_CONSOLE_REQUIRE_PASSKEY/);
  });
});
