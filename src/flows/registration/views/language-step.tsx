import { LANGUAGES, messagesFor, type Language } from '../../../web/i18n.js';
import { fieldClass, FieldError } from '../../../web/components/field.js';
import { ariaInvalid, describeControl } from '../../../web/components/form-errors.js';
import { StepForm, WizardLayout, type WizardFrame } from './wizard-layout.js';

/** REG-1: one radio per language, each named in its own language. */
export function LanguageStep({ frame, givenName, selected }: { frame: WizardFrame; givenName: string; selected: string }) {
  const { t } = frame.ctx;
  const w = t.wizard.language;
  const { errors } = frame;
  // The summary links to the radio of the page's language (pages.tsx names it so).
  const controlId = `language-${frame.ctx.language}`;
  return (
    <WizardLayout frame={frame} title={w.title} intro={w.intro(givenName)}>
      <StepForm frame={frame}>
        <fieldset class={fieldClass(errors, controlId)} aria-describedby={describeControl(errors, controlId, 'language-hint')}>
          <legend>{w.legend}</legend>
          <p class="hint" id="language-hint">
            {w.hint}
          </p>
          <FieldError errors={errors} id={controlId} />
          {LANGUAGES.map((language: Language) => (
            <div class="choice" key={language}>
              <input
                type="radio"
                id={`language-${language}`}
                name="language"
                value={language}
                checked={language === selected}
                aria-invalid={ariaInvalid(errors, controlId)}
              />{' '}
              <label for={`language-${language}`} lang={language}>
                {messagesFor(language).languageName}
              </label>
            </div>
          ))}
        </fieldset>
      </StepForm>
    </WizardLayout>
  );
}
