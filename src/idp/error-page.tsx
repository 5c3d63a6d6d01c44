import { renderToString } from 'preact-render-to-string';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Config } from '../config/config.js';
import { ErrorPage } from '../web/error-page.js';
import { asLanguage, messagesFor } from '../web/i18n.js';
import type { PageContext } from '../web/page-context.js';

// The provider's error page for a person (a bad client, redirect URI or request, an expired
// sign-in): a Portico page in the reader's language, naming the OAuth error code for the help desk
// and nothing else (no description, no stack). JSON answers stay OAuth errors.

const ERROR_CODE = /^[a-z_]{1,60}$/;

/** The language Portico chose for this request (provider-api.ts passes it on the raw request). */
export function languageOf(ctx: { req: unknown }): ReturnType<typeof asLanguage> {
  return asLanguage((ctx.req as { porticoLanguage?: string }).porticoLanguage);
}

export function IdpErrorPage({ ctx, code, message }: { ctx: PageContext; code: string | null; message?: string }) {
  const { t } = ctx;
  const text = (
    <>
      {message ?? t.idp.errorLead} {code && !message ? <code>{code}</code> : null}
    </>
  );
  return <ErrorPage ctx={ctx} title={t.idp.errorTitle} message={text} />;
}

/** The content security policy of the provider's own pages (no script); `form-action` follows it. */
export const PROVIDER_PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; frame-ancestors 'none'; base-uri 'none'";

export function idpPageContext(language: ReturnType<typeof asLanguage>): PageContext {
  // The form token is only for the signed-in header's sign-out form, which this page does not show.
  return { language, t: messagesFor(language), csrfToken: '', path: '/', user: null };
}

export function renderProviderError(ctx: KoaContextWithOIDC, _config: Readonly<Config>, out: { error?: string }): void {
  const code = typeof out.error === 'string' && ERROR_CODE.test(out.error) ? out.error : 'invalid_request';
  ctx.type = 'html';
  ctx.set('content-security-policy', `${PROVIDER_PAGE_CSP}; form-action 'self'`);
  ctx.set('cache-control', 'no-store');
  ctx.body = `<!doctype html>${renderToString(<IdpErrorPage ctx={idpPageContext(languageOf(ctx))} code={code} />)}`;
}
