import { pino } from 'pino';
import type { AppDeps } from '../core/deps.js';
import { deliverMessage, describeDeliveryError, type Transports, type WorkerLogger } from './deliver-message.js';
import { createMailer } from './mailer.js';
import { claimDueMessages } from './message-queue.js';
import { createSmsSender } from './sms-sender.js';

export interface DeliveryWorker {
  /** Sends everything due now, then resolves (tests, shutdown). */
  drain(): Promise<void>;
  /** Stops polling and waits for the batch in flight. */
  stop(): Promise<void>;
}

export interface DeliveryWorkerOptions {
  /** How often to look for due messages (default 1 s). */
  pollMs?: number;
  /** Messages claimed and sent together (default 10). */
  batchSize?: number;
  logger?: WorkerLogger;
}

/**
 * Starts the background sender of queued messages (DELIV-3). Every instance may run one: claims
 * are atomic, so instances sharing a PostgreSQL database split the work without sending twice.
 */
export function startDeliveryWorker(deps: AppDeps, options: DeliveryWorkerOptions = {}): DeliveryWorker {
  const pollMs = options.pollMs ?? 1000;
  const batchSize = options.batchSize ?? 10;
  const logger: WorkerLogger = options.logger ?? pino({ level: deps.config.logLevel });
  const transports: Transports = { mailer: createMailer(deps.config, deps.clock), sms: createSmsSender(deps.config, deps.clock) };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  // One pass at a time in this process: a poll and drain() never claim batches side by side.
  const exclusive = (task: () => Promise<void>): Promise<void> => {
    const next = running.then(task);
    running = next.catch(() => undefined);
    return next;
  };

  const sendDue = async (keepGoing: () => boolean): Promise<void> => {
    for (;;) {
      const batch = await claimDueMessages(deps.storage, deps.clock.now(), batchSize);
      // One after another, in queue order: a person's newer message is never delivered before an older one.
      for (const message of batch) await deliverMessage(deps, transports, message, logger);
      // A short batch means nothing else is due; failed messages are rescheduled for later.
      if (batch.length < batchSize || !keepGoing()) return;
    }
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(poll, pollMs);
    timer.unref();
  };

  function poll() {
    timer = undefined;
    void exclusive(() => sendDue(() => !stopped))
      // The database may be briefly unreachable (SPEC §15): log, and try again at the next poll.
      .catch((error: unknown) => logger.warn({ error: describeDeliveryError(error) }, 'delivery worker could not claim messages'))
      .finally(schedule);
  }

  schedule();
  return {
    drain: () => exclusive(() => sendDue(() => true)),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
      transports.mailer.close();
    },
  };
}
