import type { ComponentChildren } from 'preact';
import { Layout } from '../../../web/layout.js';
import { Notice } from '../../../web/components/notice.js';
import type { PageContext } from '../../../web/page-context.js';

// The frame of every Edit My Profile page: its one h1 and the profile's own navigation, which marks
// the page you are on (`aria-current`).

// Issue 16 adds 'apps' (IDP-5, Connected apps) at the end.
export const PROFILE_PAGES = ['overview', 'contact', 'password', 'questions', 'mfa', 'passkeys', 'language', 'sessions', 'security', 'apps'] as const;
export type ProfilePage = (typeof PROFILE_PAGES)[number];

export const PROFILE_PATHS: Record<ProfilePage, string> = {
  overview: '/profile',
  contact: '/profile/contact',
  password: '/profile/password',
  questions: '/profile/questions',
  mfa: '/profile/mfa',
  passkeys: '/profile/passkeys',
  language: '/profile/language',
  sessions: '/profile/sessions',
  security: '/profile/security',
  // Issue 16 (IDP-5).
  apps: '/profile/apps',
};

/** A page's context in Edit My Profile: which of its pages this company has (no questions outside REG-7's described policy). */
export interface ProfileContext extends PageContext {
  profilePages: readonly ProfilePage[];
}

interface ProfileLayoutProps {
  ctx: ProfileContext;
  page: ProfilePage | null;
  title: string;
  intro: ComponentChildren;
  /** A change that just succeeded, announced politely. */
  done?: string | null;
  /** Some form on the page failed: the title starts with "Error:". */
  failed?: boolean;
  children: ComponentChildren;
}

export function ProfileLayout({ ctx, page, title, intro, done, failed, children }: ProfileLayoutProps) {
  const { t } = ctx;
  const links = t.profile.links;
  return (
    <Layout ctx={ctx} title={failed ? t.wizard.errorTitle(title) : title}>
      <section class="welcome" aria-labelledby="page-heading">
        <h1 id="page-heading">{title}</h1>
        <p class="lead">{intro}</p>
      </section>
      <nav class="sub-nav" aria-label={t.profile.pagesLabel}>
        <ul>
          {ctx.profilePages.map((key) => (
            <li key={key}>
              <a href={PROFILE_PATHS[key]} aria-current={key === page ? 'page' : undefined}>
                {links[key]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Notice text={done ?? null} />
      {children}
    </Layout>
  );
}

/** The way back from a change page to the overview. */
export function BackToProfile({ ctx }: { ctx: ProfileContext }) {
  return (
    <p>
      <a href="/profile">{ctx.t.profile.back}</a>
    </p>
  );
}
