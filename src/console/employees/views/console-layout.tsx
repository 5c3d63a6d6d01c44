import { Notice } from '../../../web/components/notice.js';
import type { ComponentChildren } from 'preact';
import { Layout } from '../../../web/layout.js';
import type { PageContext } from '../../../web/page-context.js';

// The frame of the console's pages: one h1, the console's navigation (by role), a notice.

export function ConsoleLayout({ ctx, title, failed, done, children }: { ctx: PageContext; title: string; failed?: boolean; done?: string | null; children: ComponentChildren }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={failed ? t.wizard.errorTitle(title) : title}>
      <nav aria-label={t.console.nav}>
        <ul class="link-list">
          {consoleLinks(ctx).map(([href, label]) => (
            <li key={href}>
              <a href={href} aria-current={new URL(ctx.path, 'http://portico.invalid').pathname === href ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h1 id="page-heading">{title}</h1>
      <Notice text={done ?? null} />
      {children}
    </Layout>
  );
}

/**
 * The console pages the signed-in person's roles open (admin holds every role); a context without
 * roles gets the help desk's pages.
 */
function consoleLinks(ctx: PageContext): [string, string][] {
  const { t } = ctx;
  const roles = ctx.user?.roles ?? ['helpdesk'];
  const has = (role: string) => roles.includes(role) || roles.includes('admin');
  const links: [string, string][] = [];
  if (has('hr')) links.push(['/admin', t.console.summary.title]);
  if (has('helpdesk')) {
    links.push(['/admin/help-requests', t.consoleQueues.help.title], ['/admin/employees', t.console.employeesNav], ['/admin/audit', t.consoleQueues.audit.title]);
  }
  if (has('hr')) {
    const c = t.consoleContent.nav;
    links.push(['/admin/roster', t.consoleQueues.roster.title], ['/admin/news', c.news], ['/admin/tasks', c.tasks], ['/admin/reviews', c.reviews], ['/admin/benefits', c.benefits]);
  }
  if (has('admin')) links.push(['/admin/outbox', t.consoleQueues.outbox.title]);
  // Issue 16 (IDP-2): the applications signed in with Portico.
  if (has('admin')) links.push(['/admin/clients', t.idp.console.title]);
  return links;
}


