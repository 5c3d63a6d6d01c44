import { PasskeyScript } from '../../../web/components/passkey-script.js';
import type { PageContext } from '../../../web/page-context.js';
import { RecoveryLayout } from './recovery-layout.js';

/**
 * RECOV-6 / MFA-7: a passkey as the second proof of a reset. The ceremony is the script's
 * (/assets/passkeys.js); without WebAuthn the page says so and the way back lists the other proofs.
 */
export function PasskeyRecoveryPage({ ctx, flowId, origin }: { ctx: PageContext; flowId: string; origin: string | null }) {
  const p = ctx.t.passkeys;
  return (
    <RecoveryLayout ctx={ctx} title={p.recoveryUse} intro={p.recoveryHint} errors={null} backHref={`/recovery/${flowId}`}>
      <p data-passkey-fallback>{origin === null ? ctx.t.errors.passkeysUnavailable : p.needsScriptUse}</p>
      <div class="passkey-signin" data-passkey="recovery" data-origin={origin} data-flow={flowId} data-failed={ctx.t.errors.passkeyRefused} hidden>
        <button type="button" class="button button--primary button--block" data-passkey-start>
          {p.recoveryUse}
        </button>
        <p class="notice notice--error" data-passkey-error role="alert" hidden></p>
        <PasskeyScript />
      </div>
    </RecoveryLayout>
  );
}
