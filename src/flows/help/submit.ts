import type { AppDeps, RequestMeta } from '../../core/deps.js';
import { AppError, type ErrorMessageKey } from '../../core/errors.js';
import { MAX_LENGTH, normaliseEmail, normaliseEmployeeId, normaliseMobile } from '../../identity/normalise.js';
import { HOUR } from '../../security/clock.js';
import { claimHelpSubmit, createHelpRequest, HELP_CATEGORIES, type HelpCategory } from '../../storage/repositories/help-requests.js';
import type { Language } from '../../web/i18n.js';
import { confirmHelpRequest, type HelpConfirmation } from './confirmation.js';

// HELP-2: the Technical Help Form. The Employee ID is never looked up, so the answer (status, body
// and time) is the same whether or not it exists; the requester gets the reference by e-mail or
// SMS within the limits of confirmation.ts.

export const HELP_LIMITS = { employeeId: 40, name: MAX_LENGTH.name, contact: MAX_LENGTH.identifier, description: 2000 } as const;
export const HELP_RATE_LIMIT = { limit: 10, windowMs: HOUR } as const;

export interface HelpRequestInput {
  employeeId?: string;
  name: string;
  contact: string;
  category: string;
  description: string;
}

export type HelpField = 'employeeId' | 'name' | 'contact' | 'category' | 'description';

interface Valid {
  employeeId: string | null;
  name: string;
  contact: string;
  contactChannel: 'email' | 'sms';
  category: HelpCategory;
  description: string;
}

// Single-line fields refuse every control character (CR/LF included); the description keeps line breaks and tabs.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
const DESCRIPTION_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

export function validateHelpRequest(input: HelpRequestInput): Valid {
  const fields: Partial<Record<HelpField, ErrorMessageKey>> = {};

  const typedId = (input.employeeId ?? '').normalize('NFKC').trim();
  let employeeId: string | null = null;
  if (typedId !== '') {
    employeeId = typedId.length <= HELP_LIMITS.employeeId ? normaliseEmployeeId(typedId) : null;
    if (!employeeId) fields.employeeId = 'helpEmployeeIdInvalid';
  }

  const name = input.name.normalize('NFKC').trim().replace(/ {2,}/g, ' ');
  if (name === '') fields.name = 'helpNameRequired';
  else if (name.length > HELP_LIMITS.name || CONTROL.test(name)) fields.name = 'helpNameInvalid';

  const rawContact = input.contact;
  let contact: string | null = null;
  let contactChannel: 'email' | 'sms' = 'email';
  if (rawContact.trim() === '') fields.contact = 'helpContactRequired';
  else if (rawContact.length > HELP_LIMITS.contact || CONTROL.test(rawContact)) fields.contact = 'helpContactInvalid';
  else if (rawContact.includes('@')) contact = normaliseEmail(rawContact)?.value ?? null;
  else {
    contact = normaliseMobile(rawContact);
    contactChannel = 'sms';
  }
  if (!fields.contact && !contact) fields.contact = 'helpContactInvalid';

  const category = HELP_CATEGORIES.find((c) => c === input.category);
  if (!category) fields.category = 'helpCategoryInvalid';

  const description = input.description.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (description === '') fields.description = 'helpDescriptionRequired';
  else if (description.length > HELP_LIMITS.description) fields.description = 'helpDescriptionTooLong';
  else if (DESCRIPTION_CONTROL.test(description)) fields.description = 'helpDescriptionInvalid';

  if (Object.keys(fields).length > 0 || !contact || !category) {
    throw new AppError('VALIDATION', 'validation', { fields });
  }
  return { employeeId, name, contact, contactChannel, category, description };
}

/** The year of `now` in the company time zone (references restart each year). */
export function companyYear(now: number, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(now));
}

export async function submitHelpRequest(deps: AppDeps, input: HelpRequestInput, language: Language, meta: RequestMeta): Promise<{ reference: string; confirmation: HelpConfirmation }> {
  const { db } = deps.storage;
  const now = deps.clock.now();
  const valid = validateHelpRequest(input);

  const waitMs = await claimHelpSubmit(db, `help:${meta.ip}`, now, HELP_RATE_LIMIT);
  if (waitMs > 0) {
    await deps.audit.record({ at: now, event: 'help_request.submitted', outcome: 'refused', ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId, detail: { reason: 'rate_limited' } }, db);
    throw new AppError('RATE_LIMITED', 'helpRateLimited', { retryAfterSeconds: Math.ceil(waitMs / 1000) });
  }

  return db.transaction().execute(async (trx) => {
    const created = await createHelpRequest(trx, { ...valid, year: companyYear(now, deps.config.timeZone), clientIp: meta.ip, createdAt: now });
    const confirmation = await confirmHelpRequest(trx, deps, { contact: valid.contact, contactChannel: valid.contactChannel, reference: created.reference, language, now });
    await deps.audit.record({
      at: now,
      event: 'help_request.submitted',
      outcome: 'success',
      subjectId: valid.employeeId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      requestId: meta.requestId,
      detail: { reference: created.reference, category: valid.category, contactChannel: valid.contactChannel, confirmation },
    }, trx);
    return { reference: created.reference, confirmation };
  });
}
