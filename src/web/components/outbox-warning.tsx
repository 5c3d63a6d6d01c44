import type { Config } from '../../config/config.js';
import { outboxChannels } from '../../delivery/outbox-files.js';
import type { PageContext } from '../page-context.js';

/**
 * Outside demo mode, a console banner when e-mail or SMS go to the outbox: nobody receives their
 * codes or links, and the operator may not read the server's logs (issue 13).
 */
export function OutboxWarning({ ctx, config }: { ctx: PageContext; config: Pick<Config, 'demo' | 'mailUrl' | 'smsUrl'> }) {
  if (config.demo) return null;
  const channels = outboxChannels(config);
  if (channels.length === 0) return null;
  const what = channels.length === 2 ? 'both' : channels[0]!.channel;
  return (
    <div class="notice notice--warning" role="alert">
      <p>
        <strong>{ctx.t.outbox.notDeliveredTitle}</strong>
      </p>
      <p>{ctx.t.outbox.notDelivered(what, channels[0]!.directory)}</p>
    </div>
  );
}
