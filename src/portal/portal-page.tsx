import { Notice } from '../web/components/notice.js';
import type { ComponentChildren } from 'preact';
import { companyDate } from '../identity/eligibility.js';
import { formatDate, type Language } from '../web/i18n.js';
import { Layout } from '../web/layout.js';
import type { PageContext } from '../web/page-context.js';

// The frame shared by the module pages (news, tasks, reviews, benefits): the one h1, an intro, and
// the notice of a change that just worked.

interface PortalPageProps {
  ctx: PageContext;
  title: string;
  /** The page's h1 when it differs from the <title> word (e.g. an article's title). */
  heading?: string;
  intro?: string;
  notice?: string | null;
  /** Some form on the page failed: the title starts with "Error:". */
  failed?: boolean;
  children: ComponentChildren;
}

export function PortalPage({ ctx, title, heading, intro, notice, failed, children }: PortalPageProps) {
  return (
    <Layout ctx={ctx} title={failed ? ctx.t.wizard.errorTitle(title) : title}>
      <div class="welcome">
        <h1 id="page-heading">{heading ?? title}</h1>
        {intro ? <p class="lead">{intro}</p> : null}
      </div>
      <Notice text={notice ?? null} />
      {children}
    </Layout>
  );
}

/** A change that just succeeded, announced politely. */

/** A moment (epoch ms) as its calendar date in the company time zone, spelled out in the reader's language. */
export function formatDay(epochMs: number, language: Language, timeZone: string): string {
  return formatDate(companyDate(new Date(epochMs), timeZone), language);
}
