import type { PageContext } from '../../../web/page-context.js';
import { TextField } from '../../registration/views/wizard-layout.js';
import { RecoveryForm, RecoveryLayout, type RecoveryErrors } from './recovery-layout.js';

/** RECOV-6: a code from the authenticator app, or one of its recovery codes, as a second proof. */
export function AuthenticatorPage({ ctx, flowId, errors }: { ctx: PageContext; flowId: string; errors: RecoveryErrors | null }) {
  const r = ctx.t.recovery.code;
  return (
    <RecoveryLayout ctx={ctx} title={r.totpTitle} intro={ctx.t.mfa.recovery.totp} errors={errors} backHref={`/recovery/${flowId}`}>
      <RecoveryForm ctx={ctx} action={`/recovery/${flowId}/totp`} submit={r.submit}>
        <TextField errors={errors} name="code" label={r.label} autocomplete="one-time-code" inputMode="text" required maxLength={40} />
      </RecoveryForm>
    </RecoveryLayout>
  );
}
