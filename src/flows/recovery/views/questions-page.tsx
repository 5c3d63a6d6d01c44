import { Field } from '../../../web/components/field.js';
import { PostForm } from '../../../web/components/post-form.js';
import type { PageContext } from '../../../web/page-context.js';
import { RecoveryLayout, type RecoveryErrors } from './recovery-layout.js';

interface QuestionsPageProps {
  ctx: PageContext;
  flowId: string;
  questions: { id: string; text: string }[];
  /** What was typed, by field (answer1..3); answers are never kept after a wrong set. */
  values: Record<string, string>;
  errors: RecoveryErrors | null;
}

/** RECOV-4: all three questions on one page; each answer is labelled with its question. */
export function QuestionsPage({ ctx, flowId, questions, values, errors }: QuestionsPageProps) {
  const r = ctx.t.recovery.questions;
  return (
    <RecoveryLayout ctx={ctx} title={r.title} intro={r.intro} errors={errors} backHref={`/recovery/${flowId}`}>
      <PostForm ctx={ctx} action={`/recovery/${flowId}/questions`} submit={r.submit}>
        {questions.map((question, index) => {
          const name = `answer${index + 1}`;
          return (
            <div class="question-pair" key={question.id}>
              <input type="hidden" name={`question${index + 1}`} value={question.id} />
              <Field errors={errors} id={name} name={name} label={question.text} hint={r.answerFor(index + 1)} value={values[name] ?? ''} autocomplete="off" required maxLength={200} />
            </div>
          );
        })}
      </PostForm>
      <ul class="link-list">
        <li>
          <a href={`/recovery/${flowId}`}>{r.otherWay}</a>
        </li>
      </ul>
    </RecoveryLayout>
  );
}
