import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { noticeKey, pageContext } from '../../app/request-context.js';
import { listBenefitsFor } from '../../storage/repositories/content/benefits.js';
import { listVisibleNews } from '../../storage/repositories/content/news.js';
import { listReviewsFor } from '../../storage/repositories/content/reviews.js';
import { listTasksFor } from '../../storage/repositories/content/tasks.js';
import { sendPage } from '../../app/render-page.js';
import { summariseBenefits } from '../benefits/summary.js';
import { audienceOf, companyToday } from '../portal-request.js';
import { REVIEW_NOTICES } from '../reviews/pages.js';
import { TASK_NOTICES } from '../tasks/pages.js';
import { HomeView } from './home-view.js';

// HOME-1: the homepage. It runs a fixed number of queries whatever the amount of content: the
// session lookup (in the guard) and one query per panel, the four run together.

export const HOME_NEWS = 3;
export const HOME_TASKS = 5;
const HOME_NOTICES = [...TASK_NOTICES, ...REVIEW_NOTICES] as const;

export function createHomePages(deps: AppDeps) {
  return {
    /** GET /home */
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const profile = request.signedIn?.profile;
      if (!profile) return reply.redirect('/login', 303);
      // Read at request time (not captured when the routes are built), so a test can wrap it.
      const db = deps.storage.db;
      const today = companyToday(deps);
      const [news, tasks, reviews, benefits] = await Promise.all([
        listVisibleNews(db, profile.country, deps.clock.now(), { limit: HOME_NEWS, offset: 0 }),
        // One more than shown tells whether there are more, without a count query.
        listTasksFor(db, audienceOf(profile), { openOnly: true, limit: HOME_TASKS + 1 }),
        listReviewsFor(db, profile.employeeId, 1),
        listBenefitsFor(db, profile.employeeId),
      ]);
      const ctx = pageContext(request, reply, deps.config);
      const notice = noticeKey(request, HOME_NOTICES);
      const { current, nextEnrolment } = summariseBenefits(benefits, today, ctx.language);
      return sendPage(
        reply,
        <HomeView
          ctx={ctx}
          profile={profile}
          notice={notice ? ctx.t.portal.notices[notice] : null}
          accountReady={(request.query as Record<string, unknown> | undefined)?.done === 'accountReady'}
          news={news}
          tasks={{ shown: tasks.slice(0, HOME_TASKS), more: tasks.length > HOME_TASKS }}
          review={reviews[0]}
          benefits={{ current, nextEnrolment }}
          today={today}
          timeZone={deps.config.timeZone}
        />,
      );
    },
  };
}
