// A homepage with something in every panel, so the homepage figure measures real pages: 30 news
// articles in three languages (3 shown), 8 tasks for everyone (5 shown), and per account a review
// and three benefit plans.
import type { Db } from '../src/storage/database.js';
import { saveNews } from '../src/storage/repositories/content/news.js';
import { saveTask } from '../src/storage/repositories/content/tasks.js';
import { saveReview } from '../src/storage/repositories/content/reviews.js';
import { saveBenefit } from '../src/storage/repositories/content/benefits.js';

const BODY = '## Highlights\n\n- **Open enrolment** runs all month.\n- See [your benefits](/benefits).\n\nQuestions? Write to [HR](mailto:hr@example.com).';

export async function seedBenchContent(db: Db, employeeIds: readonly string[], now: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < 30; i++) {
      const translations = ['en', 'fr-CA', 'es-PR'].map((language) => ({ language, title: `Bench article ${i} (${language})`, body: BODY }));
      await saveNews(trx, { ref: `bench-news-${i}`, publishedAt: now - (i + 1) * 3_600_000, translations }, now);
    }
    for (let i = 0; i < 8; i++) {
      await saveTask(trx, { ref: `bench-task-${i}`, title: `Bench task ${i}`, description: 'Something to do.', dueOn: `2026-12-${String(i + 10)}`, statuses: ['active'] }, now);
    }
    for (const employeeId of employeeIds) {
      await saveReview(trx, { employeeId, period: '2026 mid-year', reviewer: 'A. Manager', rating: 4, strengths: 'Steady.', goals: 'Grow.', reviewedOn: '2026-07-01' }, now);
      for (const [plan, category] of [['Medical PPO', 'medical'], ['Dental Plus', 'dental'], ['Vision Care', 'vision']] as const) {
        await saveBenefit(trx, { employeeId, plan, category, coverage: 'Employee + family', startsOn: '2026-01-01', enrolmentOpensOn: '2026-12-01', enrolmentClosesOn: '2026-12-31' }, now);
      }
    }
  });
}
