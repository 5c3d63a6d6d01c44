import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { clearCookie, setCookie } from '../../app/cookies.js';
import { requestMeta } from '../../app/request-context.js';
import { MAX_LENGTH } from '../../identity/normalise.js';
import { messagesFor } from '../../web/i18n.js';
import { listActivity } from './activity.js';
import { changeLanguage } from './change-language.js';
import { requestContactChange, verifyContactChange } from './change-contact.js';
import { SETTINGS_METHODS } from './methods.js';
import { endSessionByHandle, listSessions } from './sessions.js';
import { signedInOf } from '../../app/request-context.js';
import { deviceText } from './views/format.js';

export function createMeApi() {
  return {
    /** GET /api/v1/me (SPEC §14.2). */
    get: async (request: FastifyRequest, reply: FastifyReply) => {
      const profile = request.signedIn?.profile;
      if (!profile || !request.signedIn) throw new AppError('UNAUTHENTICATED', 'unauthenticated');
      return reply.send({
        employeeId: profile.employeeId,
        givenName: profile.givenName,
        familyName: profile.familyName,
        email: profile.email,
        mobile: profile.mobile,
        language: profile.language,
        mfa: profile.mfa,
        roles: profile.roles,
        // MFA-7: how many passkeys the account holds (counted by the session check itself).
        passkeys: request.signedIn.passkeys,
      });
    },
  };
}

const strict = { additionalProperties: false } as const;
const Password = Type.String({ maxLength: MAX_LENGTH.passwordBytes });
const Code = Type.String({ maxLength: 20 });

/** Bodies of the Edit My Profile API; `current` may be left out within 5 minutes of signing in (SESS-3). */
export const profileSchemas = {
  password: { body: Type.Object({ current: Type.Optional(Password), password: Password, confirm: Password }, strict) },
  contact: {
    body: Type.Object(
      {
        current: Type.Optional(Password),
        email: Type.Optional(Type.String({ maxLength: MAX_LENGTH.identifier })),
        mobile: Type.Optional(Type.String({ maxLength: 40 })),
        appId: Type.Optional(Type.String({ maxLength: 64 })),
      },
      strict,
    ),
  },
  verify: { body: Type.Object({ emailCode: Type.Optional(Code), mobileCode: Type.Optional(Code) }, strict) },
  questions: {
    body: Type.Object(
      {
        current: Type.Optional(Password),
        answers: Type.Array(
          Type.Object({ questionId: Type.String({ maxLength: 64 }), answer: Type.String({ maxLength: MAX_LENGTH.answer }) }, strict),
          { minItems: 3, maxItems: 3 },
        ),
      },
      strict,
    ),
  },
  language: { body: Type.Object({ language: Type.String({ maxLength: 10 }) }, strict) },
  session: { params: Type.Object({ id: Type.String({ maxLength: 64 }) }, strict) },
};

type Body<K extends 'password' | 'contact' | 'verify' | 'questions' | 'language'> = Static<(typeof profileSchemas)[K]['body']>;

const YEAR_SECONDS = 365 * 24 * 3600;

/** PROF-1, PROF-2, SESS-3, SESS-4 as JSON (SPEC §14.2); every route is behind `requireSession`. */
export function createProfileApi(deps: AppDeps) {
  return {
    password: async (request: FastifyRequest<{ Body: Body<'password'> }>, reply: FastifyReply) => {
      await SETTINGS_METHODS.password.change(deps, signedInOf(request), request.body, requestMeta(request));
      return reply.code(204).send();
    },
    contact: async (request: FastifyRequest<{ Body: Body<'contact'> }>, reply: FastifyReply) => {
      const sent = await requestContactChange(deps, signedInOf(request), request.body, requestMeta(request));
      return reply.code(202).send({ sent });
    },
    verifyContact: async (request: FastifyRequest<{ Body: Body<'verify'> }>, reply: FastifyReply) => {
      await verifyContactChange(deps, signedInOf(request), request.body, requestMeta(request));
      return reply.code(204).send();
    },
    questions: async (request: FastifyRequest<{ Body: Body<'questions'> }>, reply: FastifyReply) => {
      await SETTINGS_METHODS.questions.change(deps, signedInOf(request), request.body, requestMeta(request));
      return reply.code(204).send();
    },
    language: async (request: FastifyRequest<{ Body: Body<'language'> }>, reply: FastifyReply) => {
      const language = await changeLanguage(deps, signedInOf(request), request.body.language, requestMeta(request));
      setCookie(reply, deps.config, 'portico_lang', language, YEAR_SECONDS);
      return reply.code(204).send();
    },
    sessions: async (request: FastifyRequest, reply: FastifyReply) => {
      const t = messagesFor(request.language);
      const sessions = await listSessions(deps, signedInOf(request));
      return reply.send({
        items: sessions.map((s) => ({
          id: s.id,
          current: s.current,
          device: deviceText(t, s.device),
          ip: s.ip,
          startedAt: new Date(s.startedAt).toISOString(),
          lastSeenAt: new Date(s.lastSeenAt).toISOString(),
        })),
      });
    },
    endSession: async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const { current } = await endSessionByHandle(deps, signedInOf(request), request.params.id, requestMeta(request));
      if (current) clearCookie(reply, deps.config, 'portico_session');
      return reply.code(204).send();
    },
    activity: async (request: FastifyRequest, reply: FastifyReply) => {
      const events = await listActivity(deps, signedInOf(request));
      return reply.send({ items: events.map((e) => ({ at: new Date(e.at).toISOString(), event: e.event, outcome: e.outcome, ip: e.ip })) });
    },
  };
}
