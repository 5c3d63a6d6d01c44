// The template data of queued messages, opened the way the delivery worker opens it (sealed at rest).
import type { AppDeps } from '../../src/core/deps.js';
import { openMessageData } from '../../src/delivery/enqueue-message.js';

/** Every queued message to `recipient`, newest first. */
export async function queuedMessageData(deps: AppDeps, recipient: string): Promise<Record<string, string>[]> {
  const rows = await deps.storage.db.selectFrom('messages').select(['channel', 'recipient', 'template', 'data']).where('recipient', '=', recipient).orderBy('id', 'desc').execute();
  return rows.map((row) => openMessageData(deps.config.secret, row) as Record<string, string>);
}
