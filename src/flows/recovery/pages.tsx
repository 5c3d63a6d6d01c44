import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { toAppError } from '../../app/error-handler.js';
import type { FormControls } from '../../app/form-errors.js';
import { brokenPasswordRules } from '../../app/password-form-errors.js';
import { loadSignedIn } from '../../app/guards.js';
import { pageContext, requestMeta } from '../../app/request-context.js';
import { startSignedInSession } from '../../app/session-cookie.js';
import { lengthLimits, rulesFor } from '../../identity/password-policy.js';
import type { CodeChannel } from '../../methods/one-time-code/codes.js';
import { fieldProblem } from '../../web/components/form-errors.js';
import { formSecret, formText, type FormBody } from '../../web/form-body.js';
import { messagesFor } from '../../web/i18n.js';
import { sendPage } from '../../app/render-page.js';
import { loadRecovery, nextAfterProof, offeredMethods, openMethods, startRecovery, type RecoveryContext, type RecoveryMethodName, type RecoveryNext } from './flow.js';
import { PasskeyRecoveryPage } from './views/passkey-page.js';
import { relyingPartyOf } from '../../methods/passkey/webauthn.js';
import { AuthenticatorPage } from './views/authenticator-page.js';
import { codeMethod, RECOVERY_METHODS, sentCodeMethod } from './methods.js';
import { setRecoveryPassword } from './set-password.js';
import { LinkInvalidPage, LinkPage } from './views/link-page.js';
import { MethodsPage } from './views/methods-page.js';
import { PasswordPage } from './views/password-page.js';
import { QuestionsPage } from './views/questions-page.js';
import { recoveryFormErrors } from './recovery-form-errors.js';
import { CodeEntryPage, CodeSendPage, LinkFormPage, LinkSentPage } from './views/send-pages.js';
import { StartPage } from './views/start-page.js';

// The forgot-password pages (SPEC §14.1), usable without JavaScript: the same step functions as
// the JSON API. A failed form is shown again with its errors next to the fields (never passwords);
// a step that worked redirects (303). The flow id is in the path, /recovery/:flowId/…, and counts
// only in the browser that started the flow (RECOV-12): anywhere else it is an expired flow.

type FlowRequest = FastifyRequest<{ Params: { flowId: string }; Body: FormBody; Querystring: Record<string, unknown> }>;
type PlainRequest = FastifyRequest<{ Body: FormBody; Querystring: Record<string, unknown> }>;

const METHOD_PATHS: Record<RecoveryMethodName, string> = {
  email_link: 'link',
  email_code: 'code/send?channel=email',
  sms_code: 'code/send?channel=sms',
  questions: 'questions',
  totp: 'totp',
  recovery_code: 'totp',
  passkey: 'passkey',
};

function queryText(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 200) : '';
}

function asChannel(value: string): CodeChannel | null {
  return value === 'email' || value === 'sms' ? value : null;
}

/** Each form's controls, by the field names the steps report (a control's id is its name). */
const CONTROLS = {
  start: [['identifier', 'identifier']],
  link: [['email', 'email']],
  codeSend: [['to', 'to']],
  code: [['code', 'code']],
  questions: [
    ['answer1', 'answer1'],
    ['answer2', 'answer2'],
    ['answer3', 'answer3'],
  ],
  password: [
    ['password', 'password'],
    ['confirm', 'confirm'],
  ],
} satisfies Record<string, FormControls>;

/** RECOV-2: the link page leaks nothing through Referer and is never cached. */
function linkPageHeaders(reply: FastifyReply): void {
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cache-control', 'no-store');
}

