import type { ComponentChildren } from 'preact';
import { PostForm } from './components/post-form.js';
import { LANGUAGES, messagesFor } from './i18n.js';
import type { PageContext } from './page-context.js';
import { assetUrl } from './static-assets.js';
import { HtmlTemplates, slot } from './html-templates.js';

interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
}

/** The frame's templates (html-templates.ts): the head, the header per language, reader and path, the footer per language. */
const frames = new HtmlTemplates();

/**
 * The frame of every page: skip link, a header of one height (the brand and the language switcher;
 * for a signed-in person the main navigation, which narrow screens fold into a "Menu" disclosure
 * that needs no JavaScript), one h1 (inside children), landmarks. Head, header and footer come
 * from templates rendered once, their per-page values filled in escaped.
 */
export function Layout({ ctx, title, children }: LayoutProps) {
  const { t, language } = ctx;
  const reader = ctx.user ? ((ctx.user.roles?.length ?? 0) > 0 ? 'console' : 'employee') : 'visitor';
  const head = frames.render('head', () => <Head />, { title: `${title} · ${t.site.name}` });
  const header = frames.render(`header ${language} ${reader} ${ctx.path}`, () => <Header ctx={withSlots(ctx, reader)} />, {
    name: ctx.user?.displayName ?? '',
    token: ctx.csrfToken,
  });
  const footer = frames.render(`footer ${language}`, () => <Footer ctx={ctx} />, {});
  return (
    <html lang={language}>
      <head dangerouslySetInnerHTML={{ __html: head }} />
      <body>
        <a class="skip-link" href="#main">
          {t.site.skipToContent}
        </a>
        <header class="site-header" dangerouslySetInnerHTML={{ __html: header }} />
        <main id="main" class="site-main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer" dangerouslySetInnerHTML={{ __html: footer }} />
      </body>
    </html>
  );
}

/** The header's context with its per-page values as slots; only whether the reader has a console role matters. */
function withSlots(ctx: PageContext, reader: 'console' | 'employee' | 'visitor'): PageContext {
  return {
    ...ctx,
    csrfToken: slot('token'),
    user: reader === 'visitor' ? null : { displayName: slot('name'), roles: reader === 'console' ? ['console'] : [] },
  };
}

function Head() {
  return (
    <>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light" />
      <title>{slot('title')}</title>
      <link rel="stylesheet" href={assetUrl('styles.css')} />
      <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
    </>
  );
}

function Header({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <div class="site-header__inner">
      <a class="brand" href="/">
        <span class="brand__mark" aria-hidden="true">
          P
        </span>
        <span class="brand__name">{t.site.name}</span>
        <span class="brand__tagline">{t.site.tagline}</span>
      </a>
      <LanguageSwitcher ctx={ctx} />
      {ctx.user ? <UserMenu ctx={ctx} /> : null}
    </div>
  );
}

function Footer({ ctx }: { ctx: PageContext }) {
  return (
    <div class="site-footer__inner">
      <p>{ctx.t.site.footer}</p>
    </div>
  );
}

function UserMenu({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const pathname = new URL(ctx.path, 'http://portico.invalid').pathname;
  // The page itself is "page"; a section's own pages (e.g. /profile/password) mark the section "true".
  const current = (path: string) => (pathname === path ? 'page' : pathname.startsWith(`${path}/`) ? 'true' : undefined);
  return (
    <details class="site-menu">
      <summary class="site-menu__toggle">{t.site.menu}</summary>
      <nav class="user-menu" aria-label={t.site.mainNavigation}>
        <a href="/home" aria-current={current('/home')}>
          {t.site.home}
        </a>
        {(['news', 'tasks', 'reviews', 'benefits'] as const).map((module) => (
          <a key={module} href={`/${module}`} aria-current={current(`/${module}`)}>
            {t.portal.nav[module]}
          </a>
        ))}
        <a href="/profile" aria-current={current('/profile')}>
          {t.profile.nav}
        </a>
        {(ctx.user?.roles?.length ?? 0) > 0 ? <a href="/admin">{t.site.console}</a> : null}
        <span class="user-menu__name" title={ctx.user?.displayName}>
          {t.site.signedInAs(ctx.user?.displayName ?? '')}
        </span>
        <PostForm ctx={ctx} action="/logout" class="inline-form">
          <button type="submit" class="button button--link">
            {t.site.signOut}
          </button>
        </PostForm>
      </nav>
    </details>
  );
}

/** Plain links, so switching works without JavaScript; each names its language in that language. */
function LanguageSwitcher({ ctx }: { ctx: PageContext }) {
  const target = (language: string) => {
    const url = new URL(ctx.path, 'http://portico.invalid');
    url.searchParams.set('lang', language);
    return `${url.pathname}${url.search}`;
  };
  return (
    <nav class="language-switcher" aria-label={ctx.t.site.languageSwitcher}>
      <ul>
        {LANGUAGES.map((language) => (
          <li key={language}>
            {language === ctx.language ? (
              <span aria-current="true" lang={language}>
                {messagesFor(language).languageName}
              </span>
            ) : (
              <a href={target(language)} lang={language} hreflang={language}>
                {messagesFor(language).languageName}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
