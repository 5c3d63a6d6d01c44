import { renderToString } from 'preact-render-to-string';
import { originOf } from './paths.js';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { AppDeps } from '../core/deps.js';
import { isHttps } from '../config/config.js';
import { cookieName } from '../app/cookies.js';
import { auditOrigin } from '../audit/record-audit.js';
import { endSession } from '../session/session-store.js';
import { Layout } from '../web/layout.js';
import { idpPageContext, languageOf, PROVIDER_PAGE_CSP } from './error-page.js';

// IDP-6: RP-initiated logout. An application sends the browser to /oidc/session/end; Portico asks
// for a confirmation on its own page (the library's form carries its anti-forgery value), and
// "Sign out" ends the provider session AND the Portico session, then returns to the application's
// registered post-logout URI (or Portico's signed-out page). "Stay signed in" ends nothing but
// that application's part of the provider session.


/** The library's `logoutSource`: its form (hidden anti-forgery value) inside a Portico page. */
export function renderLogoutConfirmation(ctx: KoaContextWithOIDC, form: string): void {
  const pageCtx = idpPageContext(languageOf(ctx));
  const { t } = pageCtx;
  const clientName = ctx.oidc.client?.clientName ?? null;
  // Chromium applies form-action to the redirect after the post too: allow the registered return.
  const back = originOf((ctx.oidc.session?.state as { postLogoutRedirectUri?: string } | undefined)?.postLogoutRedirectUri);
  ctx.set('content-security-policy', `${PROVIDER_PAGE_CSP}; form-action 'self'${back ? ` ${back}` : ''}`);
  ctx.set('cache-control', 'no-store');
  ctx.type = 'html';
  ctx.body = `<!doctype html>${renderToString(
    <Layout ctx={pageCtx} title={t.idp.logoutTitle}>
      <div class="auth-layout">
        <section class="card card--narrow" aria-labelledby="logout-heading">
          <h1 id="logout-heading">{t.idp.logoutTitle}</h1>
          <p class="lead">{clientName ? t.idp.logoutLeadFrom(clientName) : t.idp.logoutLead}</p>
          {/* The library's own form: its action and anti-forgery value, already escaped by it. */}
          <div dangerouslySetInnerHTML={{ __html: form }} />
          <p>
            <button class="button button--primary" type="submit" form="op.logoutForm" name="logout" value="yes">
              {t.idp.logoutYes}
            </button>{' '}
            <button class="button" type="submit" form="op.logoutForm">
              {t.idp.logoutNo}
            </button>
          </p>
        </section>
      </div>
    </Layout>,
  )}`;
}

/** The library's `postLogoutSuccessSource`, when the application gave no return: Portico's signed-out page. */
export function redirectAfterLogout(ctx: KoaContextWithOIDC): void {
  ctx.status = 303;
  ctx.redirect('/login?signedOut');
}

/** After a confirmed logout (`end_session.success` with logout=yes): the Portico session ends too, audited. */
export async function endPorticoSession(deps: AppDeps, ctx: KoaContextWithOIDC): Promise<void> {
  const name = cookieName(deps.config, 'portico_session');
  const id = ctx.cookies.get(name, { signed: false });
  ctx.cookies.set(name, null, { path: '/', httpOnly: true, sameSite: 'lax', secure: isHttps(deps.config), signed: false, overwrite: true });
  if (!id) return;
  const employeeId = await endSession(deps.storage.db, deps.config.secret, id);
  if (!employeeId) return;
  await deps.audit.record({
    event: 'session.ended',
    outcome: 'success',
    actorId: employeeId,
    subjectId: employeeId,
    ...auditOrigin({ ip: ctx.ip, userAgent: (ctx.get('user-agent') || '').slice(0, 300), requestId: (ctx.req as { porticoRequestId?: string }).porticoRequestId ?? '' }),
    detail: { reason: 'application_logout', client: ctx.oidc.client?.clientId ?? null },
  });
}
