import { ErrorSummary } from '../../../web/components/error-summary.js';
import { Field, FieldError } from '../../../web/components/field.js';
import { describedBy, errorId, type FormErrors } from '../../../web/components/form-errors.js';
import { PostForm } from '../../../web/components/post-form.js';
import { CurrentPassword } from './current-password.js';
import { ProfileLayout, type ProfileContext } from './profile-layout.js';

export interface QuestionsPageProps {
  ctx: ProfileContext;
  chosen: string[];
  catalogue: { id: string; text: string }[];
  askCurrent: boolean;
  failed: { values: Record<string, string>; errors: FormErrors } | null;
}

const POSITIONS = [1, 2, 3] as const;

/** PROF-1, REG-7: /profile/questions, three different questions and their answers. */
export function QuestionsPage({ ctx, chosen, catalogue, askCurrent, failed }: QuestionsPageProps) {
  const q = ctx.t.profile.questions;
  const w = ctx.t.wizard.questions;
  const errors = failed?.errors ?? null;
  const valueOf = (name: string, fallback: string) => (failed ? (failed.values[name] ?? '') : fallback);
  return (
    <ProfileLayout ctx={ctx} page="questions" title={q.changeHeading} intro={q.changeIntro} failed={errors !== null}>
      <section class="card" aria-label={q.changeHeading}>
        {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
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
            const selected = valueOf(question, chosen[n - 1] ?? '');
            const questionError = errors?.fields[question];
            return (
              <div class="question-pair" key={n}>
                <div class="field">
                  <label for={question}>{w.question(n)}</label>
                  <FieldError errors={errors} id={question} />
                  <select id={question} name={question} aria-invalid={questionError ? 'true' : undefined} aria-describedby={describedBy(questionError ? errorId(question) : null)}>
                    <option value="" selected={selected === ''}>
                      {w.choose}
                    </option>
                    {catalogue.map((entry) => (
                      <option key={entry.id} value={entry.id} selected={selected === entry.id}>
                        {entry.text}
                      </option>
                    ))}
                  </select>
                </div>
                <Field errors={errors} id={answer} name={answer} label={w.answer(n)} value={valueOf(answer, '')} autocomplete="off" describedByExtra="answer-rules answer-case" maxLength={200} />
              </div>
            );
          })}
          <CurrentPassword ctx={ctx} errors={errors} id="questions-current" asked={askCurrent} />
        </PostForm>
        <p>
          <a href="/profile">{ctx.t.profile.back}</a>
        </p>
      </section>
    </ProfileLayout>
  );
}
