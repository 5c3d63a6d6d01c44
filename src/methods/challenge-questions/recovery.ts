import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError, type ErrorMessageKey } from '../../core/errors.js';
import { QUESTIONS_REQUIRED, type AnswerInput } from './answer-rules.js';
import { questionText } from './catalogue.js';
import { decoyQuestionIds, verifyChallengeAnswers, type StoredAnswer } from './verify-answers.js';
import { claimClientAttempt, settleClientClaim, type ClientThrottlePolicy } from '../../security/client-throttle.js';
import { MINUTE } from '../../security/clock.js';
import { ANSWER_SETS_BEFORE_LOCK } from '../../security/lockout.js';
import {
  claimAnswerAttempt,
  findRecoveryAccount,
  listAnswerHashes,
  markAnswersLocked,
  resetAnswerAttempts,
  restartAnswerCountAfterUnlock,
  setHelpdeskLock,
} from '../../storage/repositories/recovery.js';
import type { Language } from '../../web/i18n.js';
import {
  auditRecovery,
  canRecover,
  HELP_FORM_PATH,
  proveRecovery,
  requireMethodOpen,
  type AsksQuestions,
  type RecoveryContext,
  type RecoveryMethod,
  type RecoveryStep,
} from '../../flows/recovery/flow.js';

// RECOV-4 and RECOV-7: all three questions on one page; 3 consecutive wrong sets lock recovery by
// questions (the account's `helpdesk_locked_at`) — and nothing else: the password still signs in,
// sessions stay, and e-mail or SMS recovery, a sign-in or the help desk clears it. RECOV-1: identifiers that cannot use this method (unknown, unregistered,
// ineligible, no questions) get three decoy questions chosen from the identifier, their own
// counter, the same work and the same answers — they simply never succeed.

interface QuestionSet {
  questionIds: string[];
  /** The account's stored answers, or null for decoys. */
  stored: StoredAnswer[] | null;
  /** The wrong-set counter: per account (Employee ID and e-mail share it), else per identifier. */
  counterKey: string;
  /** The account a third wrong set locks (null for decoys: nobody can lock a stranger out with them). */
  lockable: string | null;
}

async function questionSet(deps: AppDeps, context: RecoveryContext): Promise<QuestionSet> {
  const { account, flow } = context;
  if (canRecover(deps, account)) {
    const stored = await listAnswerHashes(deps.storage.db, account.employeeId);
    if (stored.length === QUESTIONS_REQUIRED) {
      return { questionIds: stored.map((s) => s.questionId), stored, counterKey: `account:${account.employeeId}`, lockable: account.employeeId };
    }
  }
  // An account's decoys are the same whichever of its identifiers was typed, as real questions are.
  const seed = account ? `account:${account.employeeId}` : `identifier:${flow.state.identifierHash}`;
  return {
    questionIds: decoyQuestionIds(deps.config.secret, seed),
    stored: null,
    counterKey: account ? `decoy:${account.employeeId}` : `identifier:${flow.state.identifierHash}`,
    lockable: null,
  };
}

/** GET /recovery/:flowId/questions — the same shape for everyone. */
async function questions(deps: AppDeps, context: RecoveryContext, language: Language): Promise<{ id: string; text: string }[]> {
  const { questionIds } = await questionSet(deps, context);
  return questionIds.map((id) => ({ id, text: questionText(id, language) }));
}

function helpdeskLocked(): AppError {
  return new AppError('ACCOUNT_LOCKED_HELPDESK', 'questionsLocked', { extra: { helpUrl: HELP_FORM_PATH } });
}

