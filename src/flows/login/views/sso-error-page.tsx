import { ErrorPage } from '../../../web/error-page.js';
import type { PageContext } from '../../../web/page-context.js';

/** LOGIN-10: why an SSO sign-in did not sign the person in, and the way back to the sign-in page. */
export function SsoErrorPage({ ctx, message, helpdesk }: { ctx: PageContext; message: string; helpdesk: boolean }) {
  const { t } = ctx;
  const actions = (
    <>
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
    </>
  );
  return <ErrorPage ctx={ctx} title={t.login.ssoErrorTitle} message={message} actions={actions} />;
}
