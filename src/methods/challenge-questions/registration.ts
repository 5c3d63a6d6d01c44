import { AppError, type ErrorMessageKey } from '../../core/errors.js';
import { pinChecker, type RegistrationMethod, type SavesAnswers } from '../../flows/registration/flow.js';
import { normaliseAnswer } from '../../identity/normalise.js';
import { saveProgress } from '../../storage/repositories/registration.js';
import { ANSWER_MESSAGES, isQuestionProblem } from './answer-messages.js';
import { checkAnswers } from './answer-rules.js';

/**
 * REG-4: three different questions, each answer checked (length, all different, not personal data,
 * not the PIN) and kept as an argon2id hash in the progress until the account is created.
 */
const save: SavesAnswers['save'] = async (deps, context, answers) => {
  const { registrant } = context;
  if (answers.length !== 3) throw new AppError('VALIDATION', 'questionsInvalid', { fields: { questions: 'questionsInvalid' } });
  const problems = checkAnswers(answers, { ...registrant, isPin: pinChecker(deps, registrant) });
  const fields: Record<string, ErrorMessageKey> = {};
  // Both the question's and the answer's problem are shown, each next to its own control.
  problems.forEach((list, index) => {
    const questionProblem = list.find(isQuestionProblem);
    const answerProblem = list.find((p) => !isQuestionProblem(p));
    if (questionProblem) fields[`question${index + 1}`] = ANSWER_MESSAGES[questionProblem];
    if (answerProblem) fields[`answer${index + 1}`] = ANSWER_MESSAGES[answerProblem];
  });
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', 'validation', { fields });
  const saved = [];
  for (const { questionId, answer } of answers) saved.push({ questionId, answerHash: await deps.hasher.hash(normaliseAnswer(answer)) });
  await saveProgress(deps.storage.db, registrant.employeeId, { questions: saved }, deps.clock.now());
};

export const challengeQuestionsRegistration = { name: 'questions', save } as const satisfies RegistrationMethod & SavesAnswers;