/** POST /recovery/:flowId/questions → next, or 401 with `attemptsLeft`, or 423 after 3 wrong sets. */
async function answer(deps: AppDeps, context: RecoveryContext, answers: AnswerInput[], meta: RequestMeta): Promise<RecoveryStep> {
  // After a first proof the person has shown who they are: the lock may be told at once.
  if (context.flow.state.proofs.length > 0 && context.account?.helpdeskLockedAt != null) throw helpdeskLocked();
  await requireMethodOpen(deps, context, 'questions');
  const set = await questionSet(deps, context);
  const fields: Record<string, ErrorMessageKey> = {};
  set.questionIds.forEach((id, index) => {
    if ((answers.find((a) => a.questionId === id)?.answer ?? '').trim() === '') fields[`answer${index + 1}`] = 'answerRequired';
  });
  if (answers.some((a) => !set.questionIds.includes(a.questionId))) throw new AppError('VALIDATION', 'questionsInvalid');
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', 'answerRequired', { fields });

  const { db } = deps.storage;
  const throttle: ClientThrottlePolicy = { limit: deps.config.clientFailureLimit, windowMs: deps.config.clientWindowMinutes * MINUTE };
  // LOGIN-6's client place is claimed before the answers are checked, as a sign-in's is, so a
  // burst from one client across many flows gets at most the limit evaluated.
  const claim = await claimClientAttempt(db, meta.ip, deps.clock, throttle);
  if (!claim.allowed) throw new AppError('RATE_LIMITED', 'recoveryRateLimited', { retryAfterSeconds: Math.ceil(claim.retryAfterMs / 1000) });
  let checked: AnswerCheck | undefined;
  try {
    checked = await checkAnswers(deps, context, set, answers, meta);
  } finally {
    // Only a wrong set counts against the client; a refusal or the right answers give the place back.
    await settleClientClaim(db, meta.ip, claim.windowStart, checked?.right === false);
  }
  if (!checked.right) throw checked.error;
  return proveRecovery(deps, context, 'questions', meta);
}

/** A wrong set carries its answer (401, or 423 on the third); refusals are thrown. */
type AnswerCheck = { right: true } | { right: false; error: AppError };

async function checkAnswers(deps: AppDeps, context: RecoveryContext, set: QuestionSet, answers: AnswerInput[], meta: RequestMeta): Promise<AnswerCheck> {
  const { db } = deps.storage;
  const employeeId = context.account?.employeeId ?? null;
  if (set.lockable) await restartAnswerCountAfterUnlock(db, set.counterKey, set.lockable);
  // Claimed BEFORE the answers are checked (one SQL statement), so a burst evaluates at most 3 sets.
  const failures = await claimAnswerAttempt(db, set.counterKey, deps.clock.now());
  if (failures > ANSWER_SETS_BEFORE_LOCK) {
    await auditRecovery(deps, meta, employeeId, 'recovery.failed', 'refused', { method: 'questions', reason: 'locked' });
    throw helpdeskLocked();
  }
  if (await verifyChallengeAnswers(deps.hasher, set.questionIds, set.stored, answers)) {
    // Right answers on a locked account: the lock is told only now, to someone who knew them (LOGIN-7).
    const fresh = await findRecoveryAccount(db, context.account?.employeeId ?? '');
    if (!fresh || fresh.helpdeskLockedAt !== null) {
      await auditRecovery(deps, meta, employeeId, 'recovery.failed', 'refused', { method: 'questions', reason: 'helpdesk_lock' });
      throw helpdeskLocked();
    }
    await resetAnswerAttempts(db, set.counterKey);
    return { right: true };
  }

  await auditRecovery(deps, meta, employeeId, 'recovery.failed', 'failure', { method: 'questions', reason: 'wrong_answers' });
  if (failures < ANSWER_SETS_BEFORE_LOCK) {
    return { right: false, error: new AppError('INVALID_CREDENTIALS', 'answersWrong', { extra: { attemptsLeft: ANSWER_SETS_BEFORE_LOCK - failures } }) };
  }
  if (set.lockable) await lockAccount(deps, set.lockable, set.counterKey, meta);
  return { right: false, error: helpdeskLocked() };
}

/** RECOV-7: the questions lock; it ends no session and refuses no password (SESS-5). */
async function lockAccount(deps: AppDeps, employeeId: string, counterKey: string, meta: RequestMeta): Promise<void> {
  const { db } = deps.storage;
  const now = deps.clock.now();
  // The lock first, then the mark: a claim that sees the mark with no lock would take it for an
  // unlock by the help desk and start the count again.
  const locked = await setHelpdeskLock(db, employeeId, now);
  await markAnswersLocked(db, counterKey, now);
  if (locked) await auditRecovery(deps, meta, employeeId, 'account.helpdesk_locked', 'info', { reason: 'wrong_answers', scope: 'questions' });
}

export const challengeQuestionsRecovery = { name: 'questions', questions, answer } as const satisfies RecoveryMethod & AsksQuestions;
