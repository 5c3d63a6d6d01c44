import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import type { RequestMeta } from '../../core/deps.js';
import { inAllowedDiallingPlan } from '../../delivery/dialling-plan.js';
import { enqueueMessage } from '../../delivery/enqueue-message.js';
import { isLanguage, type Language } from '../../web/i18n.js';
import { accountLockKey } from '../../security/lockout.js';
import type { Db } from '../../storage/database.js';
import { listAccountSummaries } from '../../storage/repositories/accounts.js';
import { listLoginLocks } from '../../storage/repositories/login-attempts.js';
import { closeHelpRequest, findHelpRequest, listOpenHelpRequests, type HelpRequest } from '../../storage/repositories/help-requests.js';

// HELP-3: the help desk queue. Each open request shows the account of the Employee ID it names
// (when that exists), and closing one tells the requester the outcome on the contact they gave.

export interface AccountState {
  registered: boolean;
  disabled: boolean;
  helpdeskLocked: boolean;
  /** Time (ms) until which failed sign-ins lock the account, when that is still in the future. */
  lockedUntil: number | null;
  mfa: string;
}

export interface QueueItem extends HelpRequest {
  /** The account of the typed Employee ID; null when none was typed or none exists. */
  account: AccountState | null;
}

/** An SMS carries at most about 120 characters of the note, so the whole text stays one short message. */
function clipForSms(note: string): string {
  const line = note.replace(/\s+/g, ' ');
  return line.length <= SMS_NOTE_LIMIT ? line : `${line.slice(0, SMS_NOTE_LIMIT - 1)}…`;
}

const SMS_NOTE_LIMIT = 120;
export const CLOSE_LIMITS = { reason: 200, note: 1000 } as const;

async function loadAccountStates(db: Db, employeeIds: string[], now: number): Promise<Map<string, AccountState & { language: string }>> {
  const states = new Map<string, AccountState & { language: string }>();
  if (employeeIds.length === 0) return states;
  const accounts = await listAccountSummaries(db, employeeIds);
  const locks = await listLoginLocks(db, employeeIds.map(accountLockKey));
  const lockedUntil = new Map(locks.map((lock) => [lock.key, lock.lockedUntil]));
  for (const account of accounts) {
    const until = lockedUntil.get(accountLockKey(account.employeeId)) ?? null;
    states.set(account.employeeId, {
      registered: account.registeredAt !== null,
      disabled: account.disabledAt !== null,
      helpdeskLocked: account.helpdeskLockedAt !== null,
      lockedUntil: until !== null && until > now ? until : null,
      mfa: account.mfa,
      language: account.language,
    });
  }
  return states;
}

/** Open requests, oldest first, each with its account's state. */
export async function listHelpQueue(deps: AppDeps): Promise<QueueItem[]> {
  const { db } = deps.storage;
  const requests = await listOpenHelpRequests(db);
  const ids = [...new Set(requests.map((r) => r.employeeId).filter((id): id is string => id !== null))];
  const states = await loadAccountStates(db, ids, deps.clock.now());
  return requests.map((request) => {
    const state = request.employeeId === null ? undefined : states.get(request.employeeId);
    if (!state) return { ...request, account: null };
    const { language: _language, ...account } = state;
    return { ...request, account };
  });
}

/** Trims and checks the agent's reason and note (one line for the reason; the note may have lines). */
export function validateClose(input: { reason: string; note: string }): { reason: string; note: string } {
  const reason = input.reason.normalize('NFC').trim();
  const note = input.note.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  const fields: Record<string, 'consoleReasonRequired' | 'consoleNoteRequired'> = {};
  if (reason === '' || reason.length > CLOSE_LIMITS.reason || /[\u0000-\u001f\u007f]/.test(reason)) fields.reason = 'consoleReasonRequired';
  if (note === '' || note.length > CLOSE_LIMITS.note || /[\u0000-\u0009\u000b-\u001f\u007f]/.test(note)) fields.note = 'consoleNoteRequired';
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', 'validation', { fields });
  return { reason, note };
}

/**
 * Closes an open request: the close, the outcome message and the audit row are one transaction.
 * The message goes in the requester's account language when the Employee ID exists, else English.
 */
export async function closeHelpQueueItem(
  deps: AppDeps,
  input: { id: number; reason: string; note: string; actorId: string },
  meta: RequestMeta,
): Promise<{ reference: string }> {
  const { reason, note } = validateClose(input);
  const { db } = deps.storage;
  const now = deps.clock.now();
  const request = await findHelpRequest(db, input.id);
  if (!request || request.status !== 'open') throw new AppError('NOT_FOUND', 'notFound');
  const state = request.employeeId === null ? undefined : (await loadAccountStates(db, [request.employeeId], now)).get(request.employeeId);
  const language: Language = state && isLanguage(state.language) ? state.language : 'en';
  await db.transaction().execute(async (trx) => {
    // A second agent closing the same request at the same moment finds it closed.
    if (!(await closeHelpRequest(trx, { id: request.id, closedBy: input.actorId, outcomeNote: note, now }))) throw new AppError('NOT_FOUND', 'notFound');
    const data = { reference: request.reference, note };
    // HELP-2: anyone typed this contact; a text goes only to the allowed dialling plan (`+1`).
    const notified = request.contactChannel === 'email' || inAllowedDiallingPlan(request.contact);
    if (notified) {
      await enqueueMessage(
        trx,
        deps.config.secret,
        request.contactChannel === 'email'
          ? { channel: 'email', to: request.contact, template: 'help-request-closed', language, data }
          : { channel: 'sms', to: request.contact, template: 'help-request-closed', language, data: { ...data, note: clipForSms(note) } },
        now,
      );
    }
    await deps.audit.record({
      at: now,
      event: 'help_request.closed',
      outcome: 'success',
      actorId: input.actorId,
      subjectId: request.employeeId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      requestId: meta.requestId,
      detail: { reference: request.reference, reason, notified },
    }, trx);
  });
  return { reference: request.reference };
}
