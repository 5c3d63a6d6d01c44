import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

export function ErrorPage({ ctx, status, message }: { ctx: PageContext; status: number; message: string }) {
  const { t } = ctx;
  const title = status === 404 ? t.errorPage.notFoundTitle : t.errorPage.title;
  return (
    <Layout ctx={ctx} title={title}>
      <section class="card card--narrow">
        <h1>{title}</h1>
        <p class="notice notice--error" role="alert">
          {message}
        </p>
        <p>
          <a class="button" href="/">
            {t.errorPage.backToStart}
          </a>
        </p>
      </section>
    </Layout>
  );
}
