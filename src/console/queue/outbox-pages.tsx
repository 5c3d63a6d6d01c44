import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { pageContext } from '../../app/request-context.js';
import { Layout } from '../../web/layout.js';
import type { PageContext } from '../../web/page-context.js';
import { sendPage } from '../../app/render-page.js';
import { MESSAGE_STATUSES, listQueuedMessages, type MessageStatus, type QueuedMessage } from './list-messages.js';

// DELIV-3: `/admin/outbox`, the message queue for admins. Recipients are masked; contents never shown.

export function createQueuePages(deps: AppDeps) {
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const asked = (request.query as { status?: unknown } | undefined)?.status;
      const status = MESSAGE_STATUSES.find((s) => s === asked) ?? 'pending';
      const ctx = pageContext(request, reply, deps.config);
      const format = new Intl.DateTimeFormat(ctx.language, { dateStyle: 'medium', timeStyle: 'medium', timeZone: deps.config.timeZone });
      const messages = await listQueuedMessages(deps.storage.db, status);
      return sendPage(reply, <QueueView ctx={ctx} status={status} messages={messages} formatTime={(ms) => format.format(ms)} />);
    },
  };
}

interface ViewProps {
  ctx: PageContext;
  status: MessageStatus;
  messages: QueuedMessage[];
  formatTime: (ms: number) => string;
}

function Time({ ms, formatTime }: { ms: number | null; formatTime: (ms: number) => string }) {
  return ms === null ? null : <time dateTime={new Date(ms).toISOString()}>{formatTime(ms)}</time>;
}

function QueueView({ ctx, status, messages, formatTime }: ViewProps) {
  const t = ctx.t.consoleQueues.outbox;
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
        <div class="table-scroll">
          <table>
            <caption>{t.statuses[status]}</caption>
            <thead>
              <tr>
                <th scope="col">{t.created}</th>
                <th scope="col">{t.channel}</th>
                <th scope="col">{t.recipient}</th>
                <th scope="col">{t.template}</th>
                <th scope="col">{t.attempts}</th>
                <th scope="col">{t.lastError}</th>
                <th scope="col">{status === 'sent' ? t.sentAt : t.nextAttempt}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Time ms={m.createdAt} formatTime={formatTime} />
                  </td>
                  <td>{m.channel}</td>
                  <td>{m.recipient}</td>
                  <td>{m.template}</td>
                  <td>{m.attempts}</td>
                  <td>{m.lastError ?? ''}</td>
                  <td>
                    <Time ms={status === 'sent' ? m.sentAt : m.nextAttemptAt} formatTime={formatTime} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
