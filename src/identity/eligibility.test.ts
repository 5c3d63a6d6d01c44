import { describe, expect, it } from 'vitest';
import { checkEligibility, companyDate } from './eligibility.js';
import type { Country } from '../config/config.js';

const config = { allowedCountries: ['US', 'CA', 'PR'] as Country[], separationGrace: { month: 6, day: 30 }, timeZone: 'America/New_York' };
const at = (iso: string) => new Date(iso);

describe('ELIG-2', () => {
  it.each(['active', 'inactive', 'retired'])('%s employees in allowed countries are eligible', (status) => {
    expect(checkEligibility({ status, country: 'PR', separation_date: null }, at('2026-01-01T12:00:00Z'), config)).toEqual({ eligible: true });
  });
  it('separated employees keep access until June 30 of the following year, company time', () => {
    const facts = { status: 'separated', country: 'US', separation_date: '2025-01-10' };
    expect(checkEligibility(facts, at('2026-07-01T03:59:00Z'), config).eligible).toBe(true);
    expect(checkEligibility(facts, at('2026-07-01T04:00:00Z'), config)).toEqual({ eligible: false, accessEndedOn: '2026-06-30' });
  });
  it('separated without a date, unknown statuses and other countries are not eligible', () => {
    expect(checkEligibility({ status: 'separated', country: 'US', separation_date: null }, at('2026-01-01T00:00:00Z'), config).eligible).toBe(false);
    expect(checkEligibility({ status: 'contractor', country: 'US', separation_date: null }, at('2026-01-01T00:00:00Z'), config).eligible).toBe(false);
    expect(checkEligibility({ status: 'active', country: 'MX', separation_date: null }, at('2026-01-01T00:00:00Z'), config).eligible).toBe(false);
  });
  it('the grace date and allowed countries are configuration (ELIG-4)', () => {
    const custom = { ...config, allowedCountries: ['CA'] as Country[], separationGrace: { month: 3, day: 31 } };
    const facts = { status: 'separated', country: 'CA', separation_date: '2025-10-01' };
    expect(checkEligibility(facts, at('2026-03-31T12:00:00Z'), custom).eligible).toBe(true);
    expect(checkEligibility(facts, at('2026-04-01T12:00:00Z'), custom).eligible).toBe(false);
    expect(checkEligibility({ ...facts, country: 'US' }, at('2026-01-01T12:00:00Z'), custom).eligible).toBe(false);
  });
  it('reads the calendar date in the company time zone', () => {
    expect(companyDate(at('2026-07-01T03:00:00Z'), 'America/New_York')).toBe('2026-06-30');
    expect(companyDate(at('2026-07-01T03:00:00Z'), 'UTC')).toBe('2026-07-01');
  });
});
