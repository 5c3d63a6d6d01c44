import { LANGUAGES, messagesFor, type Language } from '../../../web/i18n.js';
import type { PageContext } from '../../../web/page-context.js';
import { displayMobile } from './format.js';
import type { MfaOverview } from '../mfa.js';
import { MfaSection } from './mfa.js';
import { ProfileLayout } from './profile-layout.js';
import { ErrorSummary } from '../../../web/components/error-summary.js';
import { Field, FieldError } from '../../../web/components/field.js';
import { PostForm } from '../../../web/components/post-form.js';
import { describedBy, errorId, type FormErrors } from '../../../web/components/form-errors.js';

export type OverviewForm = 'contact' | 'language' | 'questions' | 'mfa';

export interface OverviewProps {
  ctx: PageContext;
  contact: { email: string | null; mobile: string | null; appId: string | null };
  pending: { email: string | null; mobile: string | null };
  language: Language;
  /** Null when the policy offers no challenge questions (REG-7). */
  questions: { chosen: string[]; catalogue: { id: string; text: string }[] } | null;
  /** MFA-1: the "Multi-factor sign-in" section. */
  mfa: MfaOverview;
  done: string | null;
  /** The form that just failed, with what was typed (never passwords) and its errors. */
  failed: { form: OverviewForm; values: Record<string, string>; errors: FormErrors } | null;
}

const POSITIONS = [1, 2, 3] as const;

/** PROF-1: /profile, the overview with the contact, language and challenge-question forms. */
export function ProfileOverview(props: OverviewProps) {
  const { ctx, failed } = props;
  const { t } = ctx;
  const p = t.profile;
  return (
    <ProfileLayout ctx={ctx} page="overview" title={p.title} intro={p.intro} done={props.done} failed={failed !== null}>
      <ContactSection {...props} />
      <LanguageSection {...props} />
      {props.questions ? <QuestionsSection {...props} questions={props.questions} /> : null}
      <MfaSection ctx={ctx} mfa={props.mfa} failed={failed?.form === 'mfa' ? { values: failed.values, errors: failed.errors } : null} />
    </ProfileLayout>
  );
}

function errorsOf(props: OverviewProps, form: OverviewForm): FormErrors | null {
  return props.failed?.form === form ? props.failed.errors : null;
}

function valueOf(props: OverviewProps, form: OverviewForm, name: string, fallback: string): string {
  return props.failed?.form === form ? (props.failed.values[name] ?? '') : fallback;
}

function ContactSection(props: OverviewProps) {
  const { ctx, contact, pending } = props;
  const c = ctx.t.profile.contact;
  const errors = errorsOf(props, 'contact');
  const mobile = contact.mobile ? displayMobile(contact.mobile) : '';
  return (
    <section class="card" aria-labelledby="contact-heading" id="contact">
      <h2 id="contact-heading">{c.heading}</h2>
      <dl class="facts">
        <div>
          <dt>{c.email}</dt>
          <dd>{contact.email ?? c.notSet}</dd>
        </div>
        <div>
          <dt>{c.mobile}</dt>
          <dd>{mobile || c.notSet}</dd>
        </div>
        <div>
          <dt>{c.appId}</dt>
          <dd>{contact.appId ?? c.notSet}</dd>
        </div>
      </dl>
      {pending.email || pending.mobile ? (
        <div class="notice notice--success">
          {pending.email ? <p>{c.pending(pending.email)}</p> : null}
          {pending.mobile ? <p>{c.pending(displayMobile(pending.mobile))}</p> : null}
          <p>
            <a href="/profile/contact/verify">{c.enterCode}</a>
          </p>
        </div>
      ) : null}
      <h3 id="contact-change-heading">{c.changeHeading}</h3>
      {errors ? <ErrorSummary ctx={ctx} errors={errors} level={3} /> : null}
      <p>{c.changeIntro}</p>
      <PostForm ctx={ctx} action="/profile/contact" submit={c.submit}>
        <Field errors={errors} id="email" name="email" type="email" label={c.email} value={valueOf(props, 'contact', 'email', contact.email ?? '')} autocomplete="email" maxLength={254} />
        <Field errors={errors} id="mobile" name="mobile" type="tel" label={c.mobileLabel} hint={c.mobileHint} value={valueOf(props, 'contact', 'mobile', mobile)} autocomplete="tel" maxLength={40} />
        <Field errors={errors} id="appId" name="appId" label={c.appIdLabel} value={valueOf(props, 'contact', 'appId', contact.appId ?? '')} autocomplete="off" maxLength={64} />
        <Field errors={errors} id="contact-current" name="current" type="password" label={ctx.t.profile.currentPassword} hint={ctx.t.profile.currentHint} autocomplete="current-password" />
      </PostForm>
    </section>
  );
}

