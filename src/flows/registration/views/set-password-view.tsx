import { Layout } from '../../../web/layout.js';
import type { PageContext } from '../../../web/page-context.js';

/** A help-desk PIN (HELP-4) opens a "set a new password" flow; its page arrives with that issue. */
export function SetPasswordPlaceholder({ ctx, givenName }: { ctx: PageContext; givenName: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.register.title}>
      <section class="card card--narrow">
        <h1>{t.register.setPasswordHeading}</h1>
        <p class="lead">{t.register.intro(givenName)}</p>
        <p>{t.register.setPasswordIntro}</p>
      </section>
    </Layout>
  );
}
