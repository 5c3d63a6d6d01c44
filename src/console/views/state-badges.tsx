import type { PageContext } from '../../web/page-context.js';

// An account's state at a glance: each badge is words with a colour, never colour alone.

export interface BadgeState {
  hasAccount: boolean;
  registered: boolean;
  /** LOGIN-4's temporary lock is in force. */
  locked: boolean;
  helpdeskLocked: boolean;
  disabled: boolean;
  mfa: string;
  /** Unknown where the view does not load eligibility (the help queue). */
  eligible?: boolean;
}

type Tone = 'danger' | 'warning' | 'ok' | 'neutral';

export function accountBadges(ctx: PageContext, state: BadgeState): { tone: Tone; text: string }[] {
  const b = ctx.t.console.badges;
  if (!state.hasAccount) return [{ tone: 'neutral', text: b.noAccount }, ...eligibility(ctx, state)];
  const badges: { tone: Tone; text: string }[] = [];
  if (state.disabled) badges.push({ tone: 'danger', text: b.disabled });
  if (state.helpdeskLocked) badges.push({ tone: 'danger', text: b.helpdeskLocked });
  if (state.locked) badges.push({ tone: 'danger', text: b.locked });
  badges.push(state.registered ? { tone: 'ok', text: b.registered } : { tone: 'warning', text: b.notRegistered });
  badges.push(state.mfa === 'off' ? { tone: 'warning', text: b.noMfa } : { tone: 'ok', text: b.mfa(ctx.t.console.mfaMethods[state.mfa] ?? state.mfa) });
  return [...badges, ...eligibility(ctx, state)];
}

function eligibility(ctx: PageContext, state: BadgeState): { tone: Tone; text: string }[] {
  const b = ctx.t.console.badges;
  if (state.eligible === undefined) return [];
  return [state.eligible ? { tone: 'ok', text: b.eligible } : { tone: 'danger', text: b.notEligible }];
}

export function StateBadges({ ctx, state }: { ctx: PageContext; state: BadgeState }) {
  return (
    <ul class="badges" aria-label={ctx.t.console.badges.label}>
      {accountBadges(ctx, state).map((badge) => (
        <li key={badge.text} class={`badge badge--${badge.tone}`}>
          {badge.text}
        </li>
      ))}
    </ul>
  );
}
