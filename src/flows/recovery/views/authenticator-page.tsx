import { CodeField } from '../../../web/components/code-field.js';
import { PostForm } from '../../../web/components/post-form.js';
import type { PageContext } from '../../../web/page-context.js';
import { RecoveryLayout, type RecoveryErrors } from './recovery-layout.js';

/** RECOV-6: a code from the authenticator app, or one of its recovery codes, as a second proof. */
export function AuthenticatorPage({ ctx, flowId, errors }: { ctx: PageContext; flowId: string; errors: RecoveryErrors | null }) {
  const r = ctx.t.recovery.code;
  return (
    <RecoveryLayout ctx={ctx} title={r.totpTitle} intro={ctx.t.mfa.recovery.totp} errors={errors} backHref={`/recovery/${flowId}`}>
      <PostForm ctx={ctx} action={`/recovery/${flowId}/totp`} submit={r.submit}>
        <CodeField ctx={ctx} errors={errors} label={r.label} letters required />
      </PostForm>
    </RecoveryLayout>
  );
}
