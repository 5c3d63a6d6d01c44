import type { Kysely, Selectable } from 'kysely';
import type { BenefitsTable, Database } from '../../schema.js';

// HOME-1..3: an employee's benefit plans. Each plan carries its coverage and the enrolment window
// in which it can next be changed; the homepage shows the next window that has not closed.

export interface Benefit {
  id: number;
  ref: string | null;
  employeeId: string;
  plan: string;
  category: string;
  coverage: string;
  startsOn: string;
  endsOn: string | null;
  enrolmentOpensOn: string | null;
  enrolmentClosesOn: string | null;
}

export interface NewBenefit {
  ref?: string | null;
  employeeId: string;
  plan: string;
  category: string;
  coverage: string;
  startsOn: string;
  endsOn?: string | null;
  enrolmentOpensOn?: string | null;
  enrolmentClosesOn?: string | null;
  createdBy?: string | null;
}

export const BENEFIT_CATEGORIES = ['medical', 'dental', 'vision', 'life', 'disability', 'retirement', 'wellness', 'other'] as const;
export type BenefitCategory = (typeof BENEFIT_CATEGORIES)[number];

const COLUMNS = ['id', 'ref', 'employee_id', 'plan', 'category', 'coverage', 'starts_on', 'ends_on', 'enrolment_opens_on', 'enrolment_closes_on'] as const;

/** One query: every plan of the employee (current, future and ended), by category. */
export async function listBenefitsFor(db: Kysely<Database>, employeeId: string): Promise<Benefit[]> {
  const rows = await db.selectFrom('benefits').select(COLUMNS).where('employee_id', '=', employeeId).orderBy('category').orderBy('plan').orderBy('id').execute();
  return rows.map(toBenefit);
}

/** Plans in force on `today` (`YYYY-MM-DD`). */
export function currentBenefits(benefits: Benefit[], today: string): Benefit[] {
  return benefits.filter((b) => b.startsOn <= today && (b.endsOn === null || b.endsOn >= today));
}

/** The enrolment window open now or opening soonest, with the plans it concerns; null when none is ahead. */
export function nextEnrolmentWindow(benefits: Benefit[], today: string): { opensOn: string; closesOn: string; plans: string[] } | null {
  const windows = benefits
    .filter((b): b is Benefit & { enrolmentOpensOn: string; enrolmentClosesOn: string } => b.enrolmentOpensOn !== null && b.enrolmentClosesOn !== null && b.enrolmentClosesOn >= today)
    .sort((a, b) => a.enrolmentOpensOn.localeCompare(b.enrolmentOpensOn) || a.enrolmentClosesOn.localeCompare(b.enrolmentClosesOn));
  const first = windows[0];
  if (!first) return null;
  const same = windows.filter((w) => w.enrolmentOpensOn === first.enrolmentOpensOn && w.enrolmentClosesOn === first.enrolmentClosesOn);
  return { opensOn: first.enrolmentOpensOn, closesOn: first.enrolmentClosesOn, plans: same.map((w) => w.plan) };
}

/** Records a plan, or updates the one with the same `ref`. */
export async function saveBenefit(db: Kysely<Database>, input: NewBenefit, now: number): Promise<number> {
  const values = {
    ref: input.ref ?? null,
    employee_id: input.employeeId,
    plan: input.plan,
    category: input.category,
    coverage: input.coverage,
    starts_on: input.startsOn,
    ends_on: input.endsOn ?? null,
    enrolment_opens_on: input.enrolmentOpensOn ?? null,
    enrolment_closes_on: input.enrolmentClosesOn ?? null,
    created_by: input.createdBy ?? null,
    created_at: now,
  };
  const { ref: _ref, created_at: _created, ...changes } = values;
  const { id } = await db
    .insertInto('benefits')
    .values(values)
    .onConflict((oc) => oc.column('ref').doUpdateSet(changes))
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** The console's list, newest first. */
export async function listRecentBenefits(db: Kysely<Database>, limit: number): Promise<Benefit[]> {
  const rows = await db.selectFrom('benefits').select(COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toBenefit);
}

type Row = Pick<Selectable<BenefitsTable>, (typeof COLUMNS)[number]>;

function toBenefit(row: Row): Benefit {
  return {
    id: Number(row.id),
    ref: row.ref,
    employeeId: row.employee_id,
    plan: row.plan,
    category: row.category,
    coverage: row.coverage,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    enrolmentOpensOn: row.enrolment_opens_on,
    enrolmentClosesOn: row.enrolment_closes_on,
  };
}
