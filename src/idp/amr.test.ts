// IDP-3: `amr` says what the Portico session used (RFC 8176), and never claims a password it did not.
import { describe, expect, it } from 'vitest';
import { amrOf } from './interaction-pages.js';

describe('amrOf', () => {
  it('names the password and the second factor', () => {
    expect(amrOf('password', false, 'off')).toEqual(['pwd']);
    expect(amrOf('password', true, 'totp')).toEqual(['pwd', 'otp', 'mfa']);
    expect(amrOf('password', true, 'email')).toEqual(['pwd', 'otp', 'mfa']);
    expect(amrOf('password', true, 'sms')).toEqual(['pwd', 'sms', 'mfa']);
  });
  it('claims no password for company SSO or a passkey', () => {
    expect(amrOf('sso', false, 'off')).toEqual([]);
    expect(amrOf('sso', true, 'totp')).toEqual(['otp', 'mfa']);
    expect(amrOf('passkey', true, 'off')).toEqual(['mfa']);
  });
});
