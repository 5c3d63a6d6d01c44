import { seal, unseal } from '../../security/secret-box.js';

// MFA-3: an authenticator secret must be readable by the server (it computes the codes), so it is
// sealed, bound to its account (the employee ID), rather than hashed.

export function sealSecret(secret: Buffer, employeeId: string, plain: string): string {
  return seal(secret, 'totp-secret-v1', employeeId, plain);
}

/** The plain secret, or null when the value was not sealed by this key for this account. */
export function openSecret(secret: Buffer, employeeId: string, sealed: string): string | null {
  return unseal(secret, 'totp-secret-v1', employeeId, sealed);
}
