import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../core/deps.js';
import { requestMeta, signedInOf } from '../app/request-context.js';
import { disconnectApp, listConnectedApps } from './connected-apps.js';

// IDP-5 as JSON: `GET /api/v1/me/apps`, `DELETE /api/v1/me/apps/:clientId`, behind `requireSession`:
// always the signed-in employee's own apps, never an id the client names.

export const appsSchemas = {
  app: { params: Type.Object({ clientId: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }) },
};

export function createAppsApi(deps: AppDeps) {
  return {
    list: async (request: FastifyRequest, reply: FastifyReply) => {
      const apps = await listConnectedApps(deps, signedInOf(request).profile.employeeId);
      return reply.send({ items: apps.map((app) => ({ clientId: app.clientId, name: app.name, scopes: app.scopes, since: new Date(app.since).toISOString() })) });
    },
    disconnect: async (request: FastifyRequest<{ Params: { clientId: string } }>, reply: FastifyReply) => {
      await disconnectApp(deps, signedInOf(request).profile.employeeId, request.params.clientId, requestMeta(request));
      return reply.code(204).send();
    },
  };
}
