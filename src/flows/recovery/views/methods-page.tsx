import { fieldClass, FieldError } from '../../../web/components/field.js';
import { ariaInvalid, describeControl } from '../../../web/components/form-errors.js';
import { PostForm } from '../../../web/components/post-form.js';
import type { PageContext } from '../../../web/page-context.js';
import type { RecoveryMethodName } from '../flow.js';
import { HELP_FORM_HREF, RecoveryLayout, type RecoveryErrors } from './recovery-layout.js';

interface MethodsPageProps {
  ctx: PageContext;
  flowId: string;
  methods: RecoveryMethodName[];
  errors: RecoveryErrors | null;
  /** RECOV-6: after a first proof, the ways still open for a second, different one. */
  more?: boolean;
}

/**
 * RECOV-1: the same methods for everyone, and no contact data, masked or not. RECOV-10: people
 * with neither e-mail nor phone who cannot answer are told to use the Technical Help Form — the
 * same text for everyone, since the page knows nothing it may show yet. After a first proof on an
 * account with MFA (RECOV-6) the page lists the other ways this account has.
 */
export function MethodsPage({ ctx, flowId, methods: listed, errors, more = false }: MethodsPageProps) {
  const r = ctx.t.recovery.methods;
  // The authenticator's page takes its codes and its recovery codes: one choice for both.
  const methods = listed.includes('totp') ? listed.filter((m) => m !== 'recovery_code') : listed;
  if (more && methods.length === 0) {
    return (
      <RecoveryLayout ctx={ctx} title={r.moreTitle} intro={r.noMore} errors={errors}>
        <p>
          <a href={HELP_FORM_HREF}>{r.helpForm}</a>
        </p>
      </RecoveryLayout>
    );
  }
  return (
    <RecoveryLayout ctx={ctx} title={more ? r.moreTitle : r.title} intro={more ? r.moreIntro : r.intro} errors={errors}>
      <PostForm ctx={ctx} action={`/recovery/${flowId}`} submit={r.submit}>
        <fieldset class={fieldClass(errors, 'method')} aria-describedby={describeControl(errors, 'method')}>
          <legend>{more ? r.moreLegend : r.legend}</legend>
          <FieldError errors={errors} id="method" />
          {methods.map((method, index) => (
            <div class="choice" key={method}>
              <input
                type="radio"
                id={index === 0 ? 'method' : `method-${method}`}
                name="method"
                value={method}
                aria-invalid={ariaInvalid(errors, 'method')}
                aria-describedby={`method-${method}-hint`}
              />{' '}
              <div>
                <label for={index === 0 ? 'method' : `method-${method}`}>{r.options[method]}</label>
                <p class="hint" id={`method-${method}-hint`}>
                  {r.hints[method]}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
      </PostForm>
      {more ? null : (
        <>
          <section class="resend" aria-labelledby="no-contact-heading">
            <h2 id="no-contact-heading">{r.noContactHeading}</h2>
            <p>{r.noContact}</p>
            <p>
              <a href={HELP_FORM_HREF}>{r.helpForm}</a>
            </p>
          </section>
          <ul class="link-list">
            <li>
              <a href="/recovery">{r.startAgain}</a>
            </li>
          </ul>
        </>
      )}
    </RecoveryLayout>
  );
}
