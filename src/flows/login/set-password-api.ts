import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answeredChannels } from './mfa-step.js';
import type { AppDeps } from '../../core/deps.js';
import { clearCookie, setCookie } from '../../app/cookies.js';
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
  password: { body: SetPasswordBody, response: { 200: Type.Object({ next: Type.String(), flowId: Type.Optional(Type.String()), channels: Type.Optional(Type.Array(Type.String())), channel: Type.Optional(Type.String()), sentTo: Type.Optional(Type.Union([Type.String(), Type.Null()])), codeSent: Type.Optional(Type.Boolean()) }) } },
};

export function createSetPasswordApi(deps: AppDeps) {
  return {
    /** POST /api/v1/login/password {flowId, password, confirm} after `next: set_password` (HELP-4) → next: home + session. */
    password: async (request: FastifyRequest<{ Body: SetPasswordBody }>, reply: FastifyReply) => {
      const meta = requestMeta(request);
      const { flowId, password, confirm } = request.body;
      const outcome = await setPasswordAfterPin(deps, flowId, { password, confirm }, meta);
      if (outcome.next === 'code') {
        // HELP-4: the account's second factor still stands between the new password and a session.
        setCookie(reply, deps.config, 'portico_flow', outcome.step.flowId);
        return reply.send({ next: 'code', flowId: outcome.step.flowId, channels: answeredChannels(outcome.step), channel: outcome.step.channel, sentTo: outcome.step.sentTo, codeSent: outcome.step.codeSent });
      }
      clearCookie(reply, deps.config, 'portico_flow');
      await startSignedInSession(deps, request, reply, { employeeId: outcome.employeeId, meta, secondFactor: false, via: 'helpdesk_pin' });
      return reply.send({ next: 'home' });
    },
  };
}