function LanguageSection(props: OverviewProps) {
  const { ctx } = props;
  const l = ctx.t.profile.language;
  const errors = errorsOf(props, 'language');
  const selected = valueOf(props, 'language', 'language', props.language);
  const error = errors?.fields['language-en'];
  return (
    <section class="card" aria-labelledby="language-heading" id="language">
      <h2 id="language-heading">{l.heading}</h2>
      {errors ? <ErrorSummary ctx={ctx} errors={errors} level={3} /> : null}
      <PostForm ctx={ctx} action="/profile/language" submit={l.submit}>
        <fieldset class="field" aria-describedby={describedBy(error ? errorId('language-en') : null)}>
          <legend>{l.legend}</legend>
          <FieldError errors={errors} id="language-en" />
          {LANGUAGES.map((language) => (
            <div class="choice" key={language}>
              <input type="radio" id={`language-${language}`} name="language" value={language} checked={language === selected} aria-invalid={error ? 'true' : undefined} />{' '}
              <label for={`language-${language}`} lang={language}>
                {messagesFor(language).languageName}
              </label>
            </div>
          ))}
        </fieldset>
      </PostForm>
    </section>
  );
}

function QuestionsSection(props: OverviewProps & { questions: NonNullable<OverviewProps['questions']> }) {
  const { ctx, questions } = props;
  const q = ctx.t.profile.questions;
  const w = ctx.t.wizard.questions;
  const errors = errorsOf(props, 'questions');
  const textOf = (id: string) => questions.catalogue.find((entry) => entry.id === id)?.text ?? id;
  return (
    <section class="card" aria-labelledby="questions-heading" id="questions">
      <h2 id="questions-heading">{q.heading}</h2>
      <p>{q.intro}</p>
      {questions.chosen.length > 0 ? (
        <>
          <p id="questions-yours">{q.yours}</p>
          <ol aria-labelledby="questions-yours">
            {questions.chosen.map((id) => (
              <li key={id}>{textOf(id)}</li>
            ))}
          </ol>
        </>
      ) : (
        <p>{q.none}</p>
      )}
      <h3 id="questions-change-heading">{q.changeHeading}</h3>
      {errors ? <ErrorSummary ctx={ctx} errors={errors} level={3} /> : null}
      <p>{q.changeIntro}</p>
      <p id="answer-rules-heading">{w.rulesHeading}</p>
      <ul id="answer-rules" aria-labelledby="answer-rules-heading">
        {w.rules.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
      <p class="hint" id="answer-case">
        {w.caseHint}
      </p>
      <PostForm ctx={ctx} action="/profile/questions" submit={q.submit}>
        {POSITIONS.map((n) => {
          const question = `question${n}`;
          const answer = `answer${n}`;
          const chosen = valueOf(props, 'questions', question, questions.chosen[n - 1] ?? '');
          const questionError = errors?.fields[question];
          return (
            <div class="question-pair" key={n}>
              <div class="field">
                <label for={question}>{w.question(n)}</label>
                <FieldError errors={errors} id={question} />
                <select id={question} name={question} aria-invalid={questionError ? 'true' : undefined} aria-describedby={describedBy(questionError ? errorId(question) : null)}>
                  <option value="" selected={chosen === ''}>
                    {w.choose}
                  </option>
                  {questions.catalogue.map((entry) => (
                    <option key={entry.id} value={entry.id} selected={chosen === entry.id}>
                      {entry.text}
                    </option>
                  ))}
                </select>
              </div>
              <Field errors={errors} id={answer} name={answer} label={w.answer(n)} value={valueOf(props, 'questions', answer, '')} autocomplete="off" describedByExtra="answer-rules answer-case" maxLength={200} />
            </div>
          );
        })}
        <Field errors={errors} id="questions-current" name="current" type="password" label={ctx.t.profile.currentPassword} hint={ctx.t.profile.currentHint} autocomplete="current-password" />
      </PostForm>
    </section>
  );
}
