import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { requestMeta } from '../../app/request-context.js';
import { startSignedInSession } from '../../app/session-cookie.js';
import { MAX_LENGTH } from '../../identity/normalise.js';
import { messagesFor } from '../../web/i18n.js';
import { loadRecovery, startRecovery, type RecoveryStep } from './flow.js';
import { codeMethod, RECOVERY_METHODS, sentCodeMethod } from './methods.js';
import { setRecoveryPassword } from './set-password.js';
import { CredentialJson } from '../../methods/passkey/credential-schema.js';

const strict = { additionalProperties: false } as const;
const FlowParams = Type.Object({ flowId: Type.String({ maxLength: 100 }) }, strict);
const Channel = Type.Union([Type.Literal('email'), Type.Literal('sms')]);

export const recoverySchemas = {
  start: { body: Type.Object({ identifier: Type.String({ maxLength: MAX_LENGTH.identifier }) }, strict) },
  link: { params: FlowParams, body: Type.Object({ email: Type.String({ maxLength: MAX_LENGTH.identifier }) }, strict) },
  redeem: { body: Type.Object({ token: Type.String({ maxLength: 100 }) }, strict) },
  sendCode: { params: FlowParams, body: Type.Object({ channel: Channel, to: Type.String({ maxLength: MAX_LENGTH.identifier }) }, strict) },
  code: { params: FlowParams, body: Type.Object({ code: Type.String({ maxLength: 20 }) }, strict) },
  // A recovery code is longer than 6 digits; 40 leaves room for spaces and dashes.
  totp: { params: FlowParams, body: Type.Object({ code: Type.String({ maxLength: 40 }) }, strict) },
  passkeyOptions: { params: FlowParams },
  passkey: { params: FlowParams, body: Type.Object({ credential: CredentialJson }, strict) },
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
type BodyOf<K extends Exclude<keyof typeof recoverySchemas, 'questions' | 'passkeyOptions'>> = Static<(typeof recoverySchemas)[K]['body']>;
type Req<K extends Exclude<keyof typeof recoverySchemas, 'questions' | 'passkeyOptions'>> = FastifyRequest<{ Params: Params; Body: BodyOf<K> }>;

/**
 * The JSON side of recovery (SPEC §14.2). Sending answers 202 with the same words whatever matched
 * (RECOV-1). Every step loads the flow with this client's binding (RECOV-12): a flow id from
 * another client is an unknown flow. A proof answers `{next, flowId}`, with `methods` while
 * RECOV-6 wants a proof of another kind.
 */
export function createRecoveryApi(deps: AppDeps) {
  const sentAnswer = (reply: FastifyReply, text: string) => reply.code(202).send({ message: text });
  const load = (request: FastifyRequest<{ Params: Params }>) => loadRecovery(deps, request.params.flowId, request.clientBinding);
  const stepAnswer = (reply: FastifyReply, flowId: string, step: RecoveryStep) => reply.send({ ...step, flowId });
  return {
    start: async (request: Req<'start'>, reply: FastifyReply) => reply.send(await startRecovery(deps, request.body.identifier, requestMeta(request))),
    link: async (request: Req<'link'>, reply: FastifyReply) => {
      await RECOVERY_METHODS.email_link.send(deps, await load(request), request.body.email, requestMeta(request));
      return sentAnswer(reply, messagesFor(request.language).recovery.link.sent);
    },
    redeem: async (request: Req<'redeem'>, reply: FastifyReply) => {
      const { flowId, step } = await RECOVERY_METHODS.email_link.redeem(deps, request.body.token, requestMeta(request));
      return stepAnswer(reply, flowId, step);
    },
    sendCode: async (request: Req<'sendCode'>, reply: FastifyReply) => {
      const { channel, to } = request.body;
      await codeMethod(channel).send(deps, await load(request), to, requestMeta(request));
      return sentAnswer(reply, messagesFor(request.language).recovery.code.sent[channel]);
    },
    code: async (request: Req<'code'>, reply: FastifyReply) => {
      const context = await load(request);
      return stepAnswer(reply, request.params.flowId, await sentCodeMethod(context).verify(deps, context, request.body.code, requestMeta(request)));
    },
    totp: async (request: Req<'totp'>, reply: FastifyReply) =>
      stepAnswer(reply, request.params.flowId, await RECOVERY_METHODS.totp.verify(deps, await load(request), request.body.code, requestMeta(request))),
    /** RECOV-6 / MFA-7: the passkey proof, after a first proof of another kind. */
    passkeyOptions: async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) =>
      reply.send(await RECOVERY_METHODS.passkey.options(deps, await load(request), requestMeta(request))),
    passkey: async (request: Req<'passkey'>, reply: FastifyReply) =>
      stepAnswer(reply, request.params.flowId, await RECOVERY_METHODS.passkey.verify(deps, await load(request), request.body.credential, requestMeta(request))),
    questions: async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => reply.send({ items: await RECOVERY_METHODS.questions.questions(deps, await load(request), request.language) }),
    answers: async (request: Req<'answers'>, reply: FastifyReply) =>
      stepAnswer(reply, request.params.flowId, await RECOVERY_METHODS.questions.answer(deps, await load(request), request.body.answers, requestMeta(request))),
    password: async (request: Req<'password'>, reply: FastifyReply) => {
      const meta = requestMeta(request);
      const { employeeId } = await setRecoveryPassword(deps, await load(request), request.body, meta);
      await startSignedInSession(deps, request, reply, { employeeId, meta, secondFactor: false, via: 'recovery' });
      return reply.send({ next: 'home' });
    },
  };
}
