import type { Account, KoaContextWithOIDC } from 'oidc-provider';
import type { OperatorDeps } from '../core/deps.js';
import { checkEligibility } from '../identity/eligibility.js';
import { randomToken } from '../security/tokens.js';
import { employeeOfSubject, findClaimFacts, subjectOf } from '../storage/repositories/oidc-subjects.js';

// IDP-4: the employee behind a `sub`, and their claims. The provider's account id IS the `sub`: a
// random id stored once per employee (never the Employee ID), the same for every client.
// Eligibility (ELIG) and a disabled account are checked every time the provider looks the account
// up: at every authorization, code exchange, refresh and userinfo call. An employee who may no
// longer sign in has no account here, so the provider issues nothing (a refresh answers
// invalid_grant) and `onRefused` records why.

export const SCOPE_CLAIMS = {
  // acr and amr go with openid: every ID token says how the sign-in was made (IDP-1, IDP-3).
  openid: ['sub', 'acr', 'amr'],
  profile: ['given_name', 'family_name', 'name', 'locale'],
  email: ['email', 'email_verified'],
  employee: ['employee_id', 'country', 'status'],
} as const;

export interface PorticoAccount extends Account {
  employeeId: string;
}

export function subjectFor(deps: Pick<OperatorDeps, 'storage' | 'clock'>, employeeId: string): Promise<string> {
  return subjectOf(deps.storage.db, employeeId, randomToken(18), deps.clock.now());
}

export type AccountRefusal = 'not_eligible' | 'disabled' | 'unknown_subject';

export function createFindAccount(
  deps: Pick<OperatorDeps, 'storage' | 'clock' | 'config'>,
  onRefused: (ctx: KoaContextWithOIDC, employeeId: string | null, reason: AccountRefusal) => Promise<void>,
) {
  return async function findAccount(ctx: KoaContextWithOIDC, sub: string): Promise<PorticoAccount | undefined> {
    const employeeId = await employeeOfSubject(deps.storage.db, sub);
    const facts = employeeId ? await findClaimFacts(deps.storage.db, employeeId) : undefined;
    if (!employeeId || !facts) {
      await onRefused(ctx, null, 'unknown_subject');
      return undefined;
    }
    if (facts.disabledAt !== null) {
      await onRefused(ctx, employeeId, 'disabled');
      return undefined;
    }
    const eligible = checkEligibility({ status: facts.status, country: facts.country, separation_date: facts.separationDate }, new Date(deps.clock.now()), deps.config).eligible;
    if (!eligible) {
      await onRefused(ctx, employeeId, 'not_eligible');
      return undefined;
    }
    return {
      accountId: sub,
      employeeId,
      claims: () => ({
        sub,
        given_name: facts.givenName,
        family_name: facts.familyName,
        name: `${facts.givenName} ${facts.familyName}`,
        locale: facts.language,
        ...(facts.email ? { email: facts.email, email_verified: facts.emailVerifiedAt !== null } : {}),
        employee_id: employeeId,
        country: facts.country,
        status: facts.status,
      }),
    };
  };
}
