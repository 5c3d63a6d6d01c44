import { Type, type Static } from '@sinclair/typebox';
import type { AppDeps } from '../core/deps.js';
import { AppError } from '../core/errors.js';
import { companyDate } from '../identity/eligibility.js';
import type { Profile } from '../storage/repositories/accounts.js';
import type { Audience } from '../storage/repositories/content/audience.js';
import { formText, type FormBody } from '../web/form-body.js';

// What every homepage module reads from a request's values: the audience of the signed-in employee
// (app/request-context.ts `profileOf`), the company's "today", item ids and where a form goes back to.

export const ID_PATTERN = '^[0-9]{1,12}$';
const ID_REGEXP = new RegExp(ID_PATTERN);

/** API paths `/…/:id`: a positive integer string, else 400 VALIDATION (by schema). */
export const IdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

export function audienceOf(profile: Profile): Audience {
  return { employeeId: profile.employeeId, country: profile.country, status: profile.status };
}

/** The calendar date (`YYYY-MM-DD`) in the company time zone, which due dates and plan dates use. */
export function companyToday(deps: AppDeps): string {
  return companyDate(new Date(deps.clock.now()), deps.config.timeZone);
}

/** A page's `:id`: anything but a plain number is simply not found (the same 404 as a foreign id). */
export function pageId(raw: unknown): number {
  if (typeof raw !== 'string' || !ID_REGEXP.test(raw)) throw new AppError('NOT_FOUND', 'notFound');
  return Number(raw);
}

/** After a form on the homepage, go back there; anywhere else, to the module's own page (never an outside address). */
export function returnPath(body: FormBody, fallback: string): string {
  return formText(body, 'returnTo') === '/home' ? '/home' : fallback;
}

export function isoMoment(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
