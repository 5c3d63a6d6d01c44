import type { AppDeps } from '../core/deps.js';
import { interactionReturnPath } from '../app/return-path.js';
import { INTERACTION_PATH, originOf } from './paths.js';
import { idpFor } from './idp.js';

type Log = Parameters<typeof idpFor>[1];

/**
 * The origin of the application a return path to an interaction (IDP-3) ends in: the redirect URI
 * the provider already checked against the client's registered ones. Null for any other path, an
 * unknown or expired interaction, or a provider that is not ready.
 */
export async function applicationOriginOf(deps: AppDeps, log: Log, returnPath: string | null): Promise<string | null> {
  const path = interactionReturnPath(returnPath);
  if (!path) return null;
  try {
    const interaction = await (await idpFor(deps, log).provider()).Interaction.find(path.slice(INTERACTION_PATH.length + 1));
    return originOf(interaction?.params.redirect_uri);
  } catch {
    return null;
  }
}
