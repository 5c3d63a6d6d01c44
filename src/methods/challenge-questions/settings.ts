import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError, type ErrorMessageKey } from '../../core/errors.js';
import type { ChangeAnswersInput, ChangesAnswers, SettingsMethod } from '../../flows/settings/flow.js';
import { confirmFreshAuth } from '../../flows/settings/fresh-auth.js';
import { auditOwnChange, requireAccount } from '../../flows/settings/own-account.js';
import { normaliseAnswer } from '../../identity/normalise.js';
import { constantTimeEqual, keyedHash } from '../../security/tokens.js';
import type { SignedIn } from '../../session/signed-in.js';
import { replaceQuestions } from '../../storage/repositories/profile.js';
import { ANSWER_MESSAGES, isQuestionProblem } from './answer-messages.js';
import { checkAnswers, QUESTIONS_REQUIRED } from './answer-rules.js';

/**
 * PROF-1 with REG-4's rules: three different questions, answers 3–40 characters, all different,
 * not personal data; stored as argon2id hashes, all three replaced together (SESS-3 applies).
 */
async function change(deps: AppDeps, signedIn: SignedIn, input: ChangeAnswersInput, meta: RequestMeta): Promise<void> {
  // Challenge questions exist only in the `described` profile (REG-7): elsewhere there is nothing to change.
  if (deps.config.policy !== 'described') throw new AppError('NOT_FOUND', 'notFound');
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
  // The first problem of each question only, next to the control it concerns.
  problems.forEach((list, index) => {
    const first = list[0];
    if (first) fields[isQuestionProblem(first) ? `question${index + 1}` : `answer${index + 1}`] = ANSWER_MESSAGES[first];
  });
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', Object.values(fields)[0] ?? 'validation', { fields });

  await confirmFreshAuth(deps, signedIn, input.current, meta);
  const saved = [];
  for (const { questionId, answer } of answers) saved.push({ questionId, answerHash: await deps.hasher.hash(normaliseAnswer(answer)) });
  await replaceQuestions(deps.storage.db, account.employeeId, saved);
  await auditOwnChange(deps, signedIn, meta, 'questions.changed');
}

export const challengeQuestionsSettings = { name: 'questions', change } as const satisfies SettingsMethod & ChangesAnswers;
