import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { PIN_ALPHABET } from '../identity/normalise.js';

/** A CSPRNG value of `bytes` bytes (default 32 = 256 bits), base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Keyed SHA-256 of a token, code or PIN: what the database stores instead of the value. */
export function keyedHash(secret: Buffer, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** NORM-4: 8 characters from the look-alike-free alphabet. */
export function generatePin(): string {
  let pin = '';
  for (let i = 0; i < 8; i++) pin += PIN_ALPHABET[randomInt(PIN_ALPHABET.length)];
  return pin;
}
