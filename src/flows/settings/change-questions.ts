import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError, type ErrorMessageKey } from '../../core/errors.js';
import { normaliseAnswer } from '../../identity/normalise.js';
import { checkAnswers, QUESTIONS_REQUIRED, type AnswerInput, type AnswerProblem } from '../../methods/challenge-questions/answer-rules.js';
import { constantTimeEqual, keyedHash } from '../../security/tokens.js';
import { replaceQuestions } from '../../storage/repositories/profile.js';
import { confirmFreshAuth } from './fresh-auth.js';
import { auditOwnChange, requireAccount } from './own-account.js';
import type { SignedIn } from '../../session/signed-in.js';

const ANSWER_MESSAGES: Record<AnswerProblem, ErrorMessageKey> = {
  unknownQuestion: 'questionsInvalid',
  sameQuestion: 'questionsInvalid',
  length: 'answerLength',
  sameAnswer: 'answerSame',
  personalData: 'answerPersonal',
};

/** Challenge questions exist only in the `described` profile (REG-7): elsewhere there is nothing to change. */
export function assertQuestionsOffered(deps: AppDeps): void {
  if (deps.config.policy !== 'described') throw new AppError('NOT_FOUND', 'notFound');
}

/**
 * PROF-1 with REG-4's rules: three different questions, answers 3–40 characters, all different,
 * not personal data; stored as argon2id hashes, all three replaced together (SESS-3 applies).
 */
export async function changeQuestions(deps: AppDeps, signedIn: SignedIn, input: { current?: string | undefined; answers: AnswerInput[] }, meta: RequestMeta): Promise<void> {
  assertQuestionsOffered(deps);
  const account = await requireAccount(deps, signedIn);
  const { answers } = input;
  if (answers.length !== QUESTIONS_REQUIRED) throw new AppError('VALIDATION', 'questionsInvalid', { fields: { question1: 'questionsInvalid' } });
  const now = deps.clock.now();
  const problems = checkAnswers(answers, {
    employeeId: account.employeeId,
    givenName: account.givenName,
    familyName: account.familyName,
    isPin: (value) => account.pinHash !== null && (account.pinExpiresAt ?? 0) > now && constantTimeEqual(keyedHash(deps.config.secret, value), account.pinHash),
  });
  const fields: Record<string, ErrorMessageKey> = {};
  problems.forEach((list, index) => {
    const first = list[0];
    if (first) fields[first === 'unknownQuestion' || first === 'sameQuestion' ? `question${index + 1}` : `answer${index + 1}`] = ANSWER_MESSAGES[first];
  });
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', Object.values(fields)[0] ?? 'validation', { fields });

  await confirmFreshAuth(deps, signedIn, input.current, meta);
  const saved = [];
  for (const { questionId, answer } of answers) saved.push({ questionId, answerHash: await deps.hasher.hash(normaliseAnswer(answer)) });
  await replaceQuestions(deps.storage.db, account.employeeId, saved);
  await auditOwnChange(deps, signedIn, meta, 'questions.changed');
}
