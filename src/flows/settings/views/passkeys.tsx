import type { ProfileContext } from './profile-layout.js';
import { ProfileLayout } from './profile-layout.js';
import { ErrorSummary } from '../../../web/components/error-summary.js';
import { Field } from '../../../web/components/field.js';
import type { FormErrors } from '../../../web/components/form-errors.js';
import { PostForm } from '../../../web/components/post-form.js';
import { PasskeyScript } from '../../../web/components/passkey-script.js';
import { formatMoment } from '../../../web/i18n.js';
import type { PasskeyView } from '../flow.js';

export interface PasskeysPageProps {
  ctx: ProfileContext;
  passkeys: PasskeyView[];
  timeZone: string;
  /** The origin passkeys work at; null when PORTICO_PUBLIC_URL has no domain name (none can be added). */
  origin: string | null;
  /** The account holds the most it may (10). */
  full: boolean;
  /** The name the add form suggests: the browser and platform ("Chrome on Linux"). */
  defaultName: string;
  done: string | null;
  errors: FormErrors | null;
  /** The passkey whose rename failed, and what was typed. */
  renaming?: { id: number; typed: string } | null;
  /**
   * MFA-6: adding needs the current second factor, which this session has not passed in the last
   * 5 minutes: a code of that method (`email`, `sms`, `totp`), or (`passkey`) a new passkey sign-in.
   */
  proof?: 'email' | 'sms' | 'totp' | 'passkey' | null;
  /** A proof code just went out. */
  proofSent?: boolean;
}

/**
 * MFA-7 in Edit My Profile: each passkey with its name, when it was added and last used, and forms
 * to rename and remove it (no JavaScript needed). Adding one is a WebAuthn ceremony, so its form is
 * shown by /assets/passkeys.js only where the browser has WebAuthn; elsewhere the page says so.
 */
export function PasskeysPage({ ctx, passkeys, timeZone, origin, full, defaultName, done, errors, renaming = null, proof = null, proofSent = false }: PasskeysPageProps) {
  const s = ctx.t.mfa.settings;
  const p = ctx.t.passkeys;
  const when = (ms: number | null) => (ms === null ? p.never : formatMoment(ms, ctx.language, timeZone));
  return (
    <ProfileLayout ctx={ctx} page="passkeys" title={p.title} intro={p.intro} done={done} failed={errors !== null}>
      {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
      <section class="card" aria-labelledby="passkeys-heading">
        <h2 id="passkeys-heading">{p.caption}</h2>
        {passkeys.length === 0 ? <p>{p.none}</p> : null}
        <ul class="passkey-list">
          {passkeys.map((passkey) => (
            <li key={passkey.id} class="passkey-item">
              <h3 id={`passkey-${passkey.id}`}>{passkey.name}</h3>
              <dl class="facts">
                <div>
                  <dt>{p.added}</dt>
                  <dd>{when(passkey.createdAt)}</dd>
                </div>
                <div>
                  <dt>{p.lastUsed}</dt>
                  <dd>{when(passkey.lastUsedAt)}</dd>
                </div>
              </dl>
              <PostForm ctx={ctx} action={`/profile/passkeys/${passkey.id}/rename`} label={p.renameLabel(passkey.name)}>
                <Field
                  errors={renaming?.id === passkey.id ? errors : null}
                  id={`passkey-name-${passkey.id}`}
                  name="name"
                  label={p.renameLabel(passkey.name)}
                  value={renaming?.id === passkey.id ? renaming.typed : passkey.name}
                  maxLength={200}
                />
                <button type="submit" class="button">
                  {p.rename}
                </button>
              </PostForm>
              <PostForm ctx={ctx} action={`/profile/passkeys/${passkey.id}/remove`} class="inline-form" label={p.removeLabel(passkey.name)}>
                <button type="submit" class="button" aria-describedby={`passkey-${passkey.id}`}>
                  {p.remove}
                </button>
              </PostForm>
            </li>
          ))}
        </ul>
        <p class="hint">{p.lostHint}</p>
      </section>
      <section class="card" aria-labelledby="passkey-add-heading">
        <h2 id="passkey-add-heading">{p.addHeading}</h2>
        {origin === null ? (
          <p>{p.unavailable}</p>
        ) : full ? (
          <p>{p.full}</p>
        ) : (
          <>
            <p data-passkey-fallback>{p.needsScript}</p>
            <div data-passkey="add" data-origin={origin} data-failed={ctx.t.errors.passkeyNotAdded} hidden>
              <PostForm ctx={ctx} action="/profile/passkeys/add" labelledBy="passkey-add-heading">
                <Field errors={null} id="passkey-name" name="name" label={p.nameLabel} hint={p.nameHint} value={defaultName} maxLength={200} />
                {proof !== null && proof !== 'passkey' ? (
                  <Field errors={null} id="passkey-code" name="code" label={s.proofLabel} hint={s.proofHint[proof]} autocomplete="one-time-code" inputMode="numeric" maxLength={40} />
                ) : null}
                <button type="submit" class="button button--primary" data-passkey-start>
                  {p.add}
                </button>
                <p class="notice notice--error" data-passkey-error role="alert" hidden></p>
              </PostForm>
              <PasskeyScript />
            </div>
            {proof === 'passkey' ? <p>{ctx.t.errors.passkeyProofRequired}</p> : null}
            {proofSent ? (
              <p class="notice notice--success" role="status">
                {s.proofSent}
              </p>
            ) : null}
            {proof === 'email' || proof === 'sms' ? <PostForm ctx={ctx} action="/profile/passkeys/code" submit={s.sendProof} secondary /> : null}
          </>
        )}
      </section>
    </ProfileLayout>
  );
}
