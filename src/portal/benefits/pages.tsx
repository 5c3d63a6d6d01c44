import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { pageContext, profileOf } from '../../app/request-context.js';
import { listBenefitsFor } from '../../storage/repositories/content/benefits.js';
import { sendPage } from '../../app/render-page.js';
import { companyToday } from '../portal-request.js';
import { summariseBenefits } from './summary.js';
import { BenefitsPage } from './views.js';

// HOME-2: the benefits summary page (read only; plans are recorded by HR).

export function createBenefitsPages(deps: AppDeps) {
  return {
    /** GET /benefits */
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const benefits = await listBenefitsFor(deps.storage.db, profileOf(request).employeeId);
      const ctx = pageContext(request, reply, deps.config);
      return sendPage(reply, <BenefitsPage ctx={ctx} summary={summariseBenefits(benefits, companyToday(deps), ctx.language)} />);
    },
  };
}
