import type Provider from 'oidc-provider';
import type { AppDeps } from '../core/deps.js';
import { cookieName } from '../app/cookies.js';
import { MINUTE, HOUR } from '../security/clock.js';
import { findSignedIn } from '../session/find-signed-in.js';
import { checkEligibility } from '../identity/eligibility.js';
import { oidcKeySetVersion } from '../storage/repositories/oidc-keys.js';
import { createProvider, type PorticoSessionOf } from './provider.js';
import { ensureSigningKey, loadSigningKeys } from './keys.js';

// IDP-7: one provider per key set. The library takes its keys when it is built, so each instance
// looks at the key set's fingerprint (one small query) at most every KEY_CHECK_MS, and at every
// JWKS request, and builds a new provider when another instance (or `portico keys rotate`)
// changed it: a relying party that meets a new kid and fetches the JWKS again gets it from any
// instance at once, and an instance signs with a retired key (still published) for KEY_CHECK_MS at
// most. Everything else the provider keeps is in the database, so a rebuilt provider loses nothing.

const KEY_CHECK_MS = 30_000;

export interface Idp {
  /** The provider of the current key set; `recheck` looks at the key set now (the JWKS endpoint). */
  provider(options?: { recheck?: boolean }): Promise<Provider>;
  /** Look at the key set on the next request (tests, after a rotation). */
  recheckKeys(): void;
}

const byDeps = new WeakMap<AppDeps, Idp>();

/** The one provider holder of an app's dependencies (the route table and tests reach the same one). */
export function idpFor(deps: AppDeps, log: { error(details: object, message: string): void; warn(details: object, message: string): void }): Idp {
  let idp = byDeps.get(deps);
  if (!idp) byDeps.set(deps, (idp = createIdp(deps, log)));
  return idp;
}

function createIdp(deps: AppDeps, log: { error(details: object, message: string): void; warn(details: object, message: string): void }): Idp {
  let current: { provider: Provider; version: string } | null = null;
  let checkedAt = 0;
  let pending: Promise<Provider> | null = null;

  const porticoSessionOf: PorticoSessionOf = async (ctx) => {
    const id = ctx.cookies.get(cookieName(deps.config, 'portico_session'), { signed: false });
    if (!id) return null;
    const now = deps.clock.now();
    const found = await findSignedIn(deps.storage, deps.config.secret, id, now, {
      idleMs: deps.config.sessionIdleMinutes * MINUTE,
      absoluteMs: deps.config.sessionMaxHours * HOUR,
    });
    if (!found) return null;
    const { profile, session } = found;
    const eligible = checkEligibility({ status: profile.status, country: profile.country, separation_date: profile.separationDate }, new Date(now), deps.config).eligible;
    if (profile.disabledAt !== null || !eligible) return null;
    return { employeeId: session.employeeId, secondFactor: session.secondFactorAt !== null, passkey: session.passkeyAt !== null };
  };

  const build = async (): Promise<Provider> => {
    if (current && current.version === (await oidcKeySetVersion(deps.storage.db))) return current.provider;
    const keyDeps = { db: deps.storage.db, secret: deps.config.secret, now: deps.clock.now() };
    await ensureSigningKey(keyDeps);
    const version = await oidcKeySetVersion(deps.storage.db);
    if (current && current.version === version) return current.provider;
    const { keys, unreadable } = await loadSigningKeys(keyDeps);
    if (unreadable.length > 0) log.warn({ kids: unreadable }, 'signing keys sealed with another PORTICO_SECRET are not published');
    if (keys.length === 0) throw new Error('no signing key this PORTICO_SECRET can open: run `portico keys rotate`');
    current = { provider: await createProvider(deps, keys, porticoSessionOf, log), version };
    return current.provider;
  };

  return {
    async provider(options = {}) {
      const now = Date.now();
      if (current && !options.recheck && now - checkedAt < KEY_CHECK_MS) return current.provider;
      pending ??= build().finally(() => {
        pending = null;
      });
      const provider = await pending;
      checkedAt = now;
      return provider;
    },
    recheckKeys() {
      checkedAt = 0;
    },
  };
}
