import type { Config } from '../config/config.js';
import { dateTimeFormat, formattedOnce, MINUTE } from '../security/clock.js';

export type EmployeeStatus = 'active' | 'inactive' | 'retired' | 'separated';
export const STATUSES: EmployeeStatus[] = ['active', 'inactive', 'retired', 'separated'];

export interface EligibilityFacts {
  status: string;
  country: string;
  separation_date: string | null;
}

export type Eligibility = { eligible: true } | { eligible: false; accessEndedOn: string | null };

type EligibilityConfig = Pick<Config, 'allowedCountries' | 'separationGrace' | 'timeZone'>;

/** ELIG-2: active, inactive and retired in an allowed country; separated until the grace date of the following year. */
export function checkEligibility(employee: EligibilityFacts, now: Date, config: EligibilityConfig): Eligibility {
  if (!(config.allowedCountries as string[]).includes(employee.country)) return { eligible: false, accessEndedOn: null };
  if (employee.status === 'active' || employee.status === 'inactive' || employee.status === 'retired') return { eligible: true };
  if (employee.status !== 'separated' || !employee.separation_date) return { eligible: false, accessEndedOn: null };
  const accessEndsOn = graceEndDate(employee.separation_date, config);
  // Dates compare as YYYY-MM-DD strings in the company's time zone: access lasts to the end of that day.
  return companyDate(now, config.timeZone) <= accessEndsOn ? { eligible: true } : { eligible: false, accessEndedOn: accessEndsOn };
}

/** The last day of access for someone separated on `separationDate` (YYYY-MM-DD). */
export function graceEndDate(separationDate: string, config: Pick<Config, 'separationGrace'>): string {
  const year = Number(separationDate.slice(0, 4)) + 1;
  const { month, day } = config.separationGrace;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The calendar date (YYYY-MM-DD) at `now` in the given time zone. */
export function companyDate(now: Date, timeZone: string): string {
  // Every zone changes date on a minute boundary, so one answer serves the whole minute.
  return formattedOnce(`day|${timeZone}|${Math.floor(now.getTime() / MINUTE)}`, () => {
    const parts = dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  });
}
