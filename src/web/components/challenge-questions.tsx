import type { Messages } from '../messages/en.js';
import { Field, fieldClass, FieldError } from './field.js';
import { ariaInvalid, describeControl, type FormErrors } from './form-errors.js';

// REG-4's three questions and answers, as the wizard and Edit My Profile both ask them: the rules
// for answers above the form, then three pairs of a question list and its answer field.

export const QUESTION_POSITIONS = [1, 2, 3] as const;
export type QuestionField = `question${1 | 2 | 3}` | `answer${1 | 2 | 3}`;

/** The answer rules and the case hint that every answer field points to (`answer-rules answer-case`). */
export function AnswerRules({ t }: { t: Messages }) {
  const w = t.wizard.questions;
  return (
    <>
      <p id="answer-rules-heading">{w.rulesHeading}</p>
      <ul id="answer-rules" aria-labelledby="answer-rules-heading">
        {w.rules.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
      <p class="hint" id="answer-case">
        {w.caseHint}
      </p>
    </>
  );
}

interface QuestionPairsProps {
  t: Messages;
  errors: FormErrors | null;
  catalogue: { id: string; text: string }[];
  /** What each control shows: the chosen question's id, or the typed answer. */
  value: (field: QuestionField) => string;
}

export function QuestionPairs({ t, errors, catalogue, value }: QuestionPairsProps) {
  const w = t.wizard.questions;
  return (
    <>
      {QUESTION_POSITIONS.map((n) => {
        const question = `question${n}` as const;
        const answer = `answer${n}` as const;
        const selected = value(question);
        return (
          <div class="question-pair" key={n}>
            <div class={fieldClass(errors, question)}>
              <label for={question}>{w.question(n)}</label>
              <FieldError errors={errors} id={question} />
              <select id={question} name={question} aria-invalid={ariaInvalid(errors, question)} aria-describedby={describeControl(errors, question)}>
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
            <Field errors={errors} id={answer} name={answer} label={w.answer(n)} value={value(answer)} autocomplete="off" describedByExtra="answer-rules answer-case" maxLength={200} />
          </div>
        );
      })}
    </>
  );
}
