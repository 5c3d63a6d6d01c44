import type { LengthLimits, PasswordRule } from '../../identity/password-policy.js';
import type { Messages } from '../messages/en.js';

export function ruleText(t: Messages, rule: PasswordRule, limits: LengthLimits): string {
  const texts = t.wizard.password.rules;
  return rule === 'length' ? texts.length(limits.min, limits.max) : texts[rule];
}

interface PasswordRulesProps {
  t: Messages;
  rules: PasswordRule[];
  limits: LengthLimits;
  /** After a failed submit: the rules the password broke (every other rule is met); null before. */
  broken: PasswordRule[] | null;
}

/**
 * REG-5: the policy's rules next to the new-password field (`aria-describedby="password-rules"`).
 * The server marks each rule met or not after a submit, so no JavaScript is needed;
 * /assets/password-rules.js marks the ones a browser can check while typing.
 */
export function PasswordRules({ t, rules, limits, broken }: PasswordRulesProps) {
  const w = t.wizard.password;
  return (
    <div class="password-rules" id="password-rules" data-met={w.met} data-unmet={w.unmet} data-min={String(limits.min)} data-max={String(limits.max)}>
      <p id="password-rules-heading">{w.rulesHeading}</p>
      <ul aria-labelledby="password-rules-heading">
        {rules.map((rule) => {
          const state = broken === null ? '' : broken.includes(rule) ? 'unmet' : 'met';
          return (
            <li key={rule} data-rule={rule} data-state={state}>
              <span class="rule__mark" aria-hidden="true">
                {state === 'met' ? '✓' : state === 'unmet' ? '✗' : ''}
              </span>{' '}
              <span class="rule__text">{ruleText(t, rule, limits)}</span>
              {/* The mark says it on screen; the words are for screen readers (and password-rules.js keeps them current). */}
              <span class="rule__state visually-hidden">{state === '' ? '' : ` (${state === 'met' ? w.met : w.unmet})`}</span>
            </li>
          );
        })}
      </ul>
      <p class="hint" id="password-rules-live" aria-live="polite"></p>
    </div>
  );
}
