import type { ComponentChildren } from 'preact';
import { Layout } from '../../../web/layout.js';
import type { PageContext } from '../../../web/page-context.js';

// The frame of the console's employee pages: one h1, the console's navigation, a notice.

export function ConsoleLayout({ ctx, title, failed, done, children }: { ctx: PageContext; title: string; failed?: boolean; done?: string | null; children: ComponentChildren }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={failed ? t.wizard.errorTitle(title) : title}>
      <nav aria-label={t.console.nav}>
        <ul class="link-list">
          <li>
            <a href="/admin/employees">{t.console.employeesNav}</a>
          </li>
        </ul>
      </nav>
      <h1 id="page-heading">{title}</h1>
      {done ? (
        <p class="notice notice--success" role="status">
          {done}
        </p>
      ) : null}
      {children}
    </Layout>
  );
}

/** A time in the reader's language and the company's time zone. */
export function formatTime(at: number, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(at));
}
