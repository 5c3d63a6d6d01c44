import { LANGUAGES, messagesFor, type Language } from '../../../web/i18n.js';
import { FieldError, StepForm, WizardLayout, describe, invalid, type WizardFrame } from './wizard-layout.js';

/** REG-1: one radio per language, each named in its own language. */
export function LanguageStep({ frame, givenName, selected }: { frame: WizardFrame; givenName: string; selected: string }) {
  const { t } = frame.ctx;
  const w = t.wizard.language;
  const { errors } = frame;
  return (
    <WizardLayout frame={frame} title={w.title} intro={w.intro(givenName)}>
      <StepForm frame={frame}>
        <fieldset class="field" aria-describedby={describe(errors, 'language', 'language-hint')}>
          <legend>{w.legend}</legend>
          <p class="hint" id="language-hint">
            {w.hint}
          </p>
          <FieldError errors={errors} name="language" />
          {LANGUAGES.map((language: Language) => (
            <div class="choice" key={language}>
              <input
                type="radio"
                id={`language-${language}`}
                name="language"
                value={language}
                checked={language === selected}
                aria-invalid={invalid(errors, 'language')}
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
