import type { PageContext } from '../web/page-context.js';
import { Layout } from '../web/layout.js';
import { PostForm } from '../web/components/post-form.js';

// IDP-5: the consent page for an application that is not first-party: which application, and what
// it will learn about the person, in words.

export const SCOPES_SHOWN = ['openid', 'profile', 'email', 'employee', 'offline_access'] as const;

export function ConsentView({ ctx, uid, clientName, scopes }: { ctx: PageContext; uid: string; clientName: string; scopes: readonly string[] }) {
  const { t } = ctx;
  const shown = SCOPES_SHOWN.filter((scope) => scopes.includes(scope));
  return (
    <Layout ctx={ctx} title={t.idp.consentTitle(clientName)}>
      <div class="auth-layout">
        <section class="card card--narrow" aria-labelledby="consent-heading">
          <h1 id="consent-heading">{t.idp.consentTitle(clientName)}</h1>
          <p class="lead">{t.idp.consentLead(clientName)}</p>
          <ul>
            {shown.map((scope) => (
              <li key={scope}>{t.idp.scopes[scope]}</li>
            ))}
          </ul>
          <p>{t.idp.consentHint}</p>
          <PostForm ctx={ctx} action={`/oidc/interaction/${encodeURIComponent(uid)}/consent`} labelledBy="consent-heading">
            <button type="submit" class="button button--primary" name="decision" value="allow">
              {t.idp.consentAllow}
            </button>{' '}
            <button type="submit" class="button" name="decision" value="deny">
              {t.idp.consentDeny}
            </button>
          </PostForm>
        </section>
      </div>
    </Layout>
  );
}
