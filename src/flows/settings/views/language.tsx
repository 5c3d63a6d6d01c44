import { ErrorSummary } from '../../../web/components/error-summary.js';
import { fieldClass, FieldError } from '../../../web/components/field.js';
import { describedBy, errorId, type FormErrors } from '../../../web/components/form-errors.js';
import { PostForm } from '../../../web/components/post-form.js';
import { LANGUAGES, messagesFor, type Language } from '../../../web/i18n.js';
import { BackToProfile, ProfileLayout, type ProfileContext } from './profile-layout.js';

export interface LanguagePageProps {
  ctx: ProfileContext;
  language: Language;
  failed: { values: Record<string, string>; errors: FormErrors } | null;
}

/** /profile/language: pages, e-mails and text messages in one of the three languages (no password needed). */
export function LanguagePage({ ctx, language, failed }: LanguagePageProps) {
  const l = ctx.t.profile.language;
  const errors = failed?.errors ?? null;
  const selected = failed ? (failed.values.language ?? '') : language;
  const error = errors?.fields['language-en'];
  return (
    <ProfileLayout ctx={ctx} page="language" title={l.heading} intro={l.intro} failed={errors !== null}>
      <section class="card card--narrow" aria-label={l.heading}>
        {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
        <PostForm ctx={ctx} action="/profile/language" submit={l.submit}>
          <fieldset class={fieldClass(errors, 'language-en')} aria-describedby={describedBy(error ? errorId('language-en') : null)}>
            <legend>{l.legend}</legend>
            <FieldError errors={errors} id="language-en" />
            {LANGUAGES.map((choice) => (
              <div class="choice" key={choice}>
                <input type="radio" id={`language-${choice}`} name="language" value={choice} checked={choice === selected} aria-invalid={error ? 'true' : undefined} />{' '}
                <label for={`language-${choice}`} lang={choice}>
                  {messagesFor(choice).languageName}
                </label>
              </div>
            ))}
          </fieldset>
        </PostForm>
        <BackToProfile ctx={ctx} />
      </section>
    </ProfileLayout>
  );
}
