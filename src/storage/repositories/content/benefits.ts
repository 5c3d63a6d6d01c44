import type { InferResult, Kysely, Selectable } from 'kysely';
import type { BenefitsTable, Database } from '../../schema.js';
import { groupTranslated, replaceTranslations, type Translation } from './translations.js';
import { arg, preparedFor, prepareQuery } from '../../prepared.js';

// HOME-1..3: an employee's benefit plans. Each plan carries its coverage and the enrolment window
// in which it can next be changed; the homepage shows the next window that has not closed. `plan`
// and `coverage` are English; `translations` holds the other languages HR gave.

export const BENEFIT_TEXTS = ['plan', 'coverage'] as const;
export type BenefitTranslation = Translation<(typeof BENEFIT_TEXTS)[number]>;

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
  /** The plan name and coverage in languages other than English. */
  translations: BenefitTranslation[];
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
  /** Replaces the stored ones on save; none: English only. */
  translations?: readonly BenefitTranslation[];
}

export const BENEFIT_CATEGORIES = ['medical', 'dental', 'vision', 'life', 'disability', 'retirement', 'wellness', 'other'] as const;
export type BenefitCategory = (typeof BENEFIT_CATEGORIES)[number];

const COLUMNS = ['b.id', 'b.ref', 'b.employee_id', 'b.plan', 'b.category', 'b.coverage', 'b.starts_on', 'b.ends_on', 'b.enrolment_opens_on', 'b.enrolment_closes_on'] as const;
const TRANSLATION_COLUMNS = ['tr.language as tr_language', 'tr.plan as tr_plan', 'tr.coverage as tr_coverage'] as const;

/** One query (prepared: the homepage and the benefits page run it): every plan of the employee (current, future and ended) with its translations, by category. */
const benefitsFor = preparedFor((db) => {
  const query = db
    .selectFrom('benefits as b')
    .leftJoin('benefit_translations as tr', 'tr.benefit_id', 'b.id')
    .select([...COLUMNS, ...TRANSLATION_COLUMNS])
    .where('b.employee_id', '=', arg<string>(0))
    .orderBy('b.category')
    .orderBy('b.plan')
    .orderBy('b.id');
  return prepareQuery<[employeeId: string], InferResult<typeof query>[number]>(db, query);
});

export async function listBenefitsFor(db: Kysely<Database>, employeeId: string): Promise<Benefit[]> {
  return groupTranslated(await benefitsFor(db).rows(employeeId), BENEFIT_TEXTS, toBenefit);
}

/** Plans in force on `today` (`YYYY-MM-DD`). */
export function currentBenefits<B extends Benefit>(benefits: B[], today: string): B[] {
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

/** Records a plan, or updates the one with the same `ref` (its translations replaced). Run inside a transaction. */
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
  await replaceTranslations(db, 'benefit_translations', Number(id), input.translations);
  return Number(id);
}

/** The console's list, newest first, with the translations. */
export async function listRecentBenefits(db: Kysely<Database>, limit: number): Promise<Benefit[]> {
  // The limit counts plans, so it applies in a derived table before the translations are joined.
  const rows = await db
    .selectFrom((eb) => eb.selectFrom('benefits as b').select([...COLUMNS, 'b.created_at']).orderBy('b.created_at', 'desc').orderBy('b.id', 'desc').limit(limit).as('b'))
    .leftJoin('benefit_translations as tr', 'tr.benefit_id', 'b.id')
    .selectAll('b')
    .select(TRANSLATION_COLUMNS)
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .execute();
  return groupTranslated(rows, BENEFIT_TEXTS, toBenefit);
}

type Row = Pick<Selectable<BenefitsTable>, 'id' | 'ref' | 'employee_id' | 'plan' | 'category' | 'coverage' | 'starts_on' | 'ends_on' | 'enrolment_opens_on' | 'enrolment_closes_on'>;

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
    translations: [],
  };
}
