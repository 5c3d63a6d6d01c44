import { AnswerRules, QuestionPairs, type QuestionField } from '../../../web/components/challenge-questions.js';
import { StepForm, WizardLayout, type WizardFrame } from './wizard-layout.js';

export type QuestionValues = Record<QuestionField, string>;

export interface QuestionsProps {
  frame: WizardFrame;
  catalogue: { id: string; text: string }[];
  values: QuestionValues;
  /** Answers are already saved (the person came Back): they may keep them. */
  saved: boolean;
  nextHref: string;
}

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
      <AnswerRules t={t} />
      <StepForm frame={frame}>
        <QuestionPairs t={t} errors={errors} catalogue={catalogue} value={(field) => values[field]} />
      </StepForm>
    </WizardLayout>
  );
}
