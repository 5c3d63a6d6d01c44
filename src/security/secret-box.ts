import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Values the server must read back (an authenticator secret, a queued message's code or link) are
// encrypted rather than hashed: AES-256-GCM under a key derived from PORTICO_SECRET with HKDF, one
// key per purpose, and bound to what they belong to (the associated data), so a sealed value copied
// onto another row does not open. A stolen database alone reveals none of them.

const VERSION = 'v1';
const keys = new Map<string, WeakMap<Buffer, Buffer>>();

export type SealPurpose = 'totp-secret-v1' | 'message-data-v1' | 'sso-flow-v1' | 'oidc-key-v1' | 'demo-client-v1';

function keyFor(secret: Buffer, purpose: SealPurpose): Buffer {
  let byPurpose = keys.get(purpose);
  if (!byPurpose) keys.set(purpose, (byPurpose = new WeakMap()));
  let key = byPurpose.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'portico', purpose, 32));
    byPurpose.set(secret, key);
  }
  return key;
}

export function seal(secret: Buffer, purpose: SealPurpose, boundTo: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
  cipher.setAAD(Buffer.from(boundTo));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The plain value, or null when it was not sealed by this key, for this purpose and owner. */
export function unseal(secret: Buffer, purpose: SealPurpose, boundTo: string, sealed: string): string | null {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== VERSION || !iv || body === undefined || !tag) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, purpose), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
