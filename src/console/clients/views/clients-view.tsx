import type { PageContext } from '../../../web/page-context.js';
import { StackTable } from '../../../web/components/stack-table.js';
import { PostForm } from '../../../web/components/post-form.js';
import { ErrorSummary } from '../../../web/components/error-summary.js';
import { Field, TextAreaField } from '../../../web/components/field.js';
import type { FormErrors } from '../../../web/components/form-errors.js';
import type { OidcClientRecord } from '../../../storage/repositories/oidc-clients.js';
import { ConsoleLayout } from '../../employees/views/console-layout.js';
import { ConsoleTime } from '../../views/console-time.js';

/** What the register form holds, as typed (text areas: one URI per line). */
export interface ClientForm {
  name: string;
  redirectUris: string;
  postLogoutRedirectUris: string;
  backchannelLogoutUri: string;
  isPublic: boolean;
  firstParty: boolean;
}

export const EMPTY_CLIENT_FORM: ClientForm = { name: '', redirectUris: '', postLogoutRedirectUris: '', backchannelLogoutUri: '', isPublic: false, firstParty: false };

interface ClientsPageProps {
  ctx: PageContext;
  clients: OidcClientRecord[];
  timeZone: string;
  form: ClientForm;
  errors: FormErrors | null;
  done: string | null;
}

export function ClientsPage({ ctx, clients, timeZone, form, errors, done }: ClientsPageProps) {
  const t = ctx.t.idp.console;
  return (
    <ConsoleLayout ctx={ctx} title={t.title} failed={errors !== null} done={done}>
      <p class="lead">{t.intro}</p>
      {clients.length === 0 ? <p>{t.empty}</p> : <ClientsTable ctx={ctx} clients={clients} timeZone={timeZone} />}
      <RegisterForm ctx={ctx} form={form} errors={errors} />
    </ConsoleLayout>
  );
}

function ClientsTable({ ctx, clients, timeZone }: { ctx: PageContext; clients: OidcClientRecord[]; timeZone: string }) {
  const t = ctx.t.idp.console;
  const time = (at: number | null) => (at === null ? t.never : <ConsoleTime at={at} language={ctx.language} timeZone={timeZone} />);
  const uris = (list: readonly string[]) => (list.length === 0 ? t.none : list.join(' '));
  return (
    <StackTable
      caption={t.title}
      captionHidden
      columns={[t.name, t.clientId, t.type, { label: t.redirectUris, long: true }, { label: t.postLogoutUris, long: true }, { label: t.backchannelUri, long: true }, t.created, t.lastUsed, t.actions]}
      rows={clients.map((client) => ({
        key: client.clientId,
        cells: [
          client.name,
          <code key="id">{client.clientId}</code>,
          `${client.isPublic ? t.public : t.confidential}${client.firstParty ? `, ${t.firstParty}` : ''}`,
          uris(client.redirectUris),
          uris(client.postLogoutRedirectUris),
          client.backchannelLogoutUri ?? t.none,
          time(client.createdAt),
          time(client.lastUsedAt),
          <ClientActions key="actions" ctx={ctx} client={client} />,
        ],
      }))}
    />
  );
}

/** Each action posts to a confirmation first; nothing changes until it is confirmed. */
function ClientActions({ ctx, client }: { ctx: PageContext; client: OidcClientRecord }) {
  const t = ctx.t.idp.console;
  const base = `/admin/clients/${client.clientId}`;
  return (
    <div>
      {client.isPublic ? null : (
        <PostForm ctx={ctx} action={`${base}/secret`} class="inline-form" label={t.newSecretOf(client.name)}>
          <button type="submit" class="button">
            {t.newSecret}
          </button>
        </PostForm>
      )}
      {client.isPublic ? null : ' '}
      <PostForm ctx={ctx} action={`${base}/remove`} class="inline-form" label={t.removeOf(client.name)}>
        <button type="submit" class="button button--danger">
          {t.remove}
        </button>
      </PostForm>
    </div>
  );
}

function RegisterForm({ ctx, form, errors }: { ctx: PageContext; form: ClientForm; errors: FormErrors | null }) {
  const t = ctx.t.idp.console;
  const f = t.form;
  return (
    <section class="console-section" aria-labelledby="register-heading">
      <h2 id="register-heading">{f.heading}</h2>
      {errors ? <ErrorSummary ctx={ctx} errors={errors} level={3} /> : null}
      <PostForm ctx={ctx} action="/admin/clients" labelledBy="register-heading" submit={f.submit}>
        <Field errors={errors} id="client-name" name="name" label={f.name} hint={f.nameHint} value={form.name} maxLength={100} required />
        <TextAreaField errors={errors} id="client-redirect-uris" name="redirectUris" label={f.redirectUris} hint={f.urisHint} value={form.redirectUris} rows={3} spellcheck={false} required />
        <fieldset class="field">
          <legend>{f.kind}</legend>
          {(['confidential', 'public'] as const).map((kind) => (
            <div class="choice" key={kind}>
              <input type="radio" id={`client-kind-${kind}`} name="kind" value={kind} checked={form.isPublic === (kind === 'public')} aria-describedby={`client-kind-${kind}-hint`} />{' '}
              <div>
                <label for={`client-kind-${kind}`}>{f.kinds[kind]}</label>
                <p class="hint" id={`client-kind-${kind}-hint`}>
                  {f.kindHints[kind]}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        <div class="field">
          <div class="choice">
            <input type="checkbox" id="client-first-party" name="firstParty" value="yes" checked={form.firstParty} aria-describedby="client-first-party-hint" />{' '}
            <div>
              <label for="client-first-party">{f.firstParty}</label>
              <p class="hint" id="client-first-party-hint">
                {f.firstPartyHint}
              </p>
            </div>
          </div>
        </div>
        <TextAreaField errors={errors} id="client-post-logout-uris" name="postLogoutRedirectUris" label={f.postLogoutUris} hint={f.urisHint} value={form.postLogoutRedirectUris} rows={2} spellcheck={false} />
        <Field errors={errors} id="client-backchannel-uri" name="backchannelLogoutUri" label={f.backchannelUri} hint={f.backchannelHint} value={form.backchannelLogoutUri} verbatim maxLength={2000} />
      </PostForm>
    </section>
  );
}
