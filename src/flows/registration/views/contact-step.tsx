import { Field } from '../../../web/components/field.js';
import { StepForm, WizardLayout, type WizardFrame } from './wizard-layout.js';

export interface ContactValues {
  email: string;
  mobile: string;
  appId: string;
}

/** REG-3: e-mail (required), mobile (optional), ID for other applications (optional). */
export function ContactStep({ frame, values }: { frame: WizardFrame; values: ContactValues }) {
  const { t } = frame.ctx;
  const w = t.wizard.contact;
  const { errors } = frame;
  return (
    <WizardLayout frame={frame} title={w.title} intro={w.intro}>
      <StepForm frame={frame}>
        <Field errors={errors} id="email" name="email" type="email" label={w.email} hint={w.emailHint} value={values.email} autocomplete="email" required maxLength={254} />
        <Field errors={errors} id="mobile" name="mobile" type="tel" label={w.mobile} hint={w.mobileHint} value={values.mobile} autocomplete="tel" maxLength={40} />
        <Field errors={errors} id="appId" name="appId" label={w.appId} hint={w.appIdHint} value={values.appId} autocomplete="off" maxLength={64} />
      </StepForm>
    </WizardLayout>
  );
}
