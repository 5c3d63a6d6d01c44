import { PostForm } from '../../../web/components/post-form.js';
import type { PageContext } from '../../../web/page-context.js';
import { RecoveryLayout } from './recovery-layout.js';

/**
 * RECOV-2: opening the e-mailed link shows a button; only the POST it sends spends the token, so
 * a mail scanner that prefetches the link spends nothing.
 */
export function LinkPage({ ctx, token }: { ctx: PageContext; token: string }) {
  const r = ctx.t.recovery.linkPage;
  return (
    <RecoveryLayout ctx={ctx} title={r.title} intro={r.intro}>
      <PostForm ctx={ctx} action="/recovery/link" submit={r.submit}>
        <input type="hidden" name="token" value={token} />
      </PostForm>
    </RecoveryLayout>
  );
}

export function LinkInvalidPage({ ctx }: { ctx: PageContext }) {
  const r = ctx.t.recovery.linkPage;
  return (
    <RecoveryLayout ctx={ctx} title={r.invalidTitle}>
      <p class="notice notice--error" role="alert">
        {ctx.t.errors.resetLinkInvalid}
      </p>
      <p>{r.invalid}</p>
      <p>
        <a class="button button--primary" href="/recovery">
          {r.newLink}
        </a>
      </p>
    </RecoveryLayout>
  );
}
