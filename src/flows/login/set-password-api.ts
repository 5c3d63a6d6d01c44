import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app/deps.js';
import { clearCookie } from '../../app/cookies.js';
import { requestMeta } from '../../app/request-context.js';
import { startSignedInSession } from '../../app/session-cookie.js';
import { MAX_LENGTH } from '../../identity/normalise.js';
import { setPasswordAfterPin } from './set-password.js';

const SetPasswordBody = Type.Object(
  {
    flowId: Type.String({ maxLength: 100 }),
    password: Type.String({ maxLength: MAX_LENGTH.passwordBytes }),
    confirm: Type.String({ maxLength: MAX_LENGTH.passwordBytes }),
  },
  { additionalProperties: false },
);
type SetPasswordBody = Static<typeof SetPasswordBody>;

export const setPasswordSchemas = {
  password: { body: SetPasswordBody, response: { 200: Type.Object({ next: Type.String() }) } },
};

export function createSetPasswordApi(deps: AppDeps) {
  return {
    /** POST /api/v1/login/password {flowId, password, confirm} after `next: set_password` (HELP-4) → next: home + session. */
    password: async (request: FastifyRequest<{ Body: SetPasswordBody }>, reply: FastifyReply) => {
      const meta = requestMeta(request);
      const { flowId, password, confirm } = request.body;
      const { employeeId } = await setPasswordAfterPin(deps, flowId, { password, confirm }, meta);
      clearCookie(reply, deps.config, 'portico_flow');
      await startSignedInSession(deps, request, reply, { employeeId, meta, secondFactor: false });
      return reply.send({ next: 'home' });
    },
  };
}
