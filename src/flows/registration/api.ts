import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { cookieName, clearCookie } from '../../app/cookies.js';
import { requestMeta } from '../../app/request-context.js';
import { startSignedInSession } from '../../app/session-cookie.js';
import { MAX_LENGTH } from '../../identity/normalise.js';
import { lengthLimits, rulesFor } from '../../identity/password-policy.js';
import { listQuestions } from '../../methods/challenge-questions/catalogue.js';
import { currentTerms } from '../../storage/repositories/terms.js';
import { asLanguage, LANGUAGES } from '../../web/i18n.js';
import { firstUnfinishedStep, loadRegistration, sessionAfterRegistration, type RegistrationContext } from './flow.js';
import { acceptTerms, chooseLanguage, resendContactCode, setContact, setQuestions, verifyContact } from './steps.js';
import { completeRegistration } from './complete.js';

const strict = { additionalProperties: false } as const;
const Code = Type.String({ maxLength: 20 });

export const registrationSchemas = {
  language: { body: Type.Object({ language: Type.String({ maxLength: 10 }) }, strict) },
  terms: { body: Type.Object({ accept: Type.Boolean(), version: Type.Integer({ minimum: 0 }) }, strict) },
  contact: {
    body: Type.Object(
      {
        email: Type.String({ maxLength: MAX_LENGTH.identifier }),
        mobile: Type.Optional(Type.String({ maxLength: 40 })),
        appId: Type.Optional(Type.String({ maxLength: 64 })),
      },
      strict,
    ),
  },
  resend: { body: Type.Object({ channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]) }, strict) },
  verify: { body: Type.Object({ emailCode: Type.Optional(Code), mobileCode: Type.Optional(Code) }, strict) },
  questions: {
    body: Type.Object(
      {
        answers: Type.Array(
          Type.Object({ questionId: Type.String({ maxLength: 64 }), answer: Type.String({ maxLength: MAX_LENGTH.answer }) }, strict),
          { minItems: 3, maxItems: 3 },
        ),
      },
      strict,
    ),
  },
  password: { body: Type.Object({ password: Type.String({ maxLength: MAX_LENGTH.passwordBytes }), confirm: Type.String({ maxLength: MAX_LENGTH.passwordBytes }) }, strict) },
};

type Body<K extends keyof typeof registrationSchemas> = Static<(typeof registrationSchemas)[K]['body']>;

/** The JSON side of the wizard (SPEC §14.2); the flow is the one in the `portico_flow` cookie. */
export function createRegistrationApi(deps: AppDeps) {
  const load = (request: FastifyRequest) => loadRegistration(deps, request.cookies[cookieName(deps.config, 'portico_flow')] ?? '', request.clientBinding);
  const answerNext = async (request: FastifyRequest, reply: FastifyReply) => {
    const context = await load(request);
    return reply.send({ next: 'register', step: firstUnfinishedStep(context) });
  };
  const finish = async (request: FastifyRequest, reply: FastifyReply, context: RegistrationContext) => {
    clearCookie(reply, deps.config, 'portico_flow');
    await startSignedInSession(deps, request, reply, { employeeId: context.registrant.employeeId, meta: requestMeta(request), ...sessionAfterRegistration(context) });
    return reply.send({ next: 'home' });
  };

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => reply.send(await describeRegistration(deps, await load(request))),
    questions: async (request: FastifyRequest, reply: FastifyReply) => reply.send({ items: listQuestions(request.language) }),
    language: async (request: FastifyRequest<{ Body: Body<'language'> }>, reply: FastifyReply) => {
      await chooseLanguage(deps, await load(request), request.body.language, requestMeta(request));
      return answerNext(request, reply);
    },
    terms: async (request: FastifyRequest<{ Body: Body<'terms'> }>, reply: FastifyReply) => {
      const context = await load(request);
      await acceptTerms(deps, context, request.body, requestMeta(request));
      return context.termsOnly ? finish(request, reply, context) : answerNext(request, reply);
    },
    contact: async (request: FastifyRequest<{ Body: Body<'contact'> }>, reply: FastifyReply) => {
      const sent = await setContact(deps, await load(request), request.body, requestMeta(request));
      const context = await load(request);
      return reply.send({ next: 'register', step: firstUnfinishedStep(context), sent });
    },
    resend: async (request: FastifyRequest<{ Body: Body<'resend'> }>, reply: FastifyReply) => {
      await resendContactCode(deps, await load(request), request.body.channel, requestMeta(request));
      return reply.code(202).send({ sent: [request.body.channel] });
    },
    verify: async (request: FastifyRequest<{ Body: Body<'verify'> }>, reply: FastifyReply) => {
      await verifyContact(deps, await load(request), request.body, requestMeta(request));
      return answerNext(request, reply);
    },
    setQuestions: async (request: FastifyRequest<{ Body: Body<'questions'> }>, reply: FastifyReply) => {
      await setQuestions(deps, await load(request), request.body.answers, requestMeta(request));
      return answerNext(request, reply);
    },
    password: async (request: FastifyRequest<{ Body: Body<'password'> }>, reply: FastifyReply) => {
      const context = await load(request);
      await completeRegistration(deps, context, request.body, requestMeta(request));
      return finish(request, reply, context);
    },
  };
}

/** GET /api/v1/registration: where the wizard stands and what each step needs. */
export async function describeRegistration(deps: AppDeps, context: RegistrationContext) {
  const { progress, registrant } = context;
  const language = asLanguage(progress.language ?? registrant.language);
  const terms = await currentTerms(deps.storage.db, language);
  const { min, max } = lengthLimits({ policy: deps.config.policy });
  return {
    step: firstUnfinishedStep(context),
    steps: context.steps,
    language,
    languages: LANGUAGES,
    givenName: registrant.givenName,
    terms: terms ? { version: terms.version, title: terms.title, text: terms.body } : null,
    termsAccepted: progress.terms_version === context.termsVersion,
    contact: {
      email: progress.email,
      mobile: progress.mobile,
      appId: progress.app_id,
      emailVerified: progress.email_verified_at !== null,
      mobileVerified: progress.mobile === null ? null : progress.mobile_verified_at !== null,
    },
    questions: { answered: (progress.questions?.length ?? 0) === 3, chosen: (progress.questions ?? []).map((q) => q.questionId) },
    password: { policy: deps.config.policy, minLength: min, maxLength: max, rules: rulesFor(deps.config.policy) },
  };
}
