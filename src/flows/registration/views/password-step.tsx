import type { LengthLimits, PasswordRule } from '../../../identity/password-policy.js';
import type { Messages } from '../../../web/messages/en.js';
import { StepForm, TextField, WizardLayout, type WizardFrame } from './wizard-layout.js';

export interface PasswordProps {
  frame: WizardFrame;
  rules: PasswordRule[];
  limits: LengthLimits;
  /** After a failed submit: the rules the password broke (each other rule is met); null before. */
  broken: PasswordRule[] | null;
}

export function ruleText(t: Messages, rule: PasswordRule, limits: LengthLimits): string {
  const texts = t.wizard.password.rules;
  return rule === 'length' ? texts.length(limits.min, limits.max) : texts[rule];
}

/**
 * REG-5: the password typed twice, with the policy's rules next to the field. The server marks
 * each rule met or not after a submit (no JavaScript needed); password-rules.js marks the ones a
 * browser can check while typing.
 */
export function PasswordStep({ frame, rules, limits, broken }: PasswordProps) {
  const { t } = frame.ctx;
  const w = t.wizard.password;
  const { errors } = frame;
  return (
    <WizardLayout frame={frame} title={w.title} intro={w.intro}>
      <StepForm frame={frame} submit={w.finish}>
        <TextField errors={errors} name="password" type="password" label={w.newPassword} autocomplete="new-password" describedByExtra="password-rules" />
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
                  <span class="rule__state">{state === '' ? '' : ` (${state === 'met' ? w.met : w.unmet})`}</span>
                </li>
              );
            })}
          </ul>
          <p class="hint" id="password-rules-live" aria-live="polite"></p>
        </div>
        <TextField errors={errors} name="confirm" type="password" label={w.confirm} autocomplete="new-password" />
      </StepForm>
      <script src="/assets/password-rules.js" defer></script>
    </WizardLayout>
  );
}
