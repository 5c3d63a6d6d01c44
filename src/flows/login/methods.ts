import { passwordLogin } from '../../methods/password/login.js';
import { pinLogin } from '../../methods/pin/login.js';
import { ssoLogin } from '../../methods/sso/login.js';
import { passkeyLogin } from '../../methods/passkey/login.js';
import type { CredentialMethod, PasskeySignIn, SsoSignIn } from './flow.js';

// The sign-in's methods (DESIGN §2): adding one adds a folder under methods/ and a line here.
// The second factors have their list in second-factors.ts, which the code step (mfa.ts) reads.

export const LOGIN_CREDENTIALS = {
  password: passwordLogin,
  pin: pinLogin,
} as const satisfies Record<CredentialMethod['name'], CredentialMethod>;

/** LOGIN-10: company SSO, a sign-in of its own behind its own routes. */
export const SSO_SIGN_IN = ssoLogin satisfies SsoSignIn;

/** MFA-7: passkeys, a sign-in of their own (both factors) and the code step's other second factor. */
export const PASSKEY_SIGN_IN = passkeyLogin satisfies PasskeySignIn;
