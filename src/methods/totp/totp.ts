import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

// MFA-3: RFC 6238 with the parameters every authenticator app uses (SHA-1, 30-second steps,
// 6 digits). The time always comes from the caller's Clock (DESIGN rule 8), never from otplib's
// own Date.now().

export const TOTP_PERIOD_SECONDS = 30;
/** RFC 6238 §5.2: one step either side for clock drift, and no more. */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;
const ISSUER = 'Portico';

/** A new 160-bit secret in Base32, as authenticator apps expect it. */
export function createTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The RFC 6238 time step of a moment. */
export function timeStepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code an authenticator shows at `nowMs` (tests and the demo use it; the server only verifies). */
export function totpCodeAt(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000), period: TOTP_PERIOD_SECONDS, digits: 6, algorithm: 'sha1' });
}

/**
 * The time step a typed code belongs to (the current one, or one either side), or null. Steps up
 * to `afterStep` are refused: a code that was accepted once can never be replayed.
 */
export async function matchTotp(secret: string, typed: string, nowMs: number, afterStep: number | null): Promise<number | null> {
  const token = normaliseDigits(typed);
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    period: TOTP_PERIOD_SECONDS,
    digits: 6,
    algorithm: 'sha1',
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  });
  // The functional API types HOTP and TOTP results together; a TOTP match carries its time step.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Codes are typed with spaces or in full-width digits at times. */
export function normaliseDigits(typed: string): string {
  return typed.normalize('NFKC').replace(/[\s-]/g, '');
}

/** The `otpauth://` URL an authenticator app scans; the label names the account, not the person. */
export function otpauthUrl(secret: string, employeeId: string): string {
  return generateURI({ issuer: ISSUER, label: employeeId, secret, algorithm: 'sha1', digits: 6, period: TOTP_PERIOD_SECONDS });
}

/** The QR code of the URL as an SVG document (no script, no external reference). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
}

/** The same SVG as a `data:` URL for an <img> (the CSP allows `img-src data:`). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
