import type { Kysely } from 'kysely';
import type { SsoConfig } from '../../config/config.js';
import { normaliseEmail, normaliseEmployeeId } from '../../identity/normalise.js';
import { findCandidateByEmailKey, findCandidateByEmployeeId } from '../../storage/repositories/accounts.js';
import { findSsoLink, findUnregisteredByRosterEmail } from '../../storage/repositories/sso.js';
import type { Database } from '../../storage/schema.js';
import type { IdTokenClaims } from './oidc-client.js';

export type SsoMatch = { employeeId: string; by: 'link' | 'claim' | 'email' } | null;

/**
 * LOGIN-10: which employee a verified ID token is. In order:
 * 1. a stored link of (issuer, subject): the first match stays, even if the claims change later;
 * 2. the configured claim (default `employee_id`), normalised as NORM-1; when present it decides alone;
 * 3. only when that claim is absent, `email` (unless `email_verified` is false), NORM-2: the
 *    account's e-mail, or the roster e-mail of exactly one employee who never registered.
 */
export async function matchEmployee(db: Kysely<Database>, sso: Pick<SsoConfig, 'claim'>, claims: IdTokenClaims): Promise<SsoMatch> {
  const linked = await findSsoLink(db, claims.iss, claims.sub);
  if (linked) return { employeeId: linked, by: 'link' };

  const claimed = sso.claim === 'email' ? undefined : claims[sso.claim];
  if (claimed !== undefined && claimed !== null) {
    const employeeId = typeof claimed === 'string' || typeof claimed === 'number' ? normaliseEmployeeId(String(claimed)) : null;
    if (!employeeId) return null;
    return (await findCandidateByEmployeeId(db, employeeId)) ? { employeeId, by: 'claim' } : null;
  }

  if (typeof claims.email !== 'string' || claims.email_verified === false) return null;
  const email = normaliseEmail(claims.email);
  if (!email) return null;
  const account = await findCandidateByEmailKey(db, email.key);
  if (account) return { employeeId: account.employeeId, by: 'email' };
  const roster = await findUnregisteredByRosterEmail(db, email.key);
  return roster.length === 1 && roster[0] ? { employeeId: roster[0], by: 'email' } : null;
}
