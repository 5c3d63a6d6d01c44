import type { Command } from 'commander';
import { cliOperator } from './operator.js';
import { openCliContext } from './context.js';
import { auditOrigin } from '../audit/record-audit.js';
import { rotateSigningKey } from '../idp/keys.js';

// IDP-7: `portico keys rotate`. The new key signs from now on (every instance picks it up within a
// minute); the old one stays published in the JWKS for a day, longer than the tokens it signed live.

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description("the identity provider's signing keys");
  keys
    .command('rotate')
    .description('make a new signing key; the old one is still published until the tokens it signed have expired')
    .action(async () => {
      const context = await openCliContext();
      const cli = cliOperator();
      try {
        const now = context.clock.now();
        const { kid, retired } = await rotateSigningKey({ db: context.storage.db, secret: context.config.secret, now });
        await context.audit.record({ at: now, event: 'oidc.keys_rotated', outcome: 'success', ...auditOrigin(cli.meta), detail: { kid, retired: retired.join(' '), via: 'cli', operator: cli.operator } });
        process.stdout.write(`new signing key ${kid}${retired.length > 0 ? `; retired ${retired.join(', ')} (still published for 24 hours)` : ''}\n`);
      } finally {
        await context.storage.close();
      }
    });
}
