import { ErrorSummary } from '../../../web/components/error-summary.js';
import { AnswerRules, QuestionPairs } from '../../../web/components/challenge-questions.js';
import type { FormErrors } from '../../../web/components/form-errors.js';
import { PostForm } from '../../../web/components/post-form.js';
import { CurrentPassword } from './current-password.js';
import { BackToProfile, ProfileLayout, type ProfileContext } from './profile-layout.js';

export interface QuestionsPageProps {
  ctx: ProfileContext;
  chosen: string[];
  catalogue: { id: string; text: string }[];
  askCurrent: boolean;
  failed: { values: Record<string, string>; errors: FormErrors } | null;
}

/** PROF-1, REG-7: /profile/questions, three different questions and their answers. */
export function QuestionsPage({ ctx, chosen, catalogue, askCurrent, failed }: QuestionsPageProps) {
  const q = ctx.t.profile.questions;
  const errors = failed?.errors ?? null;
  const valueOf = (name: string, fallback: string) => (failed ? (failed.values[name] ?? '') : fallback);
  return (
    <ProfileLayout ctx={ctx} page="questions" title={q.changeHeading} intro={q.changeIntro} failed={errors !== null}>
      <section class="card" aria-label={q.changeHeading}>
        {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
        <AnswerRules t={ctx.t} />
        <PostForm ctx={ctx} action="/profile/questions" submit={q.submit}>
          <QuestionPairs t={ctx.t} errors={errors} catalogue={catalogue} value={(field) => valueOf(field, field.startsWith('question') ? (chosen[Number(field.slice(-1)) - 1] ?? '') : '')} />
          <CurrentPassword ctx={ctx} errors={errors} id="questions-current" asked={askCurrent} />
        </PostForm>
        <BackToProfile ctx={ctx} />
      </section>
    </ProfileLayout>
  );
}
