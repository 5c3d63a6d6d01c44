// RECOV-4 / NORM-6 / RECOV-1: answers compared after normalisation, one argon2id verify per
// question whatever happens (dummy verifies for decoys), and decoy questions that depend only on
// the seed.
import { describe, expect, it } from 'vitest';
import { PasswordHasher } from '../../security/hashing.js';
import { normaliseAnswer } from '../../identity/normalise.js';
import { QUESTION_IDS } from './catalogue.js';
import { decoyQuestionIds, verifyChallengeAnswers } from './verify-answers.js';

const PARAMS = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

/** Counts the argon2id verifies, real and dummy. */
class CountingHasher extends PasswordHasher {
  verifies = 0;
  override async verify(stored: string, password: string): Promise<boolean> {
    this.verifies += 1;
    return super.verify(stored, password);
  }
}

async function storedAnswers(hasher: PasswordHasher) {
  return [
    { questionId: 'first-pet', answerHash: await hasher.hash(normaliseAnswer('Biscuit')) },
    { questionId: 'birth-city', answerHash: await hasher.hash(normaliseAnswer('San Juan')) },
    { questionId: 'first-job', answerHash: await hasher.hash(normaliseAnswer('Café  Owner')) },
  ];
}

describe('verifyChallengeAnswers', () => {
  it('accepts the answers whatever their case, spacing and Unicode form', async () => {
    const hasher = new CountingHasher(PARAMS);
    const stored = await storedAnswers(hasher);
    const ids = stored.map((s) => s.questionId);
    const typed = [
      { questionId: 'birth-city', answer: '  SAN   juan ' },
      { questionId: 'first-pet', answer: 'biscuit' },
      { questionId: 'first-job', answer: 'Cafe\u0301 owner' },
    ];
    expect(await verifyChallengeAnswers(hasher, ids, stored, typed)).toBe(true);
  });

  it('refuses a set with one wrong answer, and spends one verify per question either way', async () => {
    const hasher = new CountingHasher(PARAMS);
    const stored = await storedAnswers(hasher);
    const ids = stored.map((s) => s.questionId);
    hasher.verifies = 0;
    const oneWrong = [
      { questionId: 'first-pet', answer: 'Rex' },
      { questionId: 'birth-city', answer: 'San Juan' },
      { questionId: 'first-job', answer: 'cafe owner' },
    ];
    expect(await verifyChallengeAnswers(hasher, ids, stored, oneWrong)).toBe(false);
    expect(hasher.verifies).toBe(3);
    hasher.verifies = 0;
    expect(await verifyChallengeAnswers(hasher, ids, stored, [])).toBe(false);
    expect(hasher.verifies).toBe(3);
  });

  it('never accepts decoys, and spends the same work on them', async () => {
    const hasher = new CountingHasher(PARAMS);
    await hasher.verifyDummy('warm-up');
    hasher.verifies = 0;
    const ids = decoyQuestionIds(Buffer.from('secret'), 'identifier:abc');
    expect(await verifyChallengeAnswers(hasher, ids, null, ids.map((questionId) => ({ questionId, answer: 'anything' })))).toBe(false);
    expect(hasher.verifies).toBe(3);
  });
});

describe('decoyQuestionIds', () => {
  it('picks three different catalogue questions, the same for the same seed and secret', () => {
    const secret = Buffer.from('decoy-secret');
    const ids = decoyQuestionIds(secret, 'identifier:one');
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(QUESTION_IDS).toContain(id);
    expect(decoyQuestionIds(secret, 'identifier:one')).toEqual(ids);
    const seeds = Array.from({ length: 20 }, (_, i) => decoyQuestionIds(secret, `identifier:${i}`).join());
    expect(new Set(seeds).size).toBeGreaterThan(10);
    expect(decoyQuestionIds(Buffer.from('another-secret'), 'identifier:one')).not.toEqual(ids);
  });
});
