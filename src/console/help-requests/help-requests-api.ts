import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { requestMeta } from '../../app/request-context.js';
import { closeHelpQueueItem, listHelpQueue, type QueueItem } from './help-queue.js';

const ListQuery = Type.Object({ status: Type.Optional(Type.Literal('open')) }, { additionalProperties: false });
const CloseParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,11}$' }) }, { additionalProperties: false });
const CloseBody = Type.Object(
  { reason: Type.String({ maxLength: 400 }), note: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false },
);
type CloseParams = Static<typeof CloseParams>;
type CloseBody = Static<typeof CloseBody>;

export const helpRequestSchemas = {
  list: { querystring: ListQuery },
  close: { params: CloseParams, body: CloseBody },
};

function toJson(item: QueueItem) {
  return {
    id: item.id,
    reference: item.reference,
    createdAt: new Date(item.createdAt).toISOString(),
    employeeId: item.employeeId,
    name: item.name,
    contact: item.contact,
    contactChannel: item.contactChannel,
    category: item.category,
    description: item.description,
    account: item.account && {
      registered: item.account.registered,
      disabled: item.account.disabled,
      helpdeskLocked: item.account.helpdeskLocked,
      lockedUntil: item.account.lockedUntil === null ? null : new Date(item.account.lockedUntil).toISOString(),
      mfa: item.account.mfa,
    },
  };
}

/** HELP-3 through the JSON API (the route table guards both with `requireConsole('helpdesk')`). */
export function createHelpRequestsApi(deps: AppDeps) {
  return {
    /** GET /api/v1/admin/help-requests?status=open: open requests, oldest first. */
    list: async () => ({ items: (await listHelpQueue(deps)).map(toJson) }),
    /** POST /api/v1/admin/help-requests/:id/close {reason, note} → 200 {reference}. */
    close: async (request: FastifyRequest<{ Params: CloseParams; Body: CloseBody }>, reply: FastifyReply) => {
      const actorId = request.signedIn!.profile.employeeId;
      const closed = await closeHelpQueueItem(deps, { id: Number(request.params.id), reason: request.body.reason, note: request.body.note, actorId }, requestMeta(request));
      return reply.code(200).send(closed);
    },
  };
}
