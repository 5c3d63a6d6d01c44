import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app/deps.js';
import { requestMeta } from '../../app/request-context.js';
import { startSignedInSession } from '../../app/session-cookie.js';
import { MAX_LENGTH } from '../../identity/normalise.js';
import { messagesFor } from '../../web/i18n.js';
import { loadRecovery, startRecovery } from './flow.js';
import { answerRecoveryQuestions, recoveryQuestions } from './questions.js';
import { requestRecoveryCode, requestResetLink } from './send.js';
import { setRecoveryPassword } from './set-password.js';
import { redeemResetLink } from './use-link.js';
import { verifyRecoveryCode } from './verify-code.js';

const strict = { additionalProperties: false } as const;
const FlowParams = Type.Object({ flowId: Type.String({ maxLength: 100 }) }, strict);
const Channel = Type.Union([Type.Literal('email'), Type.Literal('sms')]);

export const recoverySchemas = {
  start: { body: Type.Object({ identifier: Type.String({ maxLength: MAX_LENGTH.identifier }) }, strict) },
  link: { params: FlowParams, body: Type.Object({ email: Type.String({ maxLength: MAX_LENGTH.identifier }) }, strict) },
  redeem: { body: Type.Object({ token: Type.String({ maxLength: 100 }) }, strict) },
  sendCode: { params: FlowParams, body: Type.Object({ channel: Channel, to: Type.String({ maxLength: MAX_LENGTH.identifier }) }, strict) },
  code: { params: FlowParams, body: Type.Object({ code: Type.String({ maxLength: 20 }) }, strict) },
  questions: { params: FlowParams },
  answers: {
    params: FlowParams,
    body: Type.Object(
      {
        answers: Type.Array(
          Type.Object({ questionId: Type.String({ maxLength: 64 }), answer: Type.String({ maxLength: MAX_LENGTH.answer }) }, strict),
          { minItems: 1, maxItems: 3 },
        ),
      },
      strict,
    ),
  },
  password: {
    params: FlowParams,
    body: Type.Object({ password: Type.String({ maxLength: MAX_LENGTH.passwordBytes }), confirm: Type.String({ maxLength: MAX_LENGTH.passwordBytes }) }, strict),
  },
};

type Params = Static<typeof FlowParams>;
type BodyOf<K extends Exclude<keyof typeof recoverySchemas, 'questions'>> = Static<(typeof recoverySchemas)[K]['body']>;
type Req<K extends Exclude<keyof typeof recoverySchemas, 'questions'>> = FastifyRequest<{ Params: Params; Body: BodyOf<K> }>;

/** The JSON side of recovery (SPEC §14.2). Sending answers 202 with the same words whatever matched (RECOV-1). */
export function createRecoveryApi(deps: AppDeps) {
  const sentAnswer = (reply: FastifyReply, text: string) => reply.code(202).send({ message: text });
  return {
    start: async (request: Req<'start'>, reply: FastifyReply) => reply.send(await startRecovery(deps, request.body.identifier, requestMeta(request))),
    link: async (request: Req<'link'>, reply: FastifyReply) => {
      await requestResetLink(deps, await loadRecovery(deps, request.params.flowId), request.body.email, requestMeta(request));
      return sentAnswer(reply, messagesFor(request.language).recovery.link.sent);
    },
    redeem: async (request: Req<'redeem'>, reply: FastifyReply) => reply.send(await redeemResetLink(deps, request.body.token, requestMeta(request))),
    sendCode: async (request: Req<'sendCode'>, reply: FastifyReply) => {
      const { channel, to } = request.body;
      await requestRecoveryCode(deps, await loadRecovery(deps, request.params.flowId), channel, to, requestMeta(request));
      return sentAnswer(reply, messagesFor(request.language).recovery.code.sent[channel]);
    },
    code: async (request: Req<'code'>, reply: FastifyReply) => {
      const next = await verifyRecoveryCode(deps, await loadRecovery(deps, request.params.flowId), request.body.code, requestMeta(request));
      return reply.send({ next });
    },
    questions: async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) =>
      reply.send(await recoveryQuestions(deps, await loadRecovery(deps, request.params.flowId), request.language)),
    answers: async (request: Req<'answers'>, reply: FastifyReply) => {
      const next = await answerRecoveryQuestions(deps, await loadRecovery(deps, request.params.flowId), request.body.answers, requestMeta(request));
      return reply.send({ next });
    },
    password: async (request: Req<'password'>, reply: FastifyReply) => {
      const meta = requestMeta(request);
      const { employeeId } = await setRecoveryPassword(deps, await loadRecovery(deps, request.params.flowId), request.body, meta);
      await startSignedInSession(deps, request, reply, { employeeId, meta, secondFactor: false, via: 'recovery' });
      return reply.send({ next: 'home' });
    },
  };
}
