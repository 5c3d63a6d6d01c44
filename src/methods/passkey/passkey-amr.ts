// Issue 16 (IDP-3): the RFC 8176 method reference of a passkey, for the identity provider's `amr`.
// A passkey the authenticator said may be backed up (`multiDevice`, WebAuthn's backup-eligible
// flag) or is backed up is synced: its private key can leave the device (a cloud keychain copies
// it), so it is a software-secured key, `swk`. A single-device passkey never leaves the
// authenticator that made it (a security key, a platform TPM or secure enclave): a
// hardware-secured key, `hwk`. What the authenticator said at registration is what is stored.

export type PasskeyAmr = 'hwk' | 'swk';

export function passkeyAmr(passkey: { deviceType: string; backedUp: boolean }): PasskeyAmr {
  return passkey.deviceType === 'multiDevice' || passkey.backedUp ? 'swk' : 'hwk';
}
