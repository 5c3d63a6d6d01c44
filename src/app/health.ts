import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../core/deps.js';

export function createHealthRoutes(deps: AppDeps) {
  return {
    live: async (_request: FastifyRequest, reply: FastifyReply) => reply.send({ status: 'ok' }),
    /** Ready while the database answers (SPEC §15). */
    ready: async (_request: FastifyRequest, reply: FastifyReply) =>
      (await deps.storage.ping()) ? reply.send({ status: 'ready' }) : reply.code(503).send({ status: 'unavailable' }),
  };
}
