import type { PageContext } from '../../../web/page-context.js';
import { FieldError, describe, invalid } from '../../registration/views/wizard-layout.js';
import type { RecoveryMethodName } from '../flow.js';
import { HELP_FORM_HREF, RecoveryForm, RecoveryLayout, type RecoveryErrors } from './recovery-layout.js';

/**
 * RECOV-1: the same methods for everyone, and no contact data, masked or not. RECOV-10: people
 * with neither e-mail nor phone who cannot answer are told to use the Technical Help Form — the
 * same text for everyone, since the page knows nothing it may show yet.
 */
export function MethodsPage({ ctx, flowId, methods, errors }: { ctx: PageContext; flowId: string; methods: RecoveryMethodName[]; errors: RecoveryErrors | null }) {
  const r = ctx.t.recovery.methods;
  return (
    <RecoveryLayout ctx={ctx} title={r.title} intro={r.intro} errors={errors}>
      <RecoveryForm ctx={ctx} action={`/recovery/${flowId}`} submit={r.submit}>
        <fieldset class="field" aria-describedby={describe(errors, 'method')}>
          <legend>{r.legend}</legend>
          <FieldError errors={errors} name="method" />
          {methods.map((method, index) => (
            <div class="choice" key={method}>
              <input
                type="radio"
                id={index === 0 ? 'method' : `method-${method}`}
                name="method"
                value={method}
                aria-invalid={invalid(errors, 'method')}
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
      </RecoveryForm>
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
    </RecoveryLayout>
  );
}
