import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// MFA-3: an authenticator secret must be readable by the server (it computes the codes), so it is
// encrypted rather than hashed: AES-256-GCM under a key derived from PORTICO_SECRET with HKDF, and
// bound to its account (the employee ID is the associated data), so a sealed secret copied onto
// another account's row does not open. A stolen database alone reveals no secret.

const VERSION = 'v1';
const keys = new WeakMap<Buffer, Buffer>();

function keyFor(secret: Buffer): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'portico', 'totp-secret-v1', 32));
    keys.set(secret, key);
  }
  return key;
}

export function sealSecret(secret: Buffer, employeeId: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv);
  cipher.setAAD(Buffer.from(employeeId));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The plain secret, or null when the value was not sealed by this key for this account. */
export function openSecret(secret: Buffer, employeeId: string, sealed: string): string | null {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== VERSION || !iv || body === undefined || !tag) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(employeeId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
