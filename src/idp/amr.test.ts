// IDP-1, IDP-3: `amr` says what the Portico session used (RFC 8176), and never claims a password
// it did not; `acr` is `pwd`, `mfa` or `phr`; `acr_values` asks for the weakest level it lists.
import { describe, expect, it } from 'vitest';
import { acrOf, amrOf, meetsAcr, requiredAcr, type SessionFactsForAmr } from './amr.js';
import { passkeyAmr } from '../methods/passkey/passkey-amr.js';

const facts = (overrides: Partial<SessionFactsForAmr>): SessionFactsForAmr => ({
  via: 'password',
  secondFactor: false,
  secondFactorMethod: null,
  passkeyAmr: null,
  accountMfa: 'off',
  ...overrides,
});

describe('amrOf', () => {
  it('names the password and the second factor the session passed', () => {
    expect(amrOf(facts({}))).toEqual(['pwd']);
    expect(amrOf(facts({ secondFactor: true, secondFactorMethod: 'totp', accountMfa: 'totp' }))).toEqual(['pwd', 'otp', 'mfa']);
    expect(amrOf(facts({ secondFactor: true, secondFactorMethod: 'email_code', accountMfa: 'email' }))).toEqual(['pwd', 'otp', 'mfa']);
    expect(amrOf(facts({ secondFactor: true, secondFactorMethod: 'sms_code', accountMfa: 'sms' }))).toEqual(['pwd', 'sms', 'mfa']);
    expect(amrOf(facts({ secondFactor: true, secondFactorMethod: 'recovery_code', accountMfa: 'sms' }))).toEqual(['pwd', 'otp', 'mfa']);
  });
  it('says the method used, not the account’s method: an e-mailed code on an SMS account is `otp`', () => {
    expect(amrOf(facts({ secondFactor: true, secondFactorMethod: 'email_code', accountMfa: 'sms' }))).toEqual(['pwd', 'otp', 'mfa']);
  });
  it('a passkey after the password is the second factor, `hwk` or `swk`', () => {
    expect(amrOf(facts({ secondFactor: true, secondFactorMethod: 'passkey', passkeyAmr: 'hwk', accountMfa: 'sms' }))).toEqual(['pwd', 'hwk', 'mfa']);
    expect(amrOf(facts({ secondFactor: true, secondFactorMethod: 'passkey', passkeyAmr: 'swk', accountMfa: 'off' }))).toEqual(['pwd', 'swk', 'mfa']);
  });
  it('claims no password for company SSO or a passkey sign-in', () => {
    expect(amrOf(facts({ via: 'sso' }))).toEqual([]);
    expect(amrOf(facts({ via: 'sso', secondFactor: true, secondFactorMethod: 'totp', accountMfa: 'totp' }))).toEqual(['otp', 'mfa']);
    // The SSO provider's own second factor: Portico does not know which it was.
    expect(amrOf(facts({ via: 'sso', secondFactor: true, secondFactorMethod: 'provider', accountMfa: 'totp' }))).toEqual(['mfa']);
    expect(amrOf(facts({ via: 'passkey', secondFactor: true, secondFactorMethod: 'passkey', passkeyAmr: 'hwk' }))).toEqual(['hwk', 'mfa']);
    expect(amrOf(facts({ via: 'passkey', secondFactor: true, secondFactorMethod: 'passkey', passkeyAmr: 'swk' }))).toEqual(['swk', 'mfa']);
  });
  it('a session from before the method was recorded falls back to the account’s method', () => {
    expect(amrOf(facts({ secondFactor: true, accountMfa: 'sms' }))).toEqual(['pwd', 'sms', 'mfa']);
    expect(amrOf(facts({ secondFactor: true, accountMfa: 'email' }))).toEqual(['pwd', 'otp', 'mfa']);
    // No code method on the account (its second factor is a passkey): no code is claimed.
    expect(amrOf(facts({ secondFactor: true, accountMfa: 'off' }))).toEqual(['pwd', 'mfa']);
  });
});

describe('passkeyAmr', () => {
  it('a synced (backup-eligible or backed-up) passkey is `swk`, a device-bound one `hwk`', () => {
    expect(passkeyAmr({ deviceType: 'singleDevice', backedUp: false })).toBe('hwk');
    expect(passkeyAmr({ deviceType: 'multiDevice', backedUp: false })).toBe('swk');
    expect(passkeyAmr({ deviceType: 'multiDevice', backedUp: true })).toBe('swk');
  });
});

describe('acr', () => {
  it('is `pwd` for one factor, `mfa` for two, `phr` once a passkey was used', () => {
    expect(acrOf({ secondFactor: false, passkey: false })).toBe('pwd');
    expect(acrOf({ secondFactor: true, passkey: false })).toBe('mfa');
    expect(acrOf({ secondFactor: true, passkey: true })).toBe('phr');
  });
  it('`acr_values` asks for the weakest level it lists that Portico knows', () => {
    expect(requiredAcr(undefined)).toBeNull();
    expect(requiredAcr('urn:example:gold')).toBeNull();
    expect(requiredAcr('mfa')).toBe('mfa');
    expect(requiredAcr('phr')).toBe('phr');
    expect(requiredAcr('phr mfa')).toBe('mfa');
    expect(requiredAcr('urn:example:gold phr')).toBe('phr');
    expect(meetsAcr('pwd', 'mfa')).toBe(false);
    expect(meetsAcr('phr', 'mfa')).toBe(true);
    expect(meetsAcr('mfa', 'phr')).toBe(false);
    expect(meetsAcr('pwd', null)).toBe(true);
  });
});
