import { Field } from '../../../web/components/field.js';
import { PostForm } from '../../../web/components/post-form.js';
import type { PageContext } from '../../../web/page-context.js';
import { RecoveryLayout, type RecoveryErrors } from './recovery-layout.js';

/** GET /recovery: "Employee ID or e-mail" and "Continue" (SPEC §14.1). */
export function StartPage({ ctx, identifier, errors, expired }: { ctx: PageContext; identifier: string; errors: RecoveryErrors | null; expired: boolean }) {
  const r = ctx.t.recovery.start;
  return (
    <RecoveryLayout ctx={ctx} title={r.title} intro={r.intro} errors={errors}>
      {expired ? (
        <p class="notice notice--error" role="status">
          {r.expired}
        </p>
      ) : null}
      <PostForm ctx={ctx} action="/recovery" submit={r.submit}>
        <Field
          errors={errors}
          id="identifier"
          name="identifier"
          label={r.identifier}
          value={identifier}
          autocomplete="username"
          required
          maxLength={254}
        />
      </PostForm>
      <ul class="link-list">
        <li>
          <a href="/login">{r.backToLogin}</a>
        </li>
      </ul>
    </RecoveryLayout>
  );
}
