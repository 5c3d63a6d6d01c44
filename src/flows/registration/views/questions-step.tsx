import { Field, FieldError } from '../../../web/components/field.js';
import { ariaInvalid, describeControl } from '../../../web/components/form-errors.js';
import { StepForm, WizardLayout, type WizardFrame } from './wizard-layout.js';

export type QuestionValues = Record<`question${1 | 2 | 3}` | `answer${1 | 2 | 3}`, string>;

export interface QuestionsProps {
  frame: WizardFrame;
  catalogue: { id: string; text: string }[];
  values: QuestionValues;
  /** Answers are already saved (the person came Back): they may keep them. */
  saved: boolean;
  nextHref: string;
}

const POSITIONS = [1, 2, 3] as const;

/** REG-4: three different questions from the catalogue, each with an answer. */
export function QuestionsStep({ frame, catalogue, values, saved, nextHref }: QuestionsProps) {
  const { t } = frame.ctx;
  const w = t.wizard.questions;
  const { errors } = frame;
  return (
    <WizardLayout frame={frame} title={w.title} intro={w.intro}>
      {saved ? (
        <div class="notice notice--success">
          <p>{w.saved}</p>
          <p>
            <a href={nextHref}>{t.wizard.continueUnchanged}</a>
          </p>
        </div>
      ) : null}
      <p id="answer-rules-heading">{w.rulesHeading}</p>
      <ul id="answer-rules" aria-labelledby="answer-rules-heading">
        {w.rules.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
      <p class="hint" id="answer-case">
        {w.caseHint}
      </p>
      <StepForm frame={frame}>
        {POSITIONS.map((n) => {
          const question = `question${n}` as const;
          const answer = `answer${n}` as const;
          return (
            <div class="question-pair" key={n}>
              <div class="field">
                <label for={question}>{w.question(n)}</label>
                <FieldError errors={errors} id={question} />
                <select id={question} name={question} aria-invalid={ariaInvalid(errors, question)} aria-describedby={describeControl(errors, question)}>
                  <option value="" selected={values[question] === ''}>
                    {w.choose}
                  </option>
                  {catalogue.map((q) => (
                    <option key={q.id} value={q.id} selected={values[question] === q.id}>
                      {q.text}
                    </option>
                  ))}
                </select>
              </div>
              <Field errors={errors} id={answer} name={answer} label={w.answer(n)} value={values[answer]} autocomplete="off" describedByExtra="answer-rules answer-case" maxLength={200} />
            </div>
          );
        })}
      </StepForm>
    </WizardLayout>
  );
}
