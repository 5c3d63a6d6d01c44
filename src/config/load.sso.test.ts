// LOGIN-10 / SPEC §14.4: the SSO issuer is https, or plain http on this machine only (development, tests).
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';

const load = (env: Record<string, string>) =>
  loadConfig({ env: { PORTICO_SECRET: 'test-secret-0123456789-abcdefghijklmnop', PORTICO_SSO_CLIENT_ID: 'portico', ...env }, cwd: process.cwd(), demo: false });

describe('PORTICO_SSO_ISSUER', () => {
  it('accepts https anywhere and http only on loopback', () => {
    expect(load({ PORTICO_SSO_ISSUER: 'https://id.example.com/realms/staff' }).sso).toMatchObject({ issuer: 'https://id.example.com/realms/staff', clientId: 'portico', claim: 'employee_id' });
    for (const issuer of ['http://127.0.0.1:8080', 'http://localhost:9000/oidc', 'http://[::1]:8443']) {
      expect(load({ PORTICO_SSO_ISSUER: issuer }).sso?.issuer).toBe(issuer);
    }
  });

  it('refuses plain http to another machine, naming the variable', () => {
    for (const issuer of ['http://id.example.com', 'http://10.0.0.5', 'http://localhost.example.com']) {
      expect(() => load({ PORTICO_SSO_ISSUER: issuer })).toThrow(/PORTICO_SSO_ISSUER.*https/);
    }
  });

  it('takes the claim and the secret as given', () => {
    expect(load({ PORTICO_SSO_ISSUER: 'https://id.example.com', PORTICO_SSO_CLAIM: 'employeeNumber', PORTICO_SSO_CLIENT_SECRET: 's3cret' }).sso).toMatchObject({
      claim: 'employeeNumber',
      clientSecret: 's3cret',
    });
  });
});

describe('PORTICO_SSO_TRUST_MFA', () => {
  it("is off unless set to true, and refuses anything but true or false", () => {
    expect(load({ PORTICO_SSO_ISSUER: 'https://id.example.com' }).sso?.trustMfa).toBe(false);
    expect(load({ PORTICO_SSO_ISSUER: 'https://id.example.com', PORTICO_SSO_TRUST_MFA: 'true' }).sso?.trustMfa).toBe(true);
    expect(() => load({ PORTICO_SSO_ISSUER: 'https://id.example.com', PORTICO_SSO_TRUST_MFA: 'yes' })).toThrow(/PORTICO_SSO_TRUST_MFA.*true, false/);
  });
});
