import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app/deps.js';
import { requestMeta } from '../../app/request-context.js';
import { loadRecovery } from './flow.js';
import { sendRecoverySecondFactor, verifyRecoverySecondFactor } from './second-factor.js';

const strict = { additionalProperties: false } as const;
const FlowParams = Type.Object({ flowId: Type.String({ maxLength: 100 }) }, strict);

export const secondFactorSchemas = {
  send: { params: FlowParams, body: Type.Object({ channel: Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('totp')]) }, strict) },
  code: { params: FlowParams, body: Type.Object({ code: Type.String({ maxLength: 40 }) }, strict) },
};

type Req<K extends keyof typeof secondFactorSchemas> = FastifyRequest<{ Params: Static<typeof FlowParams>; Body: Static<(typeof secondFactorSchemas)[K]['body']> }>;

/** RECOV-6 as JSON: after `next: code` from a proof, a code on another channel, then `next: set_password`. */
export function createSecondFactorApi(deps: AppDeps) {
  return {
    /** POST /api/v1/recovery/:flowId/second-factor/send {channel} → 202 {channel, sentTo, channels}. */
    send: async (request: Req<'send'>, reply: FastifyReply) => {
      const step = await sendRecoverySecondFactor(deps, await loadRecovery(deps, request.params.flowId), request.body.channel, requestMeta(request));
      return reply.code(202).send({ channel: step.channel, sentTo: step.sentTo, channels: step.channels });
    },
    /** POST /api/v1/recovery/:flowId/second-factor {code} → next: set_password. */
    code: async (request: Req<'code'>, reply: FastifyReply) => {
      const next = await verifyRecoverySecondFactor(deps, await loadRecovery(deps, request.params.flowId), request.body.code, requestMeta(request));
      return reply.send({ next });
    },
  };
}
