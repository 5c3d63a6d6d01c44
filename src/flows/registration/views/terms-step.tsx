import { fieldClass, FieldError } from '../../../web/components/field.js';
import { ariaInvalid, describeControl } from '../../../web/components/form-errors.js';
import { StepForm, WizardLayout, type WizardFrame } from './wizard-layout.js';

export interface TermsText {
  version: number;
  title: string;
  text: string;
}

/** REG-2: the current version's text, an "I agree" checkbox, and the version it agrees to. */
export function TermsStep({ frame, terms, accepted, termsOnly }: { frame: WizardFrame; terms: TermsText | null; accepted: boolean; termsOnly: boolean }) {
  const { t } = frame.ctx;
  const w = t.wizard.terms;
  const { errors } = frame;
  const paragraphs = (terms?.text ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return (
    <WizardLayout frame={frame} title={w.title} intro={termsOnly ? w.updatedIntro : w.intro}>
      {terms ? (
        <section class="terms" aria-labelledby="terms-title" tabIndex={0}>
          <h2 id="terms-title">{terms.title}</h2>
          {paragraphs.map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </section>
      ) : null}
      <StepForm frame={frame}>
        <input type="hidden" name="version" value={String(terms?.version ?? 0)} />
        <div class={fieldClass(errors, 'accept')}>
          <FieldError errors={errors} id="accept" />
          <div class="choice">
            <input
              type="checkbox"
              id="accept"
              name="accept"
              value="yes"
              checked={accepted}
              required
              aria-invalid={ariaInvalid(errors, 'accept')}
              aria-describedby={describeControl(errors, 'accept')}
            />{' '}
            <label for="accept">{w.agree}</label>
          </div>
        </div>
      </StepForm>
    </WizardLayout>
  );
}
