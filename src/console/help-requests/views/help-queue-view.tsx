import type { ComponentChildren } from 'preact';
import { ErrorSummary } from '../../../web/components/error-summary.js';
import { Field, TextAreaField } from '../../../web/components/field.js';
import type { FormErrors } from '../../../web/components/form-errors.js';
import { PostForm } from '../../../web/components/post-form.js';
import { ConsoleLayout } from '../../employees/views/console-layout.js';
import { StateBadges } from '../../views/state-badges.js';
import type { PageContext } from '../../../web/page-context.js';
import { CLOSE_LIMITS, type QueueItem } from '../help-queue.js';

// HELP-3: the queue's view: counts by category, then each open request, oldest first, with the
// matching account's badges, a link to it, and a close form (reason and note).

interface ViewProps {
  ctx: PageContext;
  items: QueueItem[];
  closed: string | null;
  failed: { id: number; errors: FormErrors; reason: string; note: string } | null;
  formatTime: (ms: number) => string;
}

export function HelpQueueView({ ctx, items, closed, failed, formatTime }: ViewProps) {
  const q = ctx.t.consoleQueues;
  const t = q.help;
  const c = ctx.t.console.queue;
  return (
    <ConsoleLayout ctx={ctx} title={t.title} failed={failed !== null}>
      <p class="lead">{t.intro}</p>
      {closed ? (
        <p class="notice notice--success" role="status">
          {t.closed(closed)}
        </p>
      ) : null}
      {failed ? <ErrorSummary ctx={ctx} errors={failed.errors} /> : null}
      <CategoryCounts ctx={ctx} items={items} />
      {items.length === 0 ? <p>{t.empty}</p> : null}
      {items.map((item) => {
        const errors = failed?.id === item.id ? failed.errors : null;
        const headingId = `request-${item.id}`;
        return (
          <article key={item.id} class="card queue-item" aria-labelledby={headingId}>
            <h2 id={headingId}>{item.reference}</h2>
            <div class="queue-item__account">
              {item.account ? <StateBadges ctx={ctx} state={badgeState(item)} /> : <p>{t.noAccount}</p>}
              {item.account && item.employeeId ? (
                <p>
                  <a class="button" href={`/admin/employees/${item.employeeId}`}>
                    {c.openAccount(item.employeeId)}
                  </a>
                </p>
              ) : null}
            </div>
            <dl class="facts">
              <Fact term={t.received} value={<time dateTime={new Date(item.createdAt).toISOString()}>{formatTime(item.createdAt)}</time>} />
              <Fact term={t.employeeId} value={item.employeeId ?? q.none} />
              <Fact term={t.name} value={item.name} />
              <Fact term={t.contact} value={item.contact} />
              <Fact term={t.category} value={categoryName(ctx, item.category)} />
              <Fact term={t.description} value={<span class="pre-wrap">{item.description}</span>} />
              <Fact term={t.account} value={<AccountSummary ctx={ctx} item={item} formatTime={formatTime} />} />
            </dl>
            <h3>{t.closeHeading(item.reference)}</h3>
            <PostForm ctx={ctx} action="/admin/help-requests/close">
              <input type="hidden" name="id" value={String(item.id)} />
              <Field errors={errors} id={`reason-${item.id}`} name="reason" label={q.reasonLabel} hint={q.reasonHint} maxLength={CLOSE_LIMITS.reason} value={errors ? failed?.reason : ''} />
              <TextAreaField errors={errors} id={`note-${item.id}`} name="note" label={q.noteLabel} hint={q.noteHint} rows={3} maxLength={CLOSE_LIMITS.note} value={(errors ? failed?.note : '') ?? ''} />
              <button type="submit" class="button button--primary">
                {t.close}
              </button>
            </PostForm>
          </article>
        );
      })}
    </ConsoleLayout>
  );
}

function categoryName(ctx: PageContext, category: string): string {
  return (ctx.t.help.contact.categories as Record<string, string>)[category] ?? category;
}

function badgeState(item: QueueItem) {
  const a = item.account!;
  return { hasAccount: true, registered: a.registered, locked: a.lockedUntil !== null, helpdeskLocked: a.helpdeskLocked, disabled: a.disabled, mfa: a.mfa };
}

/** HELP-3: how many open requests of each kind wait, so the desk sees the load at a glance. */
function CategoryCounts({ ctx, items }: { ctx: PageContext; items: QueueItem[] }) {
  const c = ctx.t.console.queue;
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
  return (
    <section class="console-section" aria-labelledby="queue-counts-heading">
      <h2 id="queue-counts-heading">{c.countsHeading}</h2>
      <p>{c.total(items.length)}</p>
      {counts.size > 0 ? (
        <dl class="summary-counts">
          {[...counts].map(([category, count]) => (
            <div key={category} class="summary-count">
              <dt>{categoryName(ctx, category)}</dt>
              <dd>{count}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}

function Fact({ term, value }: { term: string; value: ComponentChildren }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function AccountSummary({ ctx, item, formatTime }: { ctx: PageContext; item: QueueItem; formatTime: (ms: number) => string }) {
  const q = ctx.t.consoleQueues;
  const t = q.help;
  const account = item.account;
  if (!account) return <>{t.noAccount}</>;
  return (
    <ul>
      <li>{`${t.registered}: ${account.registered ? q.yes : q.no}`}</li>
      <li>{`${t.mfa}: ${ctx.t.console.mfaMethods[account.mfa] ?? account.mfa}`}</li>
      {account.lockedUntil !== null ? <li>{t.lockedUntil(formatTime(account.lockedUntil))}</li> : null}
      {account.helpdeskLocked ? <li>{t.helpdeskLocked}</li> : null}
      {account.disabled ? <li>{t.disabled}</li> : null}
    </ul>
  );
}
