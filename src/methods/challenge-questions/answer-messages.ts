import type { ErrorMessageKey } from '../../core/errors.js';
import type { AnswerProblem } from './answer-rules.js';

// REG-4's problems as the messages next to the fields, the same in the wizard and on the profile.

export const ANSWER_MESSAGES: Record<AnswerProblem, ErrorMessageKey> = {
  unknownQuestion: 'questionsInvalid',
  sameQuestion: 'questionsInvalid',
  length: 'answerLength',
  sameAnswer: 'answerSame',
  personalData: 'answerPersonal',
};

/** A problem with the chosen question (shown on its select) rather than with the answer. */
export function isQuestionProblem(problem: AnswerProblem): boolean {
  return problem === 'unknownQuestion' || problem === 'sameQuestion';
}
