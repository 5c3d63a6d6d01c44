import type { PageContext } from '../../web/page-context.js';
import type { ConsoleSummaryCounts } from '../../storage/repositories/console-summary.js';
import { ConsoleLayout } from '../employees/views/console-layout.js';
import { formatConsoleTime } from './console-time.js';
import { OutboxWarning } from '../../web/components/outbox-warning.js';
import type { Config } from '../../config/config.js';

// `/admin` for admins and HR: what needs attention, each count a link to where it is worked.

interface SummaryProps {
  ctx: PageContext;
  counts: ConsoleSummaryCounts;
  timeZone: string;
  /** Which blocks the person's roles open (admin holds every role). */
  sees: { helpdesk: boolean; hr: boolean; admin: boolean };
  config: Pick<Config, 'demo' | 'mailUrl' | 'smsUrl'>;
}

function Count({ value, label, href }: { value: number; label: string; href?: string }) {
  return (
    <div class="summary-count">
      <dt>{href ? <a href={href}>{label}</a> : label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function ConsoleSummaryPage({ ctx, counts, timeZone, sees, config }: SummaryProps) {
  const s = ctx.t.console.summary;
  const nav = ctx.t.consoleContent.nav;
  return (
    <ConsoleLayout ctx={ctx} title={s.title}>
      <OutboxWarning ctx={ctx} config={config} />
      <p class="lead">{s.intro}</p>
      <section class="console-section" aria-labelledby="attention-heading">
        <h2 id="attention-heading">{s.attentionHeading}</h2>
        <dl class="summary-counts">
          {sees.helpdesk ? <Count value={counts.openHelpRequests} label={s.openHelpRequests} href="/admin/help-requests" /> : null}
          {sees.helpdesk ? <Count value={counts.helpdeskLocked} label={s.helpdeskLocked} /> : null}
          {sees.helpdesk ? <Count value={counts.temporarilyLocked} label={s.temporarilyLocked} /> : null}
          {sees.admin ? <Count value={counts.queuedMessages} label={s.queuedMessages} href="/admin/outbox" /> : null}
          {sees.admin ? <Count value={counts.failedMessages} label={s.failedMessages} href="/admin/outbox?status=failed" /> : null}
          {sees.hr ? <Count value={counts.recentImports} label={s.recentImports} href="/admin/roster" /> : null}
        </dl>
        {sees.hr ? <p>{counts.lastImportAt === null ? s.noRecentImport : s.lastImport(formatConsoleTime(counts.lastImportAt, ctx.language, timeZone))}</p> : null}
      </section>
      {sees.hr ? (
        <section class="console-section" aria-labelledby="content-heading">
          <h2 id="content-heading">{s.contentHeading}</h2>
          <ul class="tile-list">
            <li>
              <a href="/admin/news">{nav.news}</a>
            </li>
            <li>
              <a href="/admin/tasks">{nav.tasks}</a>
            </li>
            <li>
              <a href="/admin/reviews">{nav.reviews}</a>
            </li>
            <li>
              <a href="/admin/benefits">{nav.benefits}</a>
            </li>
            <li>
              <a href="/admin/roster">{ctx.t.consoleQueues.roster.title}</a>
            </li>
          </ul>
        </section>
      ) : null}
    </ConsoleLayout>
  );
}
