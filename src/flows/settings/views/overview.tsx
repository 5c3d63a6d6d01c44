import type { ComponentChildren } from 'preact';
import { messagesFor, type Language } from '../../../web/i18n.js';
import type { MfaOverview } from '../mfa.js';
import type { ContactDetails } from './contact.js';
import { displayMobile } from './format.js';
import { mfaState } from './mfa.js';
import { PROFILE_PATHS, ProfileLayout, type ProfileContext, type ProfilePage } from './profile-layout.js';

export interface OverviewProps {
  ctx: ProfileContext;
  contact: ContactDetails;
  pending: { email: string | null; mobile: string | null };
  language: Language;
  /** The chosen questions' texts; null when the policy offers no challenge questions (REG-7). */
  questions: string[] | null;
  mfa: MfaOverview;
  /** MFA-7: how many passkeys the account holds. */
  passkeys: number;
  sessions: number;
  done: string | null;
}

/**
 * PROF-1: /profile, every part of the account with its state and a link to the page that changes
 * it (the GOV.UK summary list). Each change has its own page; this page has no forms.
 */
export function ProfileOverview(props: OverviewProps) {
  const { ctx, contact, pending } = props;
  const p = ctx.t.profile;
  const c = p.contact;
  const mobile = contact.mobile ? displayMobile(contact.mobile) : null;
  return (
    <ProfileLayout ctx={ctx} page="overview" title={p.title} intro={p.intro} done={props.done}>
      {pending.email || pending.mobile ? (
        <div class="notice notice--success" id="contact-pending">
          {pending.email ? <p>{c.pending(pending.email)}</p> : null}
          {pending.mobile ? <p>{c.pending(displayMobile(pending.mobile))}</p> : null}
          <p>
            <a href="/profile/contact/verify">{c.enterCode}</a>
          </p>
        </div>
      ) : null}
      <section class="card" aria-labelledby="overview-heading">
        <h2 id="overview-heading">{p.overview.heading}</h2>
        <dl class="summary-list">
          <Row ctx={ctx} page="contact" label={c.heading}>
            <span class="summary-list__line">{p.overview.fact(c.email, contact.email ?? c.notSet)}</span>
            <span class="summary-list__line">{p.overview.fact(c.mobile, mobile ?? c.notSet)}</span>
            <span class="summary-list__line">{p.overview.fact(c.appId, contact.appId ?? c.notSet)}</span>
          </Row>
          <Row ctx={ctx} page="password" label={p.overview.password}>
            {p.overview.passwordSet}
          </Row>
          {props.questions ? (
            <Row ctx={ctx} page="questions" label={p.questions.heading}>
              {props.questions.length > 0 ? (
                <ol class="summary-list__items">
                  {props.questions.map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ol>
              ) : (
                p.questions.none
              )}
            </Row>
          ) : null}
          <Row ctx={ctx} page="mfa" label={ctx.t.mfa.settings.heading}>
            {mfaState(ctx.t, props.mfa)}
            {props.mfa.recoveryCodesLeft !== null ? <span class="summary-list__line">{p.overview.recoveryCodesLeft(props.mfa.recoveryCodesLeft)}</span> : null}
          </Row>
          <Row ctx={ctx} page="passkeys" label={ctx.t.passkeys.title}>
            {props.passkeys === 0 ? ctx.t.passkeys.none : ctx.t.passkeys.count(props.passkeys)}
          </Row>
          <Row ctx={ctx} page="language" label={p.language.heading}>
            <span lang={props.language}>{messagesFor(props.language).languageName}</span>
          </Row>
          <Row ctx={ctx} page="sessions" label={p.links.sessions} action={p.overview.view}>
            {p.overview.sessions(props.sessions)}
          </Row>
          <Row ctx={ctx} page="security" label={p.links.security} action={p.overview.view}>
            {p.overview.securityHint}
          </Row>
        </dl>
      </section>
    </ProfileLayout>
  );
}

interface RowProps {
  ctx: ProfileContext;
  page: ProfilePage;
  label: string;
  /** The link's visible word ("Change" unless given); the row's label follows it for screen readers. */
  action?: string;
  children: ComponentChildren;
}

function Row({ ctx, page, label, action, children }: RowProps) {
  return (
    <div class="summary-list__row">
      <dt>{label}</dt>
      <dd class="summary-list__value">{children}</dd>
      <dd class="summary-list__action">
        <a href={PROFILE_PATHS[page]}>
          {action ?? ctx.t.profile.overview.change}
          <span class="visually-hidden"> {label}</span>
        </a>
      </dd>
    </div>
  );
}
