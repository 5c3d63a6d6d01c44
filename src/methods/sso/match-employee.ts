import type { SsoConfig } from '../../config/config.js';
import { normaliseEmail, normaliseEmployeeId } from '../../identity/normalise.js';
import { findCandidateByEmailKey, findCandidateByEmployeeId } from '../../storage/repositories/accounts.js';
import { holdsConsoleRole } from '../../storage/repositories/roles.js';
import { findSsoLink, findUnregisteredByRosterEmail } from '../../storage/repositories/sso.js';
import type { Db } from '../../storage/database.js';
import type { IdTokenClaims } from './oidc-client.js';

export type SsoMatch = { employeeId: string; by: 'link' | 'claim' | 'email' } | null;

/**
 * LOGIN-10: which employee a verified ID token is. In order:
 * 1. a stored link of (issuer, subject): the first match stays, even if the claims change later;
 * 2. the configured claim (default `employee_id`), normalised as NORM-1; when present it decides alone;
 * 3. only when that claim is absent, `email` with `email_verified: true` (absent counts as false), NORM-2:
 *    the account's e-mail, or the roster e-mail of exactly one employee who never registered — and
 *    never an account holding a console role: an e-mail someone could set at the provider must not
 *    open the help desk or the admin console (those link by the claim or by their owner).
 */
export async function matchEmployee(db: Db, sso: Pick<SsoConfig, 'claim'>, claims: IdTokenClaims): Promise<SsoMatch> {
  const linked = await findSsoLink(db, claims.iss, claims.sub);
  if (linked) return { employeeId: linked, by: 'link' };

  const claimed = sso.claim === 'email' ? undefined : claims[sso.claim];
  if (claimed !== undefined && claimed !== null) {
    const employeeId = typeof claimed === 'string' || typeof claimed === 'number' ? normaliseEmployeeId(String(claimed)) : null;
    if (!employeeId) return null;
    return (await findCandidateByEmployeeId(db, employeeId)) ? { employeeId, by: 'claim' } : null;
  }

  if (typeof claims.email !== 'string' || claims.email_verified !== true) return null;
  const email = normaliseEmail(claims.email);
  if (!email) return null;
  const account = await findCandidateByEmailKey(db, email.key);
  const roster = account ? [] : await findUnregisteredByRosterEmail(db, email.key);
  const employeeId = account?.employeeId ?? (roster.length === 1 ? roster[0] : undefined);
  if (employeeId === undefined || (await holdsConsoleRole(db, employeeId))) return null;
  return { employeeId, by: 'email' };
}
