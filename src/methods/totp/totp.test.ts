// MFA-3: RFC 6238 (SHA-1, 30 s, 6 digits, ±1 step and no more, no replay), the sealed secret,
// and the recovery codes.
import { describe, expect, it } from 'vitest';
import { matchTotp, otpauthUrl, qrSvg, timeStepAt, totpCodeAt } from './totp.js';
import { openSecret, sealSecret } from './secret-box.js';
import { RECOVERY_CODE_COUNT, generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes.js';

// RFC 6238 appendix B: the ASCII secret "12345678901234567890" (Base32 below), SHA-1; the 6-digit
// code is the last 6 digits of the 8-digit value in the RFC's table.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
];
const STEP = 30_000;

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('at %i s the code is %s', async (seconds, code) => {
    expect(await totpCodeAt(RFC_SECRET, seconds * 1000)).toBe(code);
    expect(await matchTotp(RFC_SECRET, code, seconds * 1000, null)).toBe(timeStepAt(seconds * 1000));
  });

  it('accepts the codes of one step before and after, and refuses two steps away', async () => {
    const now = Date.UTC(2026, 10, 2, 15, 0, 10);
    const step = timeStepAt(now);
    for (const offset of [-1, 0, 1]) {
      expect(await matchTotp(RFC_SECRET, await totpCodeAt(RFC_SECRET, now + offset * STEP), now, null)).toBe(step + offset);
    }
    for (const offset of [-2, 2, -3, 3]) {
      expect(await matchTotp(RFC_SECRET, await totpCodeAt(RFC_SECRET, now + offset * STEP), now, null)).toBeNull();
    }
  });

  it('never accepts a step at or before the last one accepted (no replay)', async () => {
    const now = Date.UTC(2026, 10, 2, 15, 0, 10);
    const step = timeStepAt(now);
    const current = await totpCodeAt(RFC_SECRET, now);
    expect(await matchTotp(RFC_SECRET, current, now, step - 1)).toBe(step);
    expect(await matchTotp(RFC_SECRET, current, now, step)).toBeNull();
    expect(await matchTotp(RFC_SECRET, await totpCodeAt(RFC_SECRET, now - STEP), now, step - 1)).toBeNull();
  });

  it('takes spaces and full-width digits, and refuses anything that is not 6 digits without throwing', async () => {
    const now = 1234567890 * 1000;
    expect(await matchTotp(RFC_SECRET, ' 005 924 ', now, null)).not.toBeNull();
    expect(await matchTotp(RFC_SECRET, '００５９２４', now, null)).not.toBeNull();
    for (const typed of ['', '5924', '0059245', 'abcdef', '00592x']) expect(await matchTotp(RFC_SECRET, typed, now, null)).toBeNull();
  });

  it('builds the otpauth URL and a QR code an app can scan', async () => {
    const url = otpauthUrl(RFC_SECRET, '0012345');
    expect(url).toMatch(/^otpauth:\/\/totp\/Portico:0012345\?/);
    const params = new URL(url).searchParams;
    expect(params.get('secret')).toBe(RFC_SECRET);
    expect(params.get('issuer')).toBe('Portico');
    const svg = await qrSvg(url);
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script|href=/i);
  });
});

describe('sealed secrets', () => {
  const key = Buffer.from('test-secret-0123456789-abcdefghijklmnop');

  it('opens only with the same key and for the same account', () => {
    const sealed = sealSecret(key, '0012345', RFC_SECRET);
    expect(sealed).not.toContain(RFC_SECRET);
    expect(openSecret(key, '0012345', sealed)).toBe(RFC_SECRET);
    expect(openSecret(key, '0054321', sealed)).toBeNull();
    expect(openSecret(Buffer.from('another-secret-0123456789-abcdefghijk'), '0012345', sealed)).toBeNull();
  });

  it('refuses a tampered or malformed value', () => {
    const sealed = sealSecret(key, '0012345', RFC_SECRET);
    const [version, iv, body, tag] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(openSecret(key, '0012345', [version, iv, flipped.toString('base64url'), tag].join('.'))).toBeNull();
    for (const bad of ['', 'v1', 'v2.a.b.c', 'v1.a.b']) expect(openSecret(key, '0012345', bad)).toBeNull();
  });

  it('uses a new nonce each time', () => {
    expect(sealSecret(key, '0012345', RFC_SECRET)).not.toBe(sealSecret(key, '0012345', RFC_SECRET));
  });
});

describe('recovery codes', () => {
  it('makes 10 different codes from the look-alike-free alphabet', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it('matches a code typed in upper case, without the dash or with spaces', () => {
    const key = Buffer.from('k'.repeat(32));
    const [code] = generateRecoveryCodes() as [string];
    const hash = hashRecoveryCode(key, '0012345', code);
    for (const typed of [code.toUpperCase(), code.replace('-', ''), ` ${code.slice(0, 5)} ${code.slice(6)} `]) {
      expect(hashRecoveryCode(key, '0012345', typed)).toBe(hash);
    }
    expect(hashRecoveryCode(key, '0054321', code)).not.toBe(hash);
    expect(normaliseRecoveryCode('123456')).toBeNull();
    expect(normaliseRecoveryCode('abcde-fghi1')).toBeNull();
  });
});
