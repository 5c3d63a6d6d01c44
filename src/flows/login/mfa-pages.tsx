import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { clearCookie, cookieName, setCookie } from '../../app/cookies.js';
import { toAppError } from '../../app/error-handler.js';
import { formErrorsFor } from '../../app/form-errors.js';
import { loadSignedIn } from '../../app/guards.js';
import { pageContext, requestMeta } from '../../app/request-context.js';
import { startSignedInSession } from '../../app/session-cookie.js';
import type { MfaChannel } from '../../storage/repositories/mfa.js';
import { sendPage } from '../../app/render-page.js';
import { maskedDestination } from './mfa.js';
import { codeStepWaiting, loadCodeStep, sendLoginCode, verifyLoginCode } from './mfa-step.js';
import { CodeView } from './views/code-view.js';
import { landingAfterSignIn } from './landing.js';
import { safeReturnPath } from '../../app/return-path.js';
import { allowFormActionToApplication } from '../../app/application-form-action.js';
import { formText, type FormBody } from '../../web/form-body.js';
import { relyingPartyOf } from '../../methods/passkey/webauthn.js';

// `/login/code` as web pages (SPEC §14.1, MFA-2..4): the same step functions as the JSON API; the
// flow id is in the `portico_flow` cookie that the sign-in form set.

type FormRequest = FastifyRequest<{ Body: FormBody }>;

const CHANNELS: readonly MfaChannel[] = ['email', 'sms', 'totp'];

export function createMfaLoginPages(deps: AppDeps) {
  const { config } = deps;
  const flowIdOf = (request: FastifyRequest) => request.cookies[cookieName(config, 'portico_flow')] ?? '';

  async function render(request: FastifyRequest, reply: FastifyReply, options: { sent?: boolean; error?: AppError } = {}) {
    const context = await loadCodeStep(deps, flowIdOf(request), request.clientBinding);
    const { state, channel } = context;
    const others = state.channels.filter((c) => c !== channel).map((other) => ({ channel: other, sentTo: maskedDestination(state, other) }));
    if (options.error?.options.retryAfterSeconds !== undefined) reply.header('retry-after', String(options.error.options.retryAfterSeconds));
    const returnTo = safeReturnPath(request.cookies[cookieName(config, 'portico_return')]);
    await allowFormActionToApplication(deps, request, reply, returnTo);
    return sendPage(
      reply,
      <CodeView
        ctx={pageContext(request, reply, config)}
        channel={channel}
        sentTo={maskedDestination(state, channel)}
        others={others}
        sent={options.sent ?? false}
        waiting={await codeStepWaiting(deps, context)}
        errors={options.error ? formErrorsFor(options.error, request.language, [['code', 'code']]) : null}
        passkeyOrigin={state.passkeys > 0 ? (relyingPartyOf(config)?.origin ?? null) : null}
        landing={returnTo ?? '/home'}
      />,
      options.error?.status ?? 200,
    );
  }

  /** Known problems re-show the step; an expired step (410) goes to the error page, which says so. */
  function stepError(error: unknown): AppError {
    const appError = toAppError(error);
    if (!appError || appError.code === 'FLOW_EXPIRED') throw error;
    return appError;
  }

  return {
    /** GET /login/code */
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      await loadSignedIn(deps, request);
      if (request.signedIn) return reply.redirect('/home', 303);
      try {
        await loadCodeStep(deps, flowIdOf(request), request.clientBinding);
      } catch {
        // No step waiting (or it expired): the sign-in page starts a new one.
        return reply.redirect('/login', 303);
      }
      const sent = (request.query as Record<string, unknown> | undefined)?.sent !== undefined;
      return render(request, reply, { sent });
    },

    /** POST /login/code */
    submit: async (request: FormRequest, reply: FastifyReply) => {
      const meta = requestMeta(request);
      try {
        const outcome = await verifyLoginCode(deps, flowIdOf(request), formText(request.body, 'code', 100), meta);
        if (outcome.next === 'register') {
          setCookie(reply, config, 'portico_flow', outcome.flowId);
          return reply.redirect('/register', 303);
        }
        clearCookie(reply, config, 'portico_flow');
        await startSignedInSession(deps, request, reply, { employeeId: outcome.employeeId, meta, secondFactor: true, via: outcome.via, secondFactorMethod: outcome.method });
        const returnTo = safeReturnPath(request.cookies[cookieName(config, 'portico_return')]);
        clearCookie(reply, config, 'portico_return');
        return reply.redirect(returnTo ?? (await landingAfterSignIn(deps, outcome.employeeId, outcome.via !== 'helpdesk_pin')), 303);
      } catch (error) {
        return render(request, reply, { error: stepError(error) });
      }
    },

    /** POST /login/code/send: a new code on this channel, or a switch to another verified one. */
    send: async (request: FormRequest, reply: FastifyReply) => {
      const typed = formText(request.body, 'channel', 10);
      const channel = CHANNELS.find((c) => c === typed);
      try {
        if (!channel) throw new AppError('VALIDATION', 'mfaChannelUnavailable');
        await sendLoginCode(deps, flowIdOf(request), channel, requestMeta(request));
        return reply.redirect('/login/code?sent', 303);
      } catch (error) {
        return render(request, reply, { error: stepError(error) });
      }
    },
  };
}
