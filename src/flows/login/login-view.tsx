import { ERROR_SUMMARY_ID, ErrorSummary } from '../../web/components/error-summary.js';
import { Field } from '../../web/components/field.js';
import type { FormErrors } from '../../web/components/form-errors.js';
import { PostForm } from '../../web/components/post-form.js';
import { Layout } from '../../web/layout.js';
import type { PageContext } from '../../web/page-context.js';
import { PasskeyScript } from '../../web/components/passkey-script.js';

interface LoginViewProps {
  ctx: PageContext;
  identifier: string;
  notice?: 'signedOut' | null;
  /** LOGIN-10: offer "Sign in with company SSO" (only when a provider is configured). */
  sso?: boolean;
  /** A safe return path (return-path.ts), carried through the form to after sign-in. */
  returnTo?: string | null;
  errors?: FormErrors | null;
  /** LOGIN-7: the lock is the help desk's, so the summary points to the help form. */
  helpdesk?: boolean;
  /** MFA-7: the origin passkeys work at, when they are offered (the public URL has a domain name); the script shows the button where WebAuthn exists. */
  passkeyOrigin?: string | null;
  /** Issue 16 (IDP-1): the application asked for a passkey sign-in (`acr_values=phr`). */
  passkeyAsked?: boolean;
}

/** LOGIN-1: one form, "Employee ID or e-mail" and "Password"; new users type their PIN as the password. */
export function LoginView({ ctx, identifier, notice, sso, returnTo, errors = null, helpdesk = false, passkeyOrigin = null, passkeyAsked = false }: LoginViewProps) {
  const passkeys = passkeyOrigin !== null;
  const { t } = ctx;
  // LOGIN-5: wrong credentials name no field; both are marked and described by the summary.
  const wholeForm = errors !== null && Object.keys(errors.fields).length === 0;
  const formProblem = wholeForm ? ERROR_SUMMARY_ID : undefined;
  return (
    <Layout ctx={ctx} title={t.login.title}>
      <div class="auth-layout">
        <section class="card card--narrow" aria-labelledby="login-heading">
          <h1 id="login-heading">{t.login.heading}</h1>
          <p class="lead">{t.login.intro}</p>
          {returnTo ? <p class="notice">{returnTo.startsWith('/oidc/') ? (passkeyAsked ? t.idp.passkeyAsked : t.idp.loginNotice) : t.login.returnTo}</p> : null}
          {notice === 'signedOut' ? (
            <p class="notice notice--success" role="status">
              {t.login.signedOut}
            </p>
          ) : null}
          {errors ? (
            <ErrorSummary ctx={ctx} errors={errors}>
              {helpdesk ? (
                <p>
                  <a href="/help/contact">{t.login.needHelp}</a>
                </p>
              ) : null}
            </ErrorSummary>
          ) : null}
          <PostForm ctx={ctx} action="/login" submit={t.login.submit}>
            {returnTo ? <input type="hidden" name="return" value={returnTo} /> : null}
            <Field
              errors={errors}
              id="identifier"
              name="identifier"
              label={t.login.identifier}
              value={identifier}
              // MFA-7: `webauthn` lets the browser offer passkeys in the field's autofill (conditional mediation).
              autocomplete={passkeys ? 'username webauthn' : 'username'}
              verbatim
              required
              maxLength={254}
              invalid={wholeForm}
              describedByExtra={formProblem}
            />
            <Field
              errors={errors}
              id="password"
              name="password"
              type="password"
              label={t.login.password}
              hint={t.login.passwordHint}
              autocomplete="current-password"
              required
              maxLength={256}
              invalid={wholeForm}
              describedByExtra={formProblem}
            />
          </PostForm>
          {passkeys ? (
            // Shown by /assets/passkeys.js only where WebAuthn exists; without it, nothing here is seen.
            <div class="passkey-signin" data-passkey="login" data-origin={passkeyOrigin} data-return={returnTo ?? '/home'} data-failed={t.errors.passkeyRefused} hidden>
              <p>{t.login.passkeyOr}</p>
              <button type="button" class="button button--block" data-passkey-start>
                {t.login.passkeyButton}
              </button>
              <p class="notice notice--error" data-passkey-error role="alert" hidden></p>
              <PasskeyScript />
            </div>
          ) : null}
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
