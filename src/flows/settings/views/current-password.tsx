import { Field } from '../../../web/components/field.js';
import type { FormErrors } from '../../../web/components/form-errors.js';
import type { PageContext } from '../../../web/page-context.js';

interface CurrentPasswordProps {
  ctx: PageContext;
  errors: FormErrors | null;
  id: string;
  /** SESS-3: false within 5 minutes of signing in, when the sign-in stands in for the password. */
  asked: boolean;
}

// A password typed anyway is still checked; when it was wrong (or the account is locked), the field
// comes back with its error.

/** SESS-3's "current password" on a change page: the field when it is needed, otherwise a line saying why it is not. */
export function CurrentPassword({ ctx, errors, id, asked }: CurrentPasswordProps) {
  if (!asked && !errors?.fields[id]) return <p class="hint">{ctx.t.profile.currentNotNeeded}</p>;
  return <Field errors={errors} id={id} name="current" type="password" label={ctx.t.profile.currentPassword} hint={ctx.t.profile.currentHint} autocomplete="current-password" />;
}
