import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { pageContext } from '../../app/request-context.js';
import { Layout } from '../../web/layout.js';
import { StackTable } from '../../web/components/stack-table.js';
import type { PageContext } from '../../web/page-context.js';
import { sendPage } from '../../app/render-page.js';
import { ConsoleTime } from '../views/console-time.js';
import { MESSAGE_STATUSES, listQueuedMessages, type MessageStatus, type QueuedMessage } from './list-messages.js';

// DELIV-3: `/admin/outbox`, the message queue for admins. Recipients are masked; contents never shown.
// The table stacks into labelled rows on a narrow screen (each cell names its column), and its
// times name the company time zone, as every console table does.

export function createQueuePages(deps: AppDeps) {
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const asked = (request.query as { status?: unknown } | undefined)?.status;
      const status = MESSAGE_STATUSES.find((s) => s === asked) ?? 'pending';
      const ctx = pageContext(request, reply, deps.config);
      const messages = await listQueuedMessages(deps.storage.db, status);
      return sendPage(reply, <QueueView ctx={ctx} status={status} messages={messages} timeZone={deps.config.timeZone} />);
    },
  };
}

interface ViewProps {
  ctx: PageContext;
  status: MessageStatus;
  messages: QueuedMessage[];
  timeZone: string;
}

function QueueView({ ctx, status, messages, timeZone }: ViewProps) {
  const t = ctx.t.consoleQueues.outbox;
  const last = status === 'sent' ? t.sentAt : t.nextAttempt;
  const time = (at: number | null) => (at === null ? null : <ConsoleTime at={at} language={ctx.language} timeZone={timeZone} />);
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.intro}</p>
      <form method="get" action="/admin/outbox" class="form">
        <div class="field">
          <label for="status">{t.filterLabel}</label>
          <select id="status" name="status">
            {MESSAGE_STATUSES.map((s) => (
              <option key={s} value={s} selected={s === status}>
                {t.statuses[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {t.show}
        </button>
      </form>
      {messages.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <StackTable
          caption={t.statuses[status]}
          columns={[t.created, t.channel, t.recipient, t.template, t.attempts, { label: t.lastError, long: true }, last]}
          rows={messages.map((m) => ({
            key: m.id,
            cells: [time(m.createdAt), t.channelNames[m.channel], m.recipient, m.template, m.attempts, m.lastError ?? '', time(status === 'sent' ? m.sentAt : m.nextAttemptAt)],
          }))}
        />
      )}
    </Layout>
  );
}
