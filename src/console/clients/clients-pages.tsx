import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { pageContext } from '../../app/request-context.js';
import { sendPage } from '../../app/render-page.js';
import { Layout } from '../../web/layout.js';
import { StackTable } from '../../web/components/stack-table.js';
import type { PageContext } from '../../web/page-context.js';
import { ConsoleTime } from '../views/console-time.js';
import { listClients } from '../../idp/clients.js';
import type { OidcClientRecord } from '../../storage/repositories/oidc-clients.js';

// IDP-2: `/admin/clients`, the applications that sign employees in with Portico, for admins. It
// shows them (never a secret); registering, rotating a secret and removing are `portico clients`.

export function createClientsPages(deps: AppDeps) {
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const clients = await listClients(deps.storage.db);
      return sendPage(reply, <ClientsView ctx={pageContext(request, reply, deps.config)} clients={clients} timeZone={deps.config.timeZone} />);
    },
  };
}

function ClientsView({ ctx, clients, timeZone }: { ctx: PageContext; clients: OidcClientRecord[]; timeZone: string }) {
  const t = ctx.t.idp.console;
  const time = (at: number | null) => (at === null ? t.never : <ConsoleTime at={at} language={ctx.language} timeZone={timeZone} />);
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.intro}</p>
      {clients.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <StackTable
          caption={t.title}
          captionHidden
          columns={[t.name, t.clientId, t.type, { label: t.redirectUris, long: true }, t.created, t.lastUsed]}
          rows={clients.map((client) => ({
            key: client.clientId,
            cells: [
              client.name,
              <code key="id">{client.clientId}</code>,
              `${client.isPublic ? t.public : t.confidential}${client.firstParty ? `, ${t.firstParty}` : ''}`,
              client.redirectUris.join(' '),
              time(client.createdAt),
              time(client.lastUsedAt),
            ],
          }))}
        />
      )}
    </Layout>
  );
}
