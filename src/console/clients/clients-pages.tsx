import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { toAppError } from '../../app/error-handler.js';
import { pageContext, requestMeta } from '../../app/request-context.js';
import { sendPage } from '../../app/render-page.js';
import { formErrorsFor, type FormControls } from '../../app/form-errors.js';
import { auditOrigin } from '../../audit/record-audit.js';
import type { AuditEventName } from '../../audit/events.js';
import { formText, type FormBody } from '../../web/form-body.js';
import { addClient, findClient, isClientId, listClients, removeClient, rotateClientSecret, type NewClient } from '../../idp/clients.js';
import type { OidcClientRecord } from '../../storage/repositories/oidc-clients.js';
import { ClientSecretPage, ConfirmClientChangePage, type ClientChange } from './views/client-change-views.js';
import { ClientsPage, EMPTY_CLIENT_FORM, type ClientForm } from './views/clients-view.js';

// IDP-2: `/admin/clients`, the applications that sign employees in with Portico, for admins (and
// with a second factor, MFA-5). They are registered, given a new secret and removed here as with
// `portico clients`; a secret is shown once, on the answer to the change, and never again. Each
// change is audited with the admin and `via: console`.

type ClientRequest = FastifyRequest<{ Params: { clientId: string }; Body: FormBody }>;

/** The register form's controls in page order (field name → control id). */
const FORM_CONTROLS: FormControls = [
  ['name', 'client-name'],
  ['redirectUris', 'client-redirect-uris'],
  ['postLogoutRedirectUris', 'client-post-logout-uris'],
  ['backchannelLogoutUri', 'client-backchannel-uri'],
];

/** The lines of a text area: one URI per line, blank lines ignored. */
function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function formFromBody(body: FormBody): ClientForm {
  return {
    name: formText(body, 'name', 200),
    redirectUris: formText(body, 'redirectUris', 50_000),
    postLogoutRedirectUris: formText(body, 'postLogoutRedirectUris', 50_000),
    backchannelLogoutUri: formText(body, 'backchannelLogoutUri', 2100),
    isPublic: formText(body, 'kind') === 'public',
    firstParty: formText(body, 'firstParty') === 'yes',
  };
}

function newClient(form: ClientForm): NewClient {
  const backchannel = form.backchannelLogoutUri.trim();
  return {
    name: form.name,
    redirectUris: lines(form.redirectUris),
    postLogoutRedirectUris: lines(form.postLogoutRedirectUris),
    backchannelLogoutUri: backchannel === '' ? null : backchannel,
    isPublic: form.isPublic,
    firstParty: form.firstParty,
  };
}

export function createClientsPages(deps: AppDeps) {
  const { config } = deps;
  const { db } = deps.storage;

  async function audit(request: FastifyRequest, event: AuditEventName, detail: Record<string, string | boolean>) {
    await deps.audit.record({ event, outcome: 'success', actorId: request.signedIn?.profile.employeeId ?? null, ...auditOrigin(requestMeta(request)), detail: { ...detail, via: 'console' } });
  }

  async function showList(request: FastifyRequest, reply: FastifyReply, form: ClientForm, error: AppError | null) {
    const ctx = pageContext(request, reply, config);
    const removed = (request.query as { removed?: unknown } | undefined)?.removed === '1';
    const errors = error ? formErrorsFor(error, request.language, FORM_CONTROLS) : null;
    const page = <ClientsPage ctx={ctx} clients={await listClients(db)} timeZone={config.timeZone} form={form} errors={errors} done={removed && !error ? ctx.t.idp.console.removed : null} />;
    return sendPage(reply, page, error ? error.status : 200);
  }

  /** The client a change is about; an unknown or malformed id is a 404. */
  async function clientOf(request: ClientRequest): Promise<OidcClientRecord> {
    const { clientId } = request.params;
    const client = isClientId(clientId) ? await findClient(db, clientId) : undefined;
    if (!client) throw new AppError('NOT_FOUND', 'notFound');
    return client;
  }

  /** The answer that shows a new secret: once, never cached. */
  function showSecret(request: FastifyRequest, reply: FastifyReply, shown: { name: string; clientId: string; clientSecret: string | null; change: 'added' | 'rotated' }) {
    reply.header('cache-control', 'no-store');
    return sendPage(reply, <ClientSecretPage ctx={pageContext(request, reply, config)} {...shown} />);
  }

  function askToConfirm(request: ClientRequest, reply: FastifyReply, client: OidcClientRecord, change: ClientChange) {
    return sendPage(reply, <ConfirmClientChangePage ctx={pageContext(request, reply, config)} client={client} change={change} />);
  }

  const confirmed = (request: ClientRequest) => formText(request.body, 'confirm') === 'yes';

  return {
    /** GET /admin/clients: the list and the form to register one. */
    show: (request: FastifyRequest, reply: FastifyReply) => showList(request, reply, EMPTY_CLIENT_FORM, null),
    /** POST /admin/clients: registers an application; a problem re-shows the form with what was typed. */
    register: async (request: FastifyRequest<{ Body: FormBody }>, reply: FastifyReply) => {
      const form = formFromBody(request.body);
      const input = newClient(form);
      let added: { clientId: string; clientSecret: string | null };
      try {
        added = await addClient({ db, secret: config.secret, now: deps.clock.now() }, input);
      } catch (error) {
        const appError = toAppError(error);
        if (appError?.code !== 'VALIDATION') throw error;
        return showList(request, reply, form, appError);
      }
      await audit(request, 'oidc.client_added', { client: added.clientId, name: input.name.trim(), public: input.isPublic, firstParty: input.firstParty });
      return showSecret(request, reply, { name: input.name.trim(), ...added, change: 'added' });
    },
    /** POST /admin/clients/:clientId/secret: asks, then gives a confidential client a new secret. */
    rotateSecret: async (request: ClientRequest, reply: FastifyReply) => {
      const client = await clientOf(request);
      if (client.isPublic) throw new AppError('NOT_FOUND', 'notFound');
      if (!confirmed(request)) return askToConfirm(request, reply, client, 'secret');
      const clientSecret = await rotateClientSecret({ db, secret: config.secret }, client.clientId);
      if (clientSecret === null) throw new AppError('NOT_FOUND', 'notFound');
      await audit(request, 'oidc.client_secret_rotated', { client: client.clientId });
      return showSecret(request, reply, { name: client.name, clientId: client.clientId, clientSecret, change: 'rotated' });
    },
    /** POST /admin/clients/:clientId/remove: asks, then removes it; its grants and tokens end. */
    remove: async (request: ClientRequest, reply: FastifyReply) => {
      const client = await clientOf(request);
      if (!confirmed(request)) return askToConfirm(request, reply, client, 'remove');
      if (!(await removeClient(db, client.clientId))) throw new AppError('NOT_FOUND', 'notFound');
      await audit(request, 'oidc.client_removed', { client: client.clientId });
      return reply.redirect('/admin/clients?removed=1', 303);
    },
  };
}
