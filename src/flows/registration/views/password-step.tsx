import type { LengthLimits, PasswordRule } from '../../../identity/password-policy.js';
import { PasswordField } from '../../../web/components/password-field.js';
import { StepForm, WizardLayout, type WizardFrame } from './wizard-layout.js';

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
  const w = frame.ctx.t.wizard.password;
  return (
    <WizardLayout frame={frame} title={w.title} intro={w.intro}>
      <StepForm frame={frame} submit={w.finish}>
        <PasswordField ctx={frame.ctx} errors={frame.errors} rules={rules} limits={limits} broken={broken} />
      </StepForm>
    </WizardLayout>
  );
}
