import type { KoaContextWithOIDC } from 'oidc-provider';
import type { AppDeps } from '../core/deps.js';
import { cookieName } from '../app/cookies.js';
import { keyedHash } from '../security/tokens.js';
import { findSessionProviderLink, linkSessionToProviderSession } from '../storage/repositories/sessions.js';

// IDP-6, SESS-4: which provider session belongs to the browser of a Portico session, so that
// ending that Portico session from another browser (Edit My Profile) signs this one out of its
// applications too (browser-grants.ts). Recorded after a provider request that used a provider
// session signed in for the same employee as the Portico session the request carries — never
// across employees. The provider session is named by its `uid`: its id (what its cookie and the
// adapter's key hold) changes at every sign-in, its uid does not. One read per such request; a
// write only when the link changes.

export async function linkProviderSession(deps: Pick<AppDeps, 'storage' | 'config'>, ctx: KoaContextWithOIDC): Promise<void> {
  const session = ctx.oidc?.session;
  // A session the request ended (a logout; the library marks it `destroyed`) has nothing left to link.
  if (!session || Reflect.get(session, 'destroyed') === true || !session.accountId || !session.uid) return;
  const id = ctx.cookies.get(cookieName(deps.config, 'portico_session'), { signed: false });
  if (!id || id.length > 100) return;
  const idHash = keyedHash(deps.config.secret, id);
  const link = await findSessionProviderLink(deps.storage.db, idHash);
  if (!link || link.sub !== session.accountId || link.providerSessionUid === session.uid) return;
  await linkSessionToProviderSession(deps.storage.db, idHash, session.uid);
}
