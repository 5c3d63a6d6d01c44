import { normalisePassword } from '../../identity/normalise.js';
import { updatePasswordHash } from '../../storage/repositories/accounts.js';
import type { CredentialMethod } from '../../flows/login/flow.js';

// LOGIN-1: the password of a registered account, checked against its Argon2id hash; a hash made
// with older parameters is replaced on the way in.

export const passwordLogin = {
  name: 'password',
  check: async (deps, candidate, typed, now) => {
    const password = normalisePassword(typed);
    if (candidate.passwordHash === null || !(await deps.hasher.verify(candidate.passwordHash, password))) return 'wrong';
    if (deps.hasher.needsRehash(candidate.passwordHash)) {
      await updatePasswordHash(deps.storage.db, candidate.employeeId, await deps.hasher.hash(password), now);
    }
    return 'password';
  },
} as const satisfies CredentialMethod;
