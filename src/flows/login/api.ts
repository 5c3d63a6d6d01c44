import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { requestMeta } from '../../app/request-context.js';
import { endBrowserSession, signOut, startSignedInSession } from '../../app/session-cookie.js';
import { setCookie } from '../../app/cookies.js';
import { attemptLogin } from './flow.js';
import { answeredChannels } from './mfa-step.js';
import { MAX_LENGTH } from '../../identity/normalise.js';

export const LoginBody = Type.Object(
  {
    identifier: Type.String({ maxLength: MAX_LENGTH.identifier }),
    // Characters here; the byte limit (NORM-7) is checked before hashing in the flow.
    password: Type.String({ maxLength: MAX_LENGTH.passwordBytes }),
  },
  { additionalProperties: false },
);
type LoginBody = Static<typeof LoginBody>;

const NextAnswer = Type.Object({
  next: Type.String(),
  flowId: Type.Optional(Type.String()),
  // MFA-2: with `next: code`, the verified channels, the one in use and where its code went (masked).
  channels: Type.Optional(Type.Array(Type.String())),
  channel: Type.Optional(Type.String()),
  sentTo: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  // MFA-2: whether a new code went out now (false when the count per window held it back).
  codeSent: Type.Optional(Type.Boolean()),
});

export const loginSchemas = {
  login: { body: LoginBody, response: { 200: NextAnswer } },
};

export function createLoginApi(deps: AppDeps) {
  return {
    /** POST /api/v1/login → next: home | code | register | set_password (LOGIN-1..3, MFA-2). */
    login: async (request: FastifyRequest<{ Body: LoginBody }>, reply: FastifyReply) => {
      const meta = requestMeta(request);
      const outcome = await attemptLogin(deps, request.body, meta);
      if (outcome.next === 'home') {
        await startSignedInSession(deps, request, reply, { employeeId: outcome.employeeId, meta, secondFactor: false, via: 'password' });
        return reply.send({ next: 'home' });
      }
      await endBrowserSession(deps, request, reply, outcome.employeeId);
      setCookie(reply, deps.config, 'portico_flow', outcome.flowId);
      if (outcome.next === 'code') {
        return reply.send({ next: 'code', flowId: outcome.flowId, channels: answeredChannels(outcome), channel: outcome.channel, sentTo: outcome.sentTo, codeSent: outcome.codeSent });
      }
      return reply.send({ next: outcome.next, flowId: outcome.flowId });
    },
    /** POST /api/v1/logout → 204, the session is gone on the server. */
    logout: async (request: FastifyRequest, reply: FastifyReply) => {
      await signOut(deps, request, reply);
      return reply.code(204).send();
    },
  };
}
