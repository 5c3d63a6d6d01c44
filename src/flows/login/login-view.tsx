import { Layout } from '../../web/layout.js';
import type { PageContext } from '../../web/page-context.js';

interface LoginViewProps {
  ctx: PageContext;
  identifier: string;
  notice?: 'signedOut' | null;
  /** LOGIN-10: offer "Sign in with company SSO" (only when a provider is configured). */
  sso?: boolean;
  /** A safe return path (return-path.ts), carried through the form to after sign-in. */
  returnTo?: string | null;
  error?: { message: string; field: 'identifier' | 'password' | null; helpdesk: boolean };
}

/** LOGIN-1: one form, "Employee ID or e-mail" and "Password"; new users type their PIN as the password. */
export function LoginView({ ctx, identifier, notice, sso, returnTo, error }: LoginViewProps) {
  const { t } = ctx;
  const describedBy = (field: 'identifier' | 'password', base?: string) =>
    [base, error && (error.field === field || error.field === null) ? 'login-error' : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <Layout ctx={ctx} title={t.login.title}>
      <div class="auth-layout">
        <section class="card card--narrow" aria-labelledby="login-heading">
          <h1 id="login-heading">{t.login.heading}</h1>
          <p class="lead">{t.login.intro}</p>
          {returnTo ? <p class="notice">{t.login.returnTo}</p> : null}
          {notice === 'signedOut' ? (
            <p class="notice notice--success" role="status">
              {t.login.signedOut}
            </p>
          ) : null}
          {error ? (
            <div class="notice notice--error" role="alert" id="login-error">
              <p>{error.message}</p>
              {error.helpdesk ? (
                <p>
                  <a href="/help/contact">{t.login.needHelp}</a>
                </p>
              ) : null}
            </div>
          ) : null}
          <form method="post" action="/login" class="form" novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            {returnTo ? <input type="hidden" name="return" value={returnTo} /> : null}
            <div class="field">
              <label for="identifier">{t.login.identifier}</label>
              <input
                id="identifier"
                name="identifier"
                type="text"
                autocomplete="username"
                autocapitalize="none"
                spellcheck={false}
                required
                maxLength={254}
                value={identifier}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={describedBy('identifier')}
              />
            </div>
            <div class="field">
              <label for="password">{t.login.password}</label>
              <input
                id="password"
                name="password"
                type="password"
                autocomplete="current-password"
                required
                maxLength={256}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={describedBy('password', 'password-hint')}
              />
              <p class="hint" id="password-hint">
                {t.login.passwordHint}
              </p>
            </div>
            <button type="submit" class="button button--primary button--block">
              {t.login.submit}
            </button>
          </form>
          {sso ? (
            <p>
              <a class="button button--block" href="/login/sso">
                {t.login.ssoButton}
              </a>
            </p>
          ) : null}
          <ul class="link-list">
            <li>
              <a href="/recovery">{t.login.forgot}</a>
            </li>
            <li>
              <a href="/help">{t.login.needHelp}</a>
            </li>
          </ul>
        </section>
      </div>
    </Layout>
  );
}
