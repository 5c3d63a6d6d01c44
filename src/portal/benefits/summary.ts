import { currentBenefits, nextEnrolmentWindow, type Benefit } from '../../storage/repositories/content/benefits.js';

// HOME-1/2: an employee's plans split by the company's today into current, upcoming and ended,
// and the next enrolment window (open now, or the soonest to open).

export interface EnrolmentWindow {
  opensOn: string;
  closesOn: string;
  open: boolean;
  plans: string[];
}

export interface BenefitsSummary {
  current: Benefit[];
  upcoming: Benefit[];
  ended: Benefit[];
  nextEnrolment: EnrolmentWindow | null;
}

export function summariseBenefits(benefits: Benefit[], today: string): BenefitsSummary {
  const window = nextEnrolmentWindow(benefits, today);
  return {
    current: currentBenefits(benefits, today),
    upcoming: benefits.filter((b) => b.startsOn > today),
    ended: benefits.filter((b) => b.endsOn !== null && b.endsOn < today),
    nextEnrolment: window ? { ...window, open: window.opensOn <= today } : null,
  };
}

/** A plan as the JSON API shows it (SPEC §14.2). */
export function benefitJson(benefit: Benefit) {
  return {
    id: benefit.id,
    plan: benefit.plan,
    category: benefit.category,
    coverage: benefit.coverage,
    startsOn: benefit.startsOn,
    endsOn: benefit.endsOn,
    enrolmentOpensOn: benefit.enrolmentOpensOn,
    enrolmentClosesOn: benefit.enrolmentClosesOn,
  };
}
