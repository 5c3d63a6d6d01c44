import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { listBenefitsFor } from '../../storage/repositories/content/benefits.js';
import { companyToday } from '../portal-request.js';
import { profileOf } from '../../app/request-context.js';
import { benefitJson, enrolmentJson, summariseBenefits } from './summary.js';

// HOME-2 as JSON (SPEC §14.2): the signed-in employee's own plans and next enrolment window, in
// the request's language (else English; each plan's `language` says which).

export function createBenefitsApi(deps: AppDeps) {
  return {
    /** GET /api/v1/benefits */
    summary: async (request: FastifyRequest) => {
      const benefits = await listBenefitsFor(deps.storage.db, profileOf(request).employeeId);
      const summary = summariseBenefits(benefits, companyToday(deps), request.language);
      return {
        // The plans in force are the list (SPEC §14.2 `items`); the others stand beside it.
        items: summary.current.map(benefitJson),
        upcoming: summary.upcoming.map(benefitJson),
        ended: summary.ended.map(benefitJson),
        nextEnrolment: enrolmentJson(summary.nextEnrolment),
      };
    },
  };
}
