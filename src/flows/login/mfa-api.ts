import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { clearCookie, setCookie } from '../../app/cookies.js';
import { requestMeta } from '../../app/request-context.js';
import { startSignedInSession } from '../../app/session-cookie.js';
import { answeredChannels, sendLoginCode, verifyLoginCode } from './mfa-step.js';

const strict = { additionalProperties: false } as const;
const FlowId = Type.String({ maxLength: 100 });

export const mfaLoginSchemas = {
  send: { body: Type.Object({ flowId: FlowId, channel: Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('totp')]) }, strict) },
  // A recovery code is longer than 6 digits; 40 leaves room for spaces and dashes.
  code: { body: Type.Object({ flowId: FlowId, code: Type.String({ maxLength: 40 }) }, strict) },
};

type Body<K extends keyof typeof mfaLoginSchemas> = Static<(typeof mfaLoginSchemas)[K]['body']>;

/** MFA-2..4 as JSON (SPEC §14.2): the flow id comes in the body, as `POST /login` gave it. */
export function createMfaLoginApi(deps: AppDeps) {
  return {
    /** POST /api/v1/login/code/send {flowId, channel} → 202: a new code, or another verified channel. */
    send: async (request: FastifyRequest<{ Body: Body<'send'> }>, reply: FastifyReply) => {
      const view = await sendLoginCode(deps, request.body.flowId, request.body.channel, requestMeta(request));
      return reply.code(202).send({ channel: view.channel, sentTo: view.sentTo, channels: answeredChannels(view) });
    },
    /** POST /api/v1/login/code {flowId, code} → next: home, with a session that passed a second factor. */
    code: async (request: FastifyRequest<{ Body: Body<'code'> }>, reply: FastifyReply) => {
      const meta = requestMeta(request);
      const outcome = await verifyLoginCode(deps, request.body.flowId, request.body.code, meta);
      if (outcome.next === 'register') {
        setCookie(reply, deps.config, 'portico_flow', outcome.flowId);
        return reply.send({ next: 'register', flowId: outcome.flowId });
      }
      clearCookie(reply, deps.config, 'portico_flow');
      await startSignedInSession(deps, request, reply, { employeeId: outcome.employeeId, meta, secondFactor: true, via: outcome.via, secondFactorMethod: outcome.method });
      return reply.send({ next: 'home' });
    },
  };
}
