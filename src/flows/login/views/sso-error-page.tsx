import { Layout } from '../../../web/layout.js';
import type { PageContext } from '../../../web/page-context.js';

/** LOGIN-10: why an SSO sign-in did not sign the person in, and the way back to the sign-in page. */
export function SsoErrorPage({ ctx, message, helpdesk }: { ctx: PageContext; message: string; helpdesk: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.login.ssoErrorTitle}>
      <div class="auth-layout">
        <section class="card card--narrow" aria-labelledby="sso-error-heading">
          <h1 id="sso-error-heading">{t.login.ssoErrorTitle}</h1>
          <div class="notice notice--error" role="alert">
            <p>{message}</p>
          </div>
          <p>
            <a class="button button--primary" href="/login">
              {t.login.backToSignIn}
            </a>
          </p>
          <ul class="link-list">
            <li>
              <a href={helpdesk ? '/help/contact' : '/help'}>{t.login.needHelp}</a>
            </li>
          </ul>
        </section>
      </div>
    </Layout>
  );
}
