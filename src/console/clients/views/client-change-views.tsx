import type { PageContext } from '../../../web/page-context.js';
import { ConfirmAction } from '../../../web/components/confirm-action.js';
import type { OidcClientRecord } from '../../../storage/repositories/oidc-clients.js';
import { ConsoleLayout } from '../../employees/views/console-layout.js';
import { ShownOnce } from '../../views/shown-once.js';

/** The changes to a registered application that are confirmed first. */
export type ClientChange = 'secret' | 'remove';

/** A change's second step: what it does, then the danger button. */
export function ConfirmClientChangePage({ ctx, client, change }: { ctx: PageContext; client: OidcClientRecord; change: ClientChange }) {
  const t = ctx.t.idp.console;
  const words = change === 'secret' ? t.confirmSecret : t.confirmRemove;
  return (
    <ConsoleLayout ctx={ctx} title={words.title(client.name)}>
      <ConfirmAction
        ctx={ctx}
        action={`/admin/clients/${client.clientId}/${change}`}
        consequencesHeading={t.consequences}
        consequences={words.consequences}
        confirm={words.confirm}
        cancel={t.cancel}
        cancelHref="/admin/clients"
      />
    </ConsoleLayout>
  );
}

interface ClientSecretProps {
  ctx: PageContext;
  name: string;
  clientId: string;
  /** Null for a public application, which has none. */
  clientSecret: string | null;
  change: 'added' | 'rotated';
}

/** The answer to registering or a new secret: the client id, and the secret this once. */
export function ClientSecretPage({ ctx, name, clientId, clientSecret, change }: ClientSecretProps) {
  const t = ctx.t.idp.console;
  return (
    <ConsoleLayout ctx={ctx} title={change === 'added' ? t.added(name) : t.rotated(name)}>
      <ShownOnce values={clientSecret === null ? [[t.clientId, clientId]] : [[t.clientId, clientId], [t.clientSecret, clientSecret]]} once={clientSecret === null ? t.noSecret : t.secretOnce}>
        <a href="/admin/clients">{t.back}</a>
      </ShownOnce>
    </ConsoleLayout>
  );
}
