import type { ComponentChildren } from 'preact';
import { Layout } from '../../../web/layout.js';
import type { PageContext } from '../../../web/page-context.js';

// The frame of every Edit My Profile page: its one h1 and the profile's own navigation.

export type ProfilePage = 'overview' | 'password' | 'sessions' | 'security';

const PAGE_PATHS: Record<ProfilePage, string> = {
  overview: '/profile',
  password: '/profile/password',
  sessions: '/profile/sessions',
  security: '/profile/security',
};

interface ProfileLayoutProps {
  ctx: PageContext;
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
      <nav aria-label={t.profile.pagesLabel}>
        <ul class="link-list profile-pages">
          {(Object.keys(PAGE_PATHS) as ProfilePage[]).map((key) => (
            <li key={key}>
              <a href={PAGE_PATHS[key]} aria-current={key === page ? 'page' : undefined}>
                {links[key]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {done ? (
        <p class="notice notice--success" role="status">
          {done}
        </p>
      ) : null}
      {children}
    </Layout>
  );
}
