import { isIP } from 'node:net';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { AuthenticationResponseJSON, AuthenticatorTransportFuture, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Config } from '../../config/config.js';
import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { MINUTE } from '../../security/clock.js';
import { keyedHash } from '../../security/tokens.js';
import { deleteExpiredPasskeyChallenges, recordPasskeyUse, type PasskeyRow } from '../../storage/repositories/passkeys.js';
import { startFlow, type PasskeyPurpose } from '../../flows/flow-store.js';

// MFA-7: every WebAuthn ceremony goes through @simplewebauthn/server (no CBOR or COSE parsing of
// our own). The relying party is the host of PORTICO_PUBLIC_URL and only its origin is accepted;
// user verification is required (a passkey is both factors), resident keys are preferred (so a
// sign-in needs no identifier), attestation is `none`. Challenges are single-use flows of 5
// minutes, bound to the client that asked for them (RECOV-12).

/** How long a ceremony's challenge lives. */
export const CHALLENGE_MS = 5 * MINUTE;
/** MFA-7: passkeys per account. */
export const PASSKEY_LIMIT = 10;
/** A passkey's name, as the employee gives it. */
export const PASSKEY_NAME_MAX = 60;
/** ES256 and RS256 (and EdDSA, which some authenticators prefer). */
export const ALGORITHMS = [-7, -257, -8];
/** The browser's own limit for a ceremony (the challenge lives a little longer). */
const CEREMONY_TIMEOUT_MS = 4 * MINUTE;

const TRANSPORTS: readonly AuthenticatorTransportFuture[] = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'];

/** The transports a browser reported that WebAuthn knows (the stored list is what the browser sent). */
export function knownTransports(stored: readonly string[]): AuthenticatorTransportFuture[] {
  return TRANSPORTS.filter((transport) => stored.includes(transport));
}

export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

/** The relying party of this portal, or null when PORTICO_PUBLIC_URL's host is an IP address (WebAuthn needs a domain name). */
export function relyingPartyOf(config: Pick<Config, 'publicUrl'>): RelyingParty | null {
  const host = config.publicUrl.hostname.replace(/^\[|\]$/g, '');
  if (host === '' || isIP(host) !== 0) return null;
  return { id: host, origin: config.publicUrl.origin, name: 'Portico' };
}

/** The relying party, or a clear refusal: passkeys are not offered on this portal's address. */
export function requireRelyingParty(deps: AppDeps): RelyingParty {
  const rp = relyingPartyOf(deps.config);
  if (!rp) throw new AppError('FORBIDDEN', 'passkeysUnavailable');
  return rp;
}

/** A new ceremony: its challenge is kept as a flow of 5 minutes, bound to this client; the id is answered once. */
export async function startCeremony(
  deps: AppDeps,
  meta: RequestMeta,
  input: { purpose: PasskeyPurpose; employeeId: string | null; challenge: string; parentHash?: string | null },
): Promise<string> {
  const now = deps.clock.now();
  // Anyone may ask for a sign-in challenge: the dead ones go, so the table stays small.
  await deleteExpiredPasskeyChallenges(deps.storage.db, now);
  return startFlow(deps.storage.db, deps.config.secret, {
    kind: 'passkey',
    employeeId: input.employeeId,
    now,
    lifetimeMs: CHALLENGE_MS,
    client: meta.client,
    state: { purpose: input.purpose, challenge: input.challenge, parentHash: input.parentHash ?? null },
  });
}

/** Options for navigator.credentials.create(): the employee's own passkeys are excluded (no second copy of one). */
export function registrationOptions(
  rp: RelyingParty,
  employee: { employeeId: string; displayName: string; userHandle: string },
  existing: readonly PasskeyRow[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: employee.employeeId,
    userDisplayName: employee.displayName,
    userID: isoBase64URL.toBuffer(employee.userHandle),
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: knownTransports(p.transports) })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    supportedAlgorithmIDs: ALGORITHMS,
  });
}

/** Options for navigator.credentials.get(); with `allow`, only those passkeys (a known account), else any discoverable one. */
export function authenticationOptions(rp: RelyingParty, allow: readonly PasskeyRow[] | null): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: rp.id,
    timeout: CEREMONY_TIMEOUT_MS,
    userVerification: 'required',
    ...(allow ? { allowCredentials: allow.map((p) => ({ id: p.credentialId, transports: knownTransports(p.transports) })) } : {}),
  });
}

/** The user handle WebAuthn keeps for an employee: opaque (a keyed hash), never the Employee ID, the same for each passkey. */
export function userHandleOf(deps: AppDeps, employeeId: string): string {
  return keyedHash(deps.config.secret, `passkey-user:${employeeId}`);
}

export interface RegisteredPasskey {
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  deviceType: string;
  backedUp: boolean;
}

/** Checks an attestation (`none`) against the challenge, the origin and the relying party; null when it does not verify. */
export async function checkRegistration(rp: RelyingParty, response: unknown, challenge: string): Promise<RegisteredPasskey | null> {
  try {
    const result = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      supportedAlgorithmIDs: ALGORITHMS,
    });
    if (!result.verified) return null;
    const { credential, credentialDeviceType, credentialBackedUp } = result.registrationInfo;
    return {
      credentialId: credential.id,
      publicKey: isoBase64URL.fromBuffer(credential.publicKey),
      counter: credential.counter,
      transports: knownTransports(credential.transports ?? []),
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
    };
  } catch {
    // The library throws for every malformed or mismatched response: to the caller it is one refusal.
    return null;
  }
}

/** The credential id an assertion names (the library checks it is base64url; here only its shape and size). */
export function assertionCredentialId(response: unknown): string | null {
  if (typeof response !== 'object' || response === null) return null;
  const id = (response as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 && id.length <= 1400 && /^[A-Za-z0-9_-]+$/.test(id) ? id : null;
}

export type AssertionVerdict = { ok: true } | { ok: false; reason: 'invalid' | 'counter' };

/**
 * Checks an assertion of `passkey` against the challenge, the origin, the relying party and user
 * verification, then the signature counter: one that did not go up (a cloned authenticator) is
 * refused as 'counter'. The counter is compared here, after the library verified the signature, so
 * only a genuinely signed assertion can be reported as a clone; the use is recorded in one
 * conditional statement, so two requests cannot both spend the same counter.
 */
export async function checkAssertion(deps: AppDeps, rp: RelyingParty, response: unknown, challenge: string, passkey: PasskeyRow): Promise<AssertionVerdict> {
  let newCounter: number;
  try {
    const result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      // The stored counter is compared below, once the signature is known to be good.
      credential: { id: passkey.credentialId, publicKey: isoBase64URL.toBuffer(passkey.publicKey), counter: 0, transports: knownTransports(passkey.transports) },
    });
    if (!result.verified || !result.authenticationInfo.userVerified) return { ok: false, reason: 'invalid' };
    newCounter = result.authenticationInfo.newCounter;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const counted = newCounter > 0 || passkey.counter > 0;
  if (counted && newCounter <= passkey.counter) return { ok: false, reason: 'counter' };
  if (!(await recordPasskeyUse(deps.storage.db, passkey.id, passkey.counter, newCounter, deps.clock.now()))) return { ok: false, reason: counted ? 'counter' : 'invalid' };
  return { ok: true };
}