export function createRecoveryPages(deps: AppDeps) {
  const { config } = deps;
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, config);
  const toStart = (reply: FastifyReply) => reply.redirect('/recovery?expired=1', 303);

  /** The flow in the path, or null after redirecting to the start page (expired or unknown). */
  async function flowOr(request: FlowRequest, reply: FastifyReply): Promise<RecoveryContext | null> {
    try {
      return await loadRecovery(deps, request.params.flowId, request.clientBinding);
    } catch (error) {
      if (error instanceof AppError && error.code === 'FLOW_EXPIRED') {
        void toStart(reply);
        return null;
      }
      throw error;
    }
  }

  /** Runs a step; a known failure is shown by `render`, an expired flow goes back to the start. */
  async function attempt(reply: FastifyReply, work: () => Promise<unknown>, render: (error: AppError) => FastifyReply): Promise<AppError | null> {
    try {
      await work();
      return null;
    } catch (error) {
      const appError = toAppError(error);
      if (!appError) throw error;
      if (appError.code === 'FLOW_EXPIRED') {
        void toStart(reply);
        return appError;
      }
      if (appError.options.retryAfterSeconds !== undefined) reply.header('retry-after', String(appError.options.retryAfterSeconds));
      void render(appError);
      return appError;
    }
  }

  const flowPath = (request: FlowRequest, rest = '') => `/recovery/${encodeURIComponent(request.params.flowId)}${rest}`;
  /** The page for what a proven flow does next (nextAfterProof): RECOV-6's other ways (the methods page), or the new password. */
  const pathAfterProof = (flowId: string, next: RecoveryNext): string => {
    const base = `/recovery/${encodeURIComponent(flowId)}`;
    return next === 'code' ? base : `${base}/password`;
  };
  /** The methods a flow may choose now: everyone's four before a proof (RECOV-1), the account's other ways after one (RECOV-6). */
  const choosable = async (context: RecoveryContext): Promise<RecoveryMethodName[]> =>
    context.flow.state.proofs.length > 0 ? openMethods(deps, context) : offeredMethods(deps);

  return {
    /** GET /recovery */
    start: async (request: PlainRequest, reply: FastifyReply) =>
      sendPage(reply, <StartPage ctx={ctxOf(request, reply)} identifier="" errors={null} expired={queryText(request, 'expired') !== ''} />),

    /** POST /recovery: a flow for any identifier (RECOV-1), then the method choice. */
    startSubmit: async (request: PlainRequest, reply: FastifyReply) => {
      const identifier = formText(request.body, 'identifier', 300);
      try {
        const { flowId } = await startRecovery(deps, identifier, requestMeta(request));
        return reply.redirect(`/recovery/${flowId}`, 303);
      } catch (error) {
        const appError = toAppError(error);
        if (!appError) throw error;
        const errors = recoveryFormErrors(appError, request.language, CONTROLS.start);
        return sendPage(reply, <StartPage ctx={ctxOf(request, reply)} identifier={identifier} errors={errors} expired={false} />, appError.status);
      }
    },

    /** GET /recovery/:flowId: the same four ways for everyone; after a first proof on an MFA account, its other ways. */
    methods: async (request: FlowRequest, reply: FastifyReply) => {
      const context = await flowOr(request, reply);
      if (!context) return reply;
      const more = context.flow.state.proofs.length > 0;
      if (more && nextAfterProof(context) === 'set_password') return reply.redirect(flowPath(request, '/password'), 303);
      const page = <MethodsPage ctx={ctxOf(request, reply)} flowId={request.params.flowId} methods={await choosable(context)} errors={null} more={more} />;
      return sendPage(reply, page);
    },

    /** POST /recovery/:flowId: the chosen method's page. */
    chooseMethod: async (request: FlowRequest, reply: FastifyReply) => {
      const context = await flowOr(request, reply);
      if (!context) return reply;
      const methods = await choosable(context);
      const method = methods.find((m) => m === formText(request.body, 'method', 20));
      if (method) return reply.redirect(flowPath(request, `/${METHOD_PATHS[method]}`), 303);
      const errors = fieldProblem('method', messagesFor(request.language).recovery.methods.choose);
      const more = context.flow.state.proofs.length > 0;
      return sendPage(reply, <MethodsPage ctx={ctxOf(request, reply)} flowId={request.params.flowId} methods={methods} errors={errors} more={more} />, 400);
    },

    /** GET /recovery/:flowId/link (?sent=1 after a request: the same words whatever matched). */
    linkForm: async (request: FlowRequest, reply: FastifyReply) => {
      if (!(await flowOr(request, reply))) return reply;
      const ctx = ctxOf(request, reply);
      if (queryText(request, 'sent') !== '') return sendPage(reply, <LinkSentPage ctx={ctx} flowId={request.params.flowId} />);
      return sendPage(reply, <LinkFormPage ctx={ctx} flowId={request.params.flowId} email="" errors={null} />);
    },

    linkSubmit: async (request: FlowRequest, reply: FastifyReply) => {
      const context = await flowOr(request, reply);
      if (!context) return reply;
      const email = formText(request.body, 'email', 300);
      const failed = await attempt(
        reply,
        () => RECOVERY_METHODS.email_link.send(deps, context, email, requestMeta(request)),
        (error) =>
          sendPage(reply, <LinkFormPage ctx={ctxOf(request, reply)} flowId={request.params.flowId} email={email} errors={recoveryFormErrors(error, request.language, CONTROLS.link)} />, error.status),
      );
      return failed ? reply : reply.redirect(flowPath(request, '/link?sent=1'), 303);
    },

    /** GET /recovery/:flowId/code/send?channel=email|sms */
    codeSendForm: async (request: FlowRequest, reply: FastifyReply) => {
      if (!(await flowOr(request, reply))) return reply;
      const channel = asChannel(queryText(request, 'channel')) ?? 'email';
      return sendPage(reply, <CodeSendPage ctx={ctxOf(request, reply)} flowId={request.params.flowId} channel={channel} to="" errors={null} />);
    },

    codeSend: async (request: FlowRequest, reply: FastifyReply) => {
      const context = await flowOr(request, reply);
      if (!context) return reply;
      const channel = asChannel(formText(request.body, 'channel', 10)) ?? 'email';
      const to = formText(request.body, 'to', 300);
      const failed = await attempt(
        reply,
        () => codeMethod(channel).send(deps, context, to, requestMeta(request)),
        (error) =>
          sendPage(reply, <CodeSendPage ctx={ctxOf(request, reply)} flowId={request.params.flowId} channel={channel} to={to} errors={recoveryFormErrors(error, request.language, CONTROLS.codeSend)} />, error.status),
      );
      return failed ? reply : reply.redirect(flowPath(request, `/code?sent=${channel}`), 303);
    },

    /** GET /recovery/:flowId/code: "Code" and "Continue". */
    codeForm: async (request: FlowRequest, reply: FastifyReply) => {
      const context = await flowOr(request, reply);
      if (!context) return reply;
      const sent = asChannel(queryText(request, 'sent'));
      const channel = sent ?? context.flow.state.codeChannel ?? 'email';
      return sendPage(reply, <CodeEntryPage ctx={ctxOf(request, reply)} flowId={request.params.flowId} sent={sent} channel={channel} errors={null} />);
    },

    codeSubmit: async (request: FlowRequest, reply: FastifyReply) => {
      const context = await flowOr(request, reply);
      if (!context) return reply;
      const channel = context.flow.state.codeChannel ?? 'email';
      let next: RecoveryNext = 'set_password';
      const failed = await attempt(
        reply,
        async () => {
          ({ next } = await sentCodeMethod(context).verify(deps, context, formText(request.body, 'code', 20), requestMeta(request)));
        },
        (error) =>
          sendPage(reply, <CodeEntryPage ctx={ctxOf(request, reply)} flowId={request.params.flowId} sent={null} channel={channel} errors={recoveryFormErrors(error, request.language, CONTROLS.code)} />, error.status),
      );
      return failed ? reply : reply.redirect(pathAfterProof(request.params.flowId, next), 303);
    },

    /** GET /recovery/:flowId/questions: three questions, real or decoy, the same shape (RECOV-1). */
    questionsForm: async (request: FlowRequest, reply: FastifyReply) => {
      const context = await flowOr(request, reply);
      if (!context) return reply;
      const questions = await RECOVERY_METHODS.questions.questions(deps, context, request.language);
      return sendPage(reply, <QuestionsPage ctx={ctxOf(request, reply)} flowId={request.params.flowId} questions={questions} values={{}} errors={null} />);
    },

    questionsSubmit: async (request: FlowRequest, reply: FastifyReply) => {
      const context = await flowOr(request, reply);
      if (!context) return reply;
      const questions = await RECOVERY_METHODS.questions.questions(deps, context, request.language);
      const answers = questions.map((q, index) => ({ questionId: q.id, answer: formText(request.body, `answer${index + 1}`, 200) }));
      let next: RecoveryNext = 'set_password';
      const failed = await attempt(
        reply,
        async () => {
          ({ next } = await RECOVERY_METHODS.questions.answer(deps, context, answers, requestMeta(request)));
        },
        (error) => {
          // Answers are echoed only when one was missing; after a wrong set the fields start empty.
          const values = error.code === 'VALIDATION' ? Object.fromEntries(answers.map((a, index) => [`answer${index + 1}`, a.answer])) : {};
          const errors = recoveryFormErrors(error, request.language, CONTROLS.questions);
          return sendPage(reply, <QuestionsPage ctx={ctxOf(request, reply)} flowId={request.params.flowId} questions={questions} values={values} errors={errors} />, error.status);
        },
      );
      return failed ? reply : reply.redirect(pathAfterProof(request.params.flowId, next), 303);
    },

    /** GET /recovery/:flowId/totp: RECOV-6's authenticator proof, after a first proof of another kind. */
    totpForm: async (request: FlowRequest, reply: FastifyReply) => {
      const context = await flowOr(request, reply);
      if (!context) return reply;
      if (context.flow.state.proofs.length === 0) return reply.redirect(flowPath(request), 303);
      return sendPage(reply, <AuthenticatorPage ctx={ctxOf(request, reply)} flowId={request.params.flowId} errors={null} />);
    },

    totpSubmit: async (request: FlowRequest, reply: FastifyReply) => {
      const context = await flowOr(request, reply);
      if (!context) return reply;
      let next: RecoveryNext = 'set_password';
      const failed = await attempt(
        reply,
        async () => {
          ({ next } = await RECOVERY_METHODS.totp.verify(deps, context, formText(request.body, 'code', 40), requestMeta(request)));
        },
        (error) => sendPage(reply, <AuthenticatorPage ctx={ctxOf(request, reply)} flowId={request.params.flowId} errors={recoveryFormErrors(error, request.language, CONTROLS.code)} />, error.status),
      );
      return failed ? reply : reply.redirect(pathAfterProof(request.params.flowId, next), 303);
    },

    /** GET /recovery/:flowId/passkey: RECOV-6's passkey proof (MFA-7), after a first proof of another kind; the script posts to the API. */
    passkeyForm: async (request: FlowRequest, reply: FastifyReply) => {
      const context = await flowOr(request, reply);
      if (!context) return reply;
      if (context.flow.state.proofs.length === 0) return reply.redirect(flowPath(request), 303);
      return sendPage(reply, <PasskeyRecoveryPage ctx={ctxOf(request, reply)} flowId={request.params.flowId} origin={relyingPartyOf(deps.config)?.origin ?? null} />);
    },

    /** GET /recovery/:flowId/password — only once the proofs are enough (RECOV-5, RECOV-6). */
    passwordForm: async (request: FlowRequest, reply: FastifyReply) => {
      const context = await flowOr(request, reply);
      if (!context) return reply;
      if (context.flow.state.proofs.length === 0 || nextAfterProof(context) !== 'set_password') return reply.redirect(flowPath(request), 303);
      return sendPage(reply, renderPassword(request, reply, null));
    },

    passwordSubmit: async (request: FlowRequest, reply: FastifyReply) => {
      const context = await flowOr(request, reply);
      if (!context) return reply;
      if (context.flow.state.proofs.length === 0 || nextAfterProof(context) !== 'set_password') return reply.redirect(flowPath(request), 303);
      const meta = requestMeta(request);
      let employeeId = '';
      const failed = await attempt(
        reply,
        async () => {
          ({ employeeId } = await setRecoveryPassword(deps, context, { password: formSecret(request.body, 'password'), confirm: formSecret(request.body, 'confirm') }, meta));
        },
        (error) => sendPage(reply, renderPassword(request, reply, error), error.status),
      );
      if (failed) return reply;
      await startSignedInSession(deps, request, reply, { employeeId, meta, secondFactor: false, via: 'recovery' });
      return reply.redirect('/home', 303);
    },

    /** GET /recovery/link?token= — looks, never spends (RECOV-2); signed in → home, link unused (RECOV-9). */
    linkPage: async (request: PlainRequest, reply: FastifyReply) => {
      linkPageHeaders(reply);
      await loadSignedIn(deps, request);
      if (request.signedIn) return reply.redirect('/home', 303);
      const token = queryText(request, 'token');
      const ctx = ctxOf(request, reply);
      if (!(await RECOVERY_METHODS.email_link.isUsable(deps, token))) return sendPage(reply, <LinkInvalidPage ctx={ctx} />, 410);
      return sendPage(reply, <LinkPage ctx={ctx} token={token} />);
    },

    /** POST /recovery/link: the "Continue" button spends the token and opens the password page. */
    linkRedeem: async (request: PlainRequest, reply: FastifyReply) => {
      linkPageHeaders(reply);
      await loadSignedIn(deps, request);
      if (request.signedIn) return reply.redirect('/home', 303);
      try {
        const { flowId, step } = await RECOVERY_METHODS.email_link.redeem(deps, formText(request.body, 'token', 200), requestMeta(request));
        return reply.redirect(pathAfterProof(flowId, step.next), 303);
      } catch (error) {
        const appError = toAppError(error);
        if (!appError || appError.code !== 'FLOW_EXPIRED') throw error;
        return sendPage(reply, <LinkInvalidPage ctx={ctxOf(request, reply)} />, 410);
      }
    },
  };

  function renderPassword(request: FlowRequest, reply: FastifyReply, error: AppError | null) {
    return (
      <PasswordPage
        ctx={ctxOf(request, reply)}
        flowId={request.params.flowId}
        rules={rulesFor(config.policy)}
        limits={lengthLimits({ policy: config.policy })}
        broken={error ? brokenPasswordRules(error) : null}
        errors={error ? recoveryFormErrors(error, request.language, CONTROLS.password) : null}
      />
    );
  }
}
