import type { ComponentChildren } from 'preact';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/**
 * Every error a page request can meet; a missing page explains itself instead of raising an alert,
 * and a database that is away for a moment (503) says to try again rather than that something broke.
 * Pages with their own words (the identity provider's, SSO's) pass a title and their own ways on;
 * the rest is the same frame.
 */
export function ErrorPage({
  ctx,
  status = 500,
  title,
  message,
  fixHref = null,
  actions,
}: {
  ctx: PageContext;
  status?: number;
  title?: string;
  message: ComponentChildren;
  fixHref?: string | null;
  /** The ways on, instead of the profile link and the start page. */
  actions?: ComponentChildren;
}) {
  const { t } = ctx;
  const notFound = status === 404 && title === undefined;
  const heading = title ?? (notFound ? t.errorPage.notFoundTitle : status === 503 ? t.errorPage.unavailableTitle : t.errorPage.title);
  return (
    <Layout ctx={ctx} title={heading}>
      <div class="auth-layout">
        <section class="card card--narrow" aria-labelledby="error-heading">
          <h1 id="error-heading">{heading}</h1>
          {notFound ? (
            <p class="lead">{t.errorPage.notFound}</p>
          ) : (
            <p class="notice notice--error" role="alert">
              {message}
            </p>
          )}
          {actions ?? (
            <>
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
            </>
          )}
        </section>
      </div>
    </Layout>
  );
}
