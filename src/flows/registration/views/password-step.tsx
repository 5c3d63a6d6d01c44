import type { LengthLimits, PasswordRule } from '../../../identity/password-policy.js';
import { PasswordRules } from '../../../web/components/password-rules.js';
import { StepForm, TextField, WizardLayout, type WizardFrame } from './wizard-layout.js';

export interface PasswordProps {
  frame: WizardFrame;
  rules: PasswordRule[];
  limits: LengthLimits;
  /** After a failed submit: the rules the password broke (each other rule is met); null before. */
  broken: PasswordRule[] | null;
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
        <PasswordRules t={t} rules={rules} limits={limits} broken={broken} />
        <TextField errors={errors} name="confirm" type="password" label={w.confirm} autocomplete="new-password" />
      </StepForm>
      <script src="/assets/password-rules.js" defer></script>
    </WizardLayout>
  );
}
