import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { clearCookie, cookieName, setCookie } from '../../app/cookies.js';
import { requestMeta } from '../../app/request-context.js';
import { endBrowserSession, startSignedInSession } from '../../app/session-cookie.js';
import { MAX_LENGTH } from '../../identity/normalise.js';
import { CredentialJson } from '../../methods/passkey/credential-schema.js';
import { PASSKEY_SIGN_IN } from './methods.js';

const strict = { additionalProperties: false } as const;
const FlowId = Type.String({ maxLength: 100 });

export const passkeyLoginSchemas = {
  options: { body: Type.Object({ identifier: Type.Optional(Type.String({ maxLength: MAX_LENGTH.identifier })) }, strict) },
  login: { body: Type.Object({ flowId: FlowId, credential: CredentialJson }, strict) },
  // The code step's flow: in the body as `POST /login` gave it, or (the page's script) the `portico_flow` cookie.
  codeOptions: { body: Type.Object({ flowId: Type.Optional(FlowId) }, strict) },
  code: { body: Type.Object({ flowId: Type.Optional(FlowId), credential: CredentialJson }, strict) },
};

type Body<K extends keyof typeof passkeyLoginSchemas> = Static<(typeof passkeyLoginSchemas)[K]['body']>;

/** MFA-7 as JSON (SPEC §14.2): a passkey sign-in, and a passkey as the code step's second factor. */
export function createPasskeyLoginApi(deps: AppDeps) {
  const codeFlowOf = (request: FastifyRequest<{ Body: { flowId?: string | undefined } }>) => request.body.flowId ?? request.cookies[cookieName(deps.config, 'portico_flow')] ?? '';
  return {
    /** POST /api/v1/passkeys/login/options {identifier?} → {flowId, options} for navigator.credentials.get(). */
    options: async (request: FastifyRequest<{ Body: Body<'options'> }>, reply: FastifyReply) => {
      const answer = await PASSKEY_SIGN_IN.options(deps, { identifier: request.body.identifier }, requestMeta(request));
      return reply.send(answer);
    },
    /** POST /api/v1/passkeys/login {flowId, credential} → next: home (a session that passed both factors), or next: register (new terms). */
    login: async (request: FastifyRequest<{ Body: Body<'login'> }>, reply: FastifyReply) => {
      const meta = requestMeta(request);
      const outcome = await PASSKEY_SIGN_IN.finish(deps, request.body, meta);
      if (outcome.next === 'register') {
        await endBrowserSession(deps, request, reply, outcome.employeeId);
        setCookie(reply, deps.config, 'portico_flow', outcome.flowId);
        return reply.send({ next: 'register', flowId: outcome.flowId });
      }
      clearCookie(reply, deps.config, 'portico_flow');
      await startSignedInSession(deps, request, reply, { employeeId: outcome.employeeId, meta, secondFactor: true, via: 'passkey', passkey: true, secondFactorMethod: 'passkey', passkeyAmr: outcome.passkeyAmr });
      return reply.send({ next: 'home' });
    },
    /** POST /api/v1/login/code/passkey/options {flowId?} → {options}: the code step's account's passkeys. */
    codeOptions: async (request: FastifyRequest<{ Body: Body<'codeOptions'> }>, reply: FastifyReply) => {
      return reply.send(await PASSKEY_SIGN_IN.secondFactorOptions(deps, codeFlowOf(request), requestMeta(request)));
    },
    /** POST /api/v1/login/code/passkey {flowId?, credential} → next: home, as a right code would. */
    code: async (request: FastifyRequest<{ Body: Body<'code'> }>, reply: FastifyReply) => {
      const meta = requestMeta(request);
      const outcome = await PASSKEY_SIGN_IN.secondFactor(deps, codeFlowOf(request), request.body.credential, meta);
      if (outcome.next === 'register') {
        setCookie(reply, deps.config, 'portico_flow', outcome.flowId);
        return reply.send({ next: 'register', flowId: outcome.flowId });
      }
      clearCookie(reply, deps.config, 'portico_flow');
      await startSignedInSession(deps, request, reply, { employeeId: outcome.employeeId, meta, secondFactor: true, via: outcome.via, passkey: true, secondFactorMethod: 'passkey', passkeyAmr: outcome.passkeyAmr ?? null });
      return reply.send({ next: 'home' });
    },
  };
}
