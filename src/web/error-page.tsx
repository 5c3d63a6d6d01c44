import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/**
 * Every error a page request can meet; a missing page explains itself instead of raising an alert,
 * and a database that is away for a moment (503) says to try again rather than that something broke.
 */
export function ErrorPage({ ctx, status, message, fixHref = null }: { ctx: PageContext; status: number; message: string; fixHref?: string | null }) {
  const { t } = ctx;
  const notFound = status === 404;
  const title = notFound ? t.errorPage.notFoundTitle : status === 503 ? t.errorPage.unavailableTitle : t.errorPage.title;
  return (
    <Layout ctx={ctx} title={title}>
      <div class="auth-layout">
        <section class="card card--narrow" aria-labelledby="error-heading">
          <h1 id="error-heading">{title}</h1>
          {notFound ? (
            <p class="lead">{t.errorPage.notFound}</p>
          ) : (
            <p class="notice notice--error" role="alert">
              {message}
            </p>
          )}
          {fixHref ? (
            <p>
              <a class="button button--primary" href={fixHref}>
                {t.errorPage.toProfile}
              </a>
            </p>
          ) : null}
          <p>
            <a class="button" href="/">
              {t.errorPage.backToStart}
            </a>
          </p>
        </section>
      </div>
    </Layout>
  );
}
