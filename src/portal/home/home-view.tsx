import type { Profile } from '../../storage/repositories/accounts.js';
import type { NewsItem } from '../../storage/repositories/content/news.js';
import type { Review } from '../../storage/repositories/content/reviews.js';
import type { Task } from '../../storage/repositories/content/tasks.js';
import { Layout } from '../../web/layout.js';
import type { PageContext } from '../../web/page-context.js';
import type { EnrolmentWindow, ShownBenefit } from '../benefits/summary.js';
import { Notice } from '../../web/components/notice.js';
import { BenefitsPanel, NewsPanel, ReviewsPanel, TasksPanel } from './panels.js';

// HOME-1: greeting by name, the four panels in a responsive grid, then the account facts.

interface HomeViewProps {
  ctx: PageContext;
  profile: Profile;
  notice: string | null;
  /** The first homepage after registration (`?done=accountReady`): the account is ready, and what to do next. */
  accountReady?: boolean;
  news: NewsItem[];
  tasks: { shown: Task[]; more: boolean };
  review: Review | undefined;
  benefits: { current: ShownBenefit[]; nextEnrolment: EnrolmentWindow | null };
  today: string;
  timeZone: string;
}

export function HomeView({ ctx, profile, notice, accountReady, news, tasks, review, benefits, today, timeZone }: HomeViewProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.home.title}>
      <section class="welcome" aria-labelledby="home-heading">
        <h1 id="home-heading">{t.home.greeting(profile.givenName)}</h1>
        <p class="lead">{t.home.intro}</p>
      </section>
      <Notice text={notice} />
      {accountReady ? <AccountReady ctx={ctx} /> : null}
      <div class="panels">
        <NewsPanel ctx={ctx} news={news} timeZone={timeZone} />
        <TasksPanel ctx={ctx} tasks={tasks.shown} more={tasks.more} today={today} timeZone={timeZone} />
        <ReviewsPanel ctx={ctx} review={review} timeZone={timeZone} />
        <BenefitsPanel ctx={ctx} current={benefits.current} window={benefits.nextEnrolment} />
      </div>
      <section class="card" aria-labelledby="account-heading">
        <h2 id="account-heading">{t.home.profile}</h2>
        <dl class="facts">
          <div>
            <dt>{t.home.employeeId}</dt>
            <dd>{profile.employeeId}</dd>
          </div>
          <div>
            <dt>{t.home.email}</dt>
            <dd>{profile.email ?? t.home.notSet}</dd>
          </div>
        </dl>
      </section>
    </Layout>
  );
}

/** REG-7's end: the confirmation that the account is ready, with the two things worth doing next. */
function AccountReady({ ctx }: { ctx: PageContext }) {
  const r = ctx.t.home.accountReady;
  return (
    <section class="card notice--success account-ready" aria-labelledby="account-ready-heading" role="status">
      <h2 id="account-ready-heading">{r.heading}</h2>
      <p>{r.text}</p>
      <ul class="next-steps">
        <li>
          <a href="/profile/mfa">{r.mfa}</a> — {r.mfaWhy}
        </li>
        <li>
          <a href="/profile/contact">{r.contact}</a> — {r.contactWhy}
        </li>
      </ul>
    </section>
  );
}
