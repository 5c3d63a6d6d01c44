import { normaliseAnswer, normaliseEmployeeId, normalisePin } from '../../identity/normalise.js';
import { isQuestionId } from './catalogue.js';

// REG-4: 3 different questions; answers 3–40 characters after normalisation, all different, and
// not the Employee ID, the person's name or their PIN.

export const QUESTIONS_REQUIRED = 3;

export type AnswerProblem = 'unknownQuestion' | 'sameQuestion' | 'length' | 'sameAnswer' | 'personalData';

export interface AnswerInput {
  questionId: string;
  answer: string;
}

export interface PersonFacts {
  employeeId: string;
  givenName: string;
  familyName: string;
  /** Whether a value is the person's PIN (compares keyed hashes). */
  isPin?: (value: string) => boolean;
}

/** Problems per answer (same index as the input); all empty when acceptable. */
export function checkAnswers(answers: AnswerInput[], person: PersonFacts): AnswerProblem[][] {
  const forbidden = new Set(
    [person.employeeId, person.givenName, person.familyName, `${person.givenName} ${person.familyName}`]
      .filter(Boolean)
      .map(normaliseAnswer),
  );
  const seenQuestions = new Set<string>();
  const seenAnswers = new Set<string>();
  return answers.map(({ questionId, answer }) => {
    const problems: AnswerProblem[] = [];
    const normalised = normaliseAnswer(answer);
    if (!isQuestionId(questionId)) problems.push('unknownQuestion');
    else if (seenQuestions.has(questionId)) problems.push('sameQuestion');
    seenQuestions.add(questionId);
    const length = [...normalised].length;
    if (length < 3 || length > 40) problems.push('length');
    else if (seenAnswers.has(normalised)) problems.push('sameAnswer');
    const asPin = normalisePin(normalised);
    if (forbidden.has(normalised) || normaliseEmployeeId(normalised) === person.employeeId || (asPin !== null && person.isPin?.(asPin))) {
      problems.push('personalData');
    }
    seenAnswers.add(normalised);
    return problems;
  });
}
