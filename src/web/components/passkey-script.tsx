import { assetUrl } from '../static-assets.js';

/**
 * MFA-7: the one small script of the passkey pages (`script-src 'self'`, no inline script). It
 * shows the passkey controls only where the browser has WebAuthn, runs the ceremony and posts the
 * result to the JSON API; without it every other path works as before.
 */
export function PasskeyScript() {
  return <script src={assetUrl('passkeys.js')} defer></script>;
}

