import type { Command } from 'commander';
import { buildApp } from '../app/build-app.js';
import { createDeps } from '../app/create-deps.js';
import { CommandError, EXIT, openCliContext } from './context.js';
import { seedDemo, type DemoSummary } from '../demo/seed-demo.js';
import { startDeliveryWorker } from '../delivery/delivery-worker.js';
import { startHousekeeping } from '../storage/purge-expired.js';
import { outboxChannels } from '../delivery/outbox-files.js';
// Issue 16 (IDP-7): the identity provider's first signing key is made at the first start.
import { idpFor } from '../idp/idp.js';
import { DEMO_CLIENT_PATH, ensureDemoClient } from '../demo/demo-client.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the web server (applies migrations first)')
    .option('--demo', 'seed a fictional company on an empty database and print how to sign in')
    .option('--port <n>', 'port to listen on (overrides PORTICO_PORT)')
    .action(async (options: { demo?: boolean; port?: string }) => {
      if (options.port !== undefined && !/^\d{1,5}$/.test(options.port)) throw new CommandError(`--port: "${options.port}" is not a port number`, EXIT.usage);
      const context = await openCliContext({ demo: options.demo ?? false, overrides: { PORTICO_PORT: options.port } });
      const { config, storage } = context;
      const deps = createDeps(config, storage, context.clock);
      const demo = options.demo ? await seedDemo(deps) : null;
      // Issue 16: the demo's own application, registered (again) at every demo start.
      if (demo) await ensureDemoClient(deps);
      const app = await buildApp(deps);
      const worker = startDeliveryWorker(deps, { logger: app.log });
      const housekeeping = startHousekeeping(deps, app.log);
      // Issue 16 (IDP-7): makes the first signing key now rather than at the first sign-in to an application.
      await idpFor(deps, app.log)
        .provider()
        .catch((error: unknown) => app.log.warn({ error: error instanceof Error ? error.message : String(error) }, 'identity provider not ready'));
      const address = await app.listen({ host: config.host, port: config.port });
      app.log.info({ address }, 'Portico is listening');
      process.stdout.write(demo ? demoBanner(config.publicUrl.origin, address, config.databaseUrl, demo) : `Portico is running at ${address}\n`);
      if (!config.demo) {
        // Outside demo mode the outbox means nobody receives a code or a link: say it loudly.
        for (const outbox of outboxChannels(config)) {
          app.log.warn({ channel: outbox.channel, directory: outbox.directory }, `${outbox.variable} is not set: messages go to the outbox and are not delivered`);
          process.stderr.write(outboxWarning(outbox));
        }
      }

      // SPEC §15: finish requests in flight, then close the database.
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        app.log.info({ signal }, 'stopping');
        housekeeping.stop();
        void app
          .close()
          .then(() => worker.stop())
          .then(() => storage.close())
          .finally(() => process.exit(0));
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
}

function outboxWarning(outbox: { channel: 'mail' | 'sms'; variable: string; directory: string }): string {
  const what = outbox.channel === 'mail' ? 'e-mail' : 'text message (SMS)';
  return [
    '',
    `WARNING: ${what} is NOT being delivered.`,
    `  ${outbox.variable} is not set, so every ${what} (sign-in codes, reset links) is written to`,
    `  files in ${outbox.directory} and nobody receives it.`,
    `  Set ${outbox.variable} (docs/configuration.md) and restart; \`portico doctor\` checks the setup.`,
    '',
    '',
  ].join('\n');
}

function demoBanner(publicOrigin: string, address: string, databaseUrl: string, demo: DemoSummary): string {
  const lines = [
    '',
    'Portico demo is running.',
    `  Open ${publicOrigin}/login   (listening on ${address})`,
    '',
    demo.created ? `  Seeded ${demo.employees} fictional employees.` : `  Using the existing database (${databaseUrl}).`,
    '',
    '  Sign in with "Employee ID or e-mail" and "Password":',
    ...demo.accounts.map((a) => `    ${a.label.padEnd(34)} ${a.employeeId.padEnd(10)} ${a.secretKind.padEnd(9)} ${a.secret}`),
    '',
    '  Unregistered employees type their PIN in the Password field.',
    '  Console accounts (help desk, administrator, HR) then enter a code sent by e-mail; open /admin.',
    `  E-mails and text messages go to the outbox: ${publicOrigin}/dev/outbox`,
    `  Try Portico as a sign-in provider: ${publicOrigin}${DEMO_CLIENT_PATH}`,
    '',
  ];
  return `${lines.join('\n')}\n`;
}
