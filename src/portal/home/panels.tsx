import type { ComponentChildren } from 'preact';
import type { NewsItem } from '../../storage/repositories/content/news.js';
import type { Review } from '../../storage/repositories/content/reviews.js';
import type { Task } from '../../storage/repositories/content/tasks.js';
import type { PageContext } from '../../web/page-context.js';
import { langAttribute } from '../../web/reader-language.js';
import { InLanguage } from '../../web/components/in-language.js';
import { EnrolmentNotice, categoryLabel } from '../benefits/views.js';
import type { EnrolmentWindow, ShownBenefit } from '../benefits/summary.js';
import { plainExcerpt } from '../news/markdown.js';
import { pickTranslation } from '../news/read-news.js';
import { formatDay } from '../portal-page.js';
import { ReviewCard } from '../reviews/views.js';
import { TaskRow } from '../tasks/views.js';

// HOME-1: the homepage's four panels. Each is a landmark named by its h2, with an empty state and
// a link to the module's full page.

function Panel({ id, heading, link, children }: { id: string; heading: string; link: { href: string; text: string }; children: ComponentChildren }) {
  return (
    <section class="card panel" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <div class="panel__body">{children}</div>
      <p class="panel__link">
        <a href={link.href}>{link.text}</a>
      </p>
    </section>
  );
}

export function NewsPanel({ ctx, news, timeZone }: { ctx: PageContext; news: NewsItem[]; timeZone: string }) {
  const { t } = ctx;
  return (
    <Panel id="panel-news" heading={t.portal.news.title} link={{ href: '/news', text: t.home.allNews }}>
      {news.length === 0 ? <p>{t.home.newsNone}</p> : null}
      {news.length === 0 ? null : (
      <ul class="panel-list">
        {news.map((item) => {
          const text = pickTranslation(item, ctx.language);
          const other = langAttribute(text.language, ctx.language);
          return (
            <li key={item.id}>
              <a href={`/news/${item.id}`} lang={other} class="panel-list__title">
                {text.title}
              </a>
              <p class="meta">{formatDay(item.publishedAt, ctx.language, timeZone)}</p>
              <p lang={other}>{plainExcerpt(text.body, 140)}</p>
            </li>
          );
        })}
      </ul>
      )}
    </Panel>
  );
}

interface TasksPanelProps {
  ctx: PageContext;
  tasks: Task[];
  more: boolean;
  today: string;
  timeZone: string;
}

export function TasksPanel({ ctx, tasks, more, today, timeZone }: TasksPanelProps) {
  const { t } = ctx;
  return (
    <Panel id="panel-tasks" heading={t.portal.tasks.title} link={{ href: '/tasks', text: t.home.allTasks }}>
      {tasks.length === 0 ? (
        <p>{t.home.tasksNone}</p>
      ) : (
        <ul class="task-list task-list--compact">
          {tasks.map((task) => (
            <TaskRow key={task.id} ctx={ctx} task={task} today={today} timeZone={timeZone} onHome />
          ))}
        </ul>
      )}
      {more ? <p class="meta">{t.home.moreTasks}</p> : null}
    </Panel>
  );
}

export function ReviewsPanel({ ctx, review, timeZone }: { ctx: PageContext; review: Review | undefined; timeZone: string }) {
  const { t } = ctx;
  return (
    <Panel id="panel-reviews" heading={t.portal.reviews.title} link={{ href: '/reviews', text: t.home.allReviews }}>
      {review ? <ReviewCard ctx={ctx} review={review} timeZone={timeZone} compact /> : <p>{t.home.reviewsNone}</p>}
    </Panel>
  );
}

export function BenefitsPanel({ ctx, current, window }: { ctx: PageContext; current: ShownBenefit[]; window: EnrolmentWindow | null }) {
  const { t } = ctx;
  return (
    <Panel id="panel-benefits" heading={t.portal.benefits.title} link={{ href: '/benefits', text: t.home.allBenefits }}>
      {current.length === 0 ? <p>{t.home.benefitsNone}</p> : null}
      {current.length === 0 ? null : (
      <ul class="panel-list">
        {current.map((benefit) => (
          <li key={benefit.id}>
            <strong lang={langAttribute(benefit.language, ctx.language)}>{benefit.plan}</strong> <span class="meta">({categoryLabel(t, benefit.category)})</span>
            <br />
            <InLanguage text={benefit.coverage} language={benefit.language} page={ctx.language} />
          </li>
        ))}
      </ul>
      )}
      <EnrolmentNotice ctx={ctx} window={window} />
    </Panel>
  );
}
