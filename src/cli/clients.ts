import type { Command } from 'commander';
import { cliOperator } from './operator.js';
import { CommandError, EXIT, openCliContext } from './context.js';
import { auditOrigin } from '../audit/record-audit.js';
import { AppError } from '../core/errors.js';
import { addClient, listClients, removeClient, rotateClientSecret } from '../idp/clients.js';

// IDP-2: `portico clients add | list | remove | rotate-secret`. A secret is printed once and stored
// as a keyed hash; every change is audited with the operator, like the other commands.

const collect = (value: string, previous: string[]) => [...previous, value];

interface AddOptions {
  redirectUri: string[];
  public?: boolean;
  firstParty?: boolean;
  backchannelLogoutUri?: string;
  postLogoutRedirectUri: string[];
  json?: boolean;
}

export function registerClients(program: Command): void {
  const clients = program.command('clients').description('applications that sign employees in with Portico (OpenID Connect)');
  clients
    .command('add')
    .description('register an application; prints its client_id and (for a confidential client) its client_secret, once')
    .argument('<name>', 'the name employees see')
    .option('--redirect-uri <url>', 'an exact redirect URI (repeat for several)', collect, [])
    .option('--public', 'a public client (a phone or browser app): no secret, PKCE only, no refresh tokens')
    .option('--first-party', "the company's own application: no consent page")
    .option('--backchannel-logout-uri <url>', 'where Portico sends logout tokens when a session ends')
    .option('--post-logout-redirect-uri <url>', 'an exact URI to return to after logout (repeat for several)', collect, [])
    .option('--json', 'print one JSON object')
    .action(async (name: string, options: AddOptions) => {
      if (options.redirectUri.length === 0) throw new CommandError('at least one --redirect-uri is needed', EXIT.usage);
      const context = await openCliContext();
      const cli = cliOperator();
      try {
        const now = context.clock.now();
        const added = await addClient(
          { db: context.storage.db, secret: context.config.secret, now },
          {
            name,
            redirectUris: options.redirectUri,
            isPublic: options.public === true,
            firstParty: options.firstParty === true,
            backchannelLogoutUri: options.backchannelLogoutUri ?? null,
            postLogoutRedirectUris: options.postLogoutRedirectUri,
          },
        ).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'VALIDATION') throw new CommandError(error.options.detail ?? 'invalid client', EXIT.usage);
          throw error;
        });
        await context.audit.record({
          at: now,
          event: 'oidc.client_added',
          outcome: 'success',
          ...auditOrigin(cli.meta),
          detail: { client: added.clientId, name: name.trim().slice(0, 100), public: options.public === true, firstParty: options.firstParty === true, via: 'cli', operator: cli.operator },
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ client_id: added.clientId, ...(added.clientSecret ? { client_secret: added.clientSecret } : {}) })}\n`);
        } else {
          process.stdout.write(`client_id: ${added.clientId}\n`);
          if (added.clientSecret) process.stdout.write(`client_secret: ${added.clientSecret}\n(the secret is shown only now: store it in the application's configuration)\n`);
        }
      } finally {
        await context.storage.close();
      }
    });
  clients
    .command('list')
    .description('the registered applications (never their secrets)')
    .option('--json', 'one JSON object per line')
    .action(async (options: { json?: boolean }) => {
      const context = await openCliContext();
      try {
        const all = await listClients(context.storage.db);
        for (const client of all) {
          const row = {
            client_id: client.clientId,
            name: client.name,
            type: client.isPublic ? 'public' : 'confidential',
            first_party: client.firstParty,
            redirect_uris: client.redirectUris,
            post_logout_redirect_uris: client.postLogoutRedirectUris,
            backchannel_logout_uri: client.backchannelLogoutUri,
            created: new Date(client.createdAt).toISOString(),
            last_used: client.lastUsedAt === null ? null : new Date(client.lastUsedAt).toISOString(),
          };
          if (options.json) process.stdout.write(`${JSON.stringify(row)}\n`);
          else
            process.stdout.write(
              `${row.client_id}  ${row.name}  ${row.type}${row.first_party ? ', first-party' : ''}  redirect: ${row.redirect_uris.join(' ')}  last used: ${row.last_used ?? 'never'}\n`,
            );
        }
        if (all.length === 0 && !options.json) process.stdout.write('no applications registered\n');
      } finally {
        await context.storage.close();
      }
    });
  clients
    .command('remove')
    .description('remove an application: its grants and tokens end at once')
    .argument('<client-id>', 'client_id')
    .action(async (clientId: string) => {
      const context = await openCliContext();
      const cli = cliOperator();
      try {
        if (!(await removeClient(context.storage.db, clientId))) throw new CommandError(`no application with client_id ${clientId}`);
        await context.audit.record({ event: 'oidc.client_removed', outcome: 'success', ...auditOrigin(cli.meta), detail: { client: clientId, via: 'cli', operator: cli.operator } });
        process.stdout.write(`removed ${clientId}\n`);
      } finally {
        await context.storage.close();
      }
    });
  clients
    .command('rotate-secret')
    .description('give a confidential application a new secret (printed once); the old one stops working at once')
    .argument('<client-id>', 'client_id')
    .option('--json', 'print one JSON object')
    .action(async (clientId: string, options: { json?: boolean }) => {
      const context = await openCliContext();
      const cli = cliOperator();
      try {
        const secret = await rotateClientSecret({ db: context.storage.db, secret: context.config.secret }, clientId);
        if (!secret) throw new CommandError(`no confidential application with client_id ${clientId}`);
        await context.audit.record({ event: 'oidc.client_secret_rotated', outcome: 'success', ...auditOrigin(cli.meta), detail: { client: clientId, via: 'cli', operator: cli.operator } });
        process.stdout.write(options.json ? `${JSON.stringify({ client_id: clientId, client_secret: secret })}\n` : `client_id: ${clientId}\nclient_secret: ${secret}\n`);
      } finally {
        await context.storage.close();
      }
    });
}
