import { Type, type Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { listQueuedMessages } from './list-messages.js';

const MessagesQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('sending'), Type.Literal('failed'), Type.Literal('sent')])) },
  { additionalProperties: false },
);
type MessagesQuery = Static<typeof MessagesQuery>;

export const messageSchemas = { list: { querystring: MessagesQuery } };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** DELIV-3: GET /api/v1/admin/messages?status=pending|sending|failed|sent (default pending), newest first. */
export function createMessagesApi(deps: AppDeps) {
  return {
    list: async (request: FastifyRequest<{ Querystring: MessagesQuery }>) => {
      const messages = await listQueuedMessages(deps.storage.db, request.query.status ?? 'pending');
      return {
        items: messages.map((m) => ({
          id: m.id,
          channel: m.channel,
          recipient: m.recipient,
          template: m.template,
          language: m.language,
          status: m.status,
          attempts: m.attempts,
          lastError: m.lastError,
          createdAt: iso(m.createdAt),
          nextAttemptAt: iso(m.nextAttemptAt),
          sentAt: iso(m.sentAt),
        })),
      };
    },
  };
}
