import { createHmac } from 'node:crypto';
import type { PasswordHasher } from '../../security/hashing.js';
import { normaliseAnswer } from '../../identity/normalise.js';
import { QUESTION_IDS } from './catalogue.js';
import { QUESTIONS_REQUIRED, type AnswerInput } from './answer-rules.js';

// RECOV-4: all three answers are checked on one page, each with an argon2id verify of the
// NORM-6-normalised answer (case and spacing do not matter). RECOV-1: identifiers that cannot use
// this method get three decoy questions, the same every time, and the same work.

export interface StoredAnswer {
  questionId: string;
  answerHash: string;
}

/**
 * True only when every stored question got its right answer. Always spends exactly one argon2id
 * verify per question — dummy verifies when there is nothing stored — and never stops at the
 * first wrong answer, so the time says nothing about which answer or whether an account exists.
 */
export async function verifyChallengeAnswers(
  hasher: PasswordHasher,
  questionIds: string[],
  stored: StoredAnswer[] | null,
  answers: AnswerInput[],
): Promise<boolean> {
  const verdicts = await Promise.all(
    questionIds.map(async (questionId) => {
      const typed = normaliseAnswer(answers.find((a) => a.questionId === questionId)?.answer ?? '');
      const hash = stored?.find((s) => s.questionId === questionId)?.answerHash;
      if (!hash) return hasher.verifyDummy(typed);
      return hasher.verify(hash, typed);
    }),
  );
  return stored !== null && stored.length === questionIds.length && verdicts.every(Boolean);
}

/** Three different catalogue questions chosen by a keyed hash of `seed`: the same seed, the same questions. */
export function decoyQuestionIds(secret: Buffer, seed: string): string[] {
  const pool = [...QUESTION_IDS];
  const chosen: string[] = [];
  let counter = 0;
  while (chosen.length < QUESTIONS_REQUIRED && pool.length > 0) {
    const digest = createHmac('sha256', secret).update(`decoy-questions:${counter++}:${seed}`).digest();
    const index = digest.readUInt32BE(0) % pool.length;
    chosen.push(pool.splice(index, 1)[0]!);
  }
  return chosen;
}
