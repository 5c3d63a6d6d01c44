import { currentBenefits, nextEnrolmentWindow, type Benefit } from '../../storage/repositories/content/benefits.js';
import { inReaderLanguage, type InLanguage } from '../../web/reader-language.js';

// HOME-1/2: an employee's plans in the reader's language (else English), split by the company's
// today into current, upcoming and ended, and the next enrolment window (open now, or the soonest
// to open).

/** A plan with its name and coverage in the reader's language, else English; `language` says which. */
export type ShownBenefit = Benefit & InLanguage;

export interface EnrolmentWindow {
  opensOn: string;
  closesOn: string;
  open: boolean;
  /** The plans it concerns, each name in the language it is shown in. */
  plans: { name: string; language: string }[];
}

export interface BenefitsSummary {
  current: ShownBenefit[];
  upcoming: ShownBenefit[];
  ended: ShownBenefit[];
  nextEnrolment: EnrolmentWindow | null;
}

export function summariseBenefits(stored: Benefit[], today: string, language: string): BenefitsSummary {
  const benefits = stored.map((benefit) => inReaderLanguage(benefit, language));
  const window = nextEnrolmentWindow(benefits, today);
  const concerned = (b: ShownBenefit) => b.enrolmentOpensOn === window?.opensOn && b.enrolmentClosesOn === window.closesOn;
  return {
    current: currentBenefits(benefits, today),
    upcoming: benefits.filter((b) => b.startsOn > today),
    ended: benefits.filter((b) => b.endsOn !== null && b.endsOn < today),
    nextEnrolment: window
      ? { opensOn: window.opensOn, closesOn: window.closesOn, open: window.opensOn <= today, plans: benefits.filter(concerned).map((b) => ({ name: b.plan, language: b.language })) }
      : null,
  };
}

/** A plan as the JSON API shows it (SPEC §14.2), with the language its texts are in. */
export function benefitJson(benefit: ShownBenefit) {
  return {
    id: benefit.id,
    plan: benefit.plan,
    category: benefit.category,
    coverage: benefit.coverage,
    startsOn: benefit.startsOn,
    endsOn: benefit.endsOn,
    enrolmentOpensOn: benefit.enrolmentOpensOn,
    enrolmentClosesOn: benefit.enrolmentClosesOn,
    language: benefit.language,
  };
}

/** The enrolment window as the JSON API shows it: plan names in the request's language, else English. */
export function enrolmentJson(window: EnrolmentWindow | null) {
  return window ? { opensOn: window.opensOn, closesOn: window.closesOn, open: window.open, plans: window.plans.map((p) => p.name) } : null;
}
