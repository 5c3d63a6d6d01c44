import type { AppDeps } from '../core/deps.js';
import { companyDate } from '../identity/eligibility.js';
import { DAY, HOUR } from '../security/clock.js';
import { saveBenefit } from '../storage/repositories/content/benefits.js';
import { listActiveEmployeesByIdPrefix } from '../storage/repositories/employees.js';
import { saveNews } from '../storage/repositories/content/news.js';
import { acknowledgeReview, saveReview } from '../storage/repositories/content/reviews.js';
import { markTaskDone, saveTask } from '../storage/repositories/content/tasks.js';
import { demoNews } from './demo-news.js';
import { crowdBenefit, demoBenefits, demoReviews, demoTasks, type RecordDates } from './demo-records.js';
import { addDays, firstOfNextMonth } from './demo-text.js';

// Issue 6: what the demo company's HR has published, so `npm start` shows a living portal in all
// three languages. Every date is placed relative to `now` in the company time zone, so the demo
// looks current whenever it is seeded.

/** The demo HR account, recorded as the author of the demo content. */
export const DEMO_HR_ID = '900003';

/** Seeds news, tasks, reviews and benefit plans; called once, right after the demo people. */
export async function seedDemoContent(deps: AppDeps, now: number): Promise<void> {
  const dates = recordDates(companyDate(new Date(now), deps.config.timeZone));
  const news = demoNews({ enrolmentOpensOn: dates.enrolment.opensOn, enrolmentClosesOn: dates.enrolment.closesOn, holidayYear: holidayYear(dates.today) });

  await deps.storage.db.transaction().execute(async (trx) => {
    for (const item of news) {
      await saveNews(trx, { ref: item.ref, countries: item.countries, publishedAt: now - item.ageHours * HOUR, authorId: DEMO_HR_ID, translations: item.translations }, now);
    }
    for (const { done, ...task } of demoTasks(dates)) {
      const id = await saveTask(trx, { ...task, createdBy: DEMO_HR_ID }, now);
      if (done) await markTaskDone(trx, id, done.audience, now - done.daysAgo * DAY);
    }
    for (const { acknowledged, ...review } of demoReviews(dates)) {
      const id = await saveReview(trx, { ...review, createdBy: DEMO_HR_ID }, now);
      if (acknowledged) {
        const at = Date.parse(`${addDays(review.reviewedOn, acknowledged.daysAfter)}T15:00:00Z`);
        await acknowledgeReview(trx, id, review.employeeId, acknowledged.comment, at);
      }
    }
    for (const benefit of demoBenefits(dates)) await saveBenefit(trx, { ...benefit, createdBy: DEMO_HR_ID }, now);

    // Every 10th active person of the fictional crowd (employee IDs 3xxxxx) has a medical plan.
    const crowd = await listActiveEmployeesByIdPrefix(trx, '3');
    for (const [index, person] of crowd.entries()) {
      if (index % 10 === 0) await saveBenefit(trx, { ...crowdBenefit(person, dates), createdBy: DEMO_HR_ID }, now);
    }
  });
}

function recordDates(today: string): RecordDates {
  const opensOn = firstOfNextMonth(today);
  return {
    today,
    year: Number(today.slice(0, 4)),
    enrolment: { opensOn, closesOn: addDays(opensOn, 30) },
    retireeWindow: { opensOn: addDays(today, -7), closesOn: addDays(today, 23) },
  };
}

/** From September the calendar HR publishes is next year's. */
function holidayYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 9 ? year + 1 : year;
}
