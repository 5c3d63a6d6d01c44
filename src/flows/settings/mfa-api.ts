import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { requestMeta } from '../../app/request-context.js';
import { MAX_LENGTH } from '../../identity/normalise.js';
import { SETTINGS_METHODS } from './methods.js';
import { changeMfa, sendMfaProofCode } from './mfa.js';
import { signedInOf } from '../../app/request-context.js';

const strict = { additionalProperties: false } as const;

/** SPEC §14.2: `current` may be left out within 5 minutes of signing in (SESS-3). */
export const mfaProfileSchemas = {
  change: {
    body: Type.Object(
      {
        current: Type.Optional(Type.String({ maxLength: MAX_LENGTH.passwordBytes })),
        /** MFA-6: a code of the current factor (TOTP, recovery code, or one sent by POST /me/mfa/code). */
        code: Type.Optional(Type.String({ maxLength: 40 })),
        method: Type.Union([Type.Literal('off'), Type.Literal('email'), Type.Literal('sms'), Type.Literal('totp')]),
      },
      strict,
    ),
  },
  totp: { body: Type.Object({ code: Type.String({ maxLength: 20 }) }, strict) },
};

type Body<K extends keyof typeof mfaProfileSchemas> = Static<(typeof mfaProfileSchemas)[K]['body']>;

/** MFA-1, MFA-3 as JSON; both routes are behind `requireSession`. */
export function createMfaProfileApi(deps: AppDeps) {
  return {
    /** PUT /api/v1/me/mfa → 204, or for `totp` `{otpauthUrl, qrSvg, secret}` (active after POST /me/mfa/totp). */
    change: async (request: FastifyRequest<{ Body: Body<'change'> }>, reply: FastifyReply) => {
      const change = await changeMfa(deps, signedInOf(request), request.body, requestMeta(request));
      if (change.method !== 'totp') return reply.code(204).send();
      return reply.send(change.enrolment);
    },
    /** POST /api/v1/me/mfa/code → 202: MFA-6's code to the current e-mail or SMS factor. */
    sendCode: async (request: FastifyRequest, reply: FastifyReply) => {
      const delivery = await sendMfaProofCode(deps, signedInOf(request), requestMeta(request));
      return reply.code(202).send({ channel: delivery.channel, sentTo: delivery.sentTo });
    },
    /** POST /api/v1/me/mfa/totp {code} → `{recoveryCodes}`, shown this once. */
    confirmTotp: async (request: FastifyRequest<{ Body: Body<'totp'> }>, reply: FastifyReply) => {
      const recoveryCodes = await SETTINGS_METHODS.totp.confirmEnrolment(deps, signedInOf(request), request.body.code, requestMeta(request));
      return reply.send({ recoveryCodes });
    },
  };
}
