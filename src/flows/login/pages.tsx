import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { messageFor, toAppError } from '../../app/error-handler.js';
import { formErrorsFor, type FormControls } from '../../app/form-errors.js';
import { pageContext, requestMeta } from '../../app/request-context.js';
import { endBrowserSession, signOut, startSignedInSession } from '../../app/session-cookie.js';
import { clearCookie, setCookie } from '../../app/cookies.js';
import { APPLICATION_RETURN_COOKIE_SECONDS, RETURN_COOKIE_SECONDS } from './landing.js';
import { interactionReturnPath, safeReturnPath } from '../../app/return-path.js';
import { allowFormActionToApplication } from '../../app/application-form-action.js';
import { hasPendingCodeStep, loadSignedIn } from '../../app/guards.js';
import { sendPage } from '../../app/render-page.js';
import { attemptLogin } from './flow.js';
import { formSecret, formText, type FormBody } from '../../web/form-body.js';
import { LoginView } from './login-view.js';
import { relyingPartyOf } from '../../methods/passkey/webauthn.js';

const LOGIN_CONTROLS: FormControls = [
  ['identifier', 'identifier'],
  ['password', 'password'],
];

export function createLoginPages(deps: AppDeps) {
  const { config } = deps;
  // MFA-7: passkeys need a domain name in PORTICO_PUBLIC_URL.
  const passkeyOrigin = relyingPartyOf(config)?.origin ?? null;
  return {
    /** GET / → the homepage when signed in, else the sign-in page. */
    root: async (request: FastifyRequest, reply: FastifyReply) => {
      await loadSignedIn(deps, request);
      if (!request.signedIn && (await hasPendingCodeStep(deps, request))) return reply.redirect('/login/code', 303);
      return reply.redirect(request.signedIn ? '/home' : '/login', 303);
    },
    /** GET /login */
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      await loadSignedIn(deps, request);
      const query = request.query as Record<string, unknown>;
      const returnTo = safeReturnPath(query.return);
      // IDP-3: an application asking for a new sign-in (`prompt=login`, `max_age`, a second factor) sends `again`.
      const again = query.again !== undefined && returnTo !== null;
      if (request.signedIn && !again) return reply.redirect(returnTo ?? '/home', 303);
      const notice = query.signedOut !== undefined ? 'signedOut' : null;
      await allowFormActionToApplication(deps, request, reply, returnTo);
      // IDP-1: `acr_values=phr` sends `passkey` too: the page says a passkey is what the application asks for.
      const passkeyAsked = returnTo !== null && query.passkey !== undefined;
      return sendPage(
        reply,
        <LoginView ctx={pageContext(request, reply, config)} identifier="" notice={notice} sso={config.sso !== null} returnTo={returnTo} passkeyOrigin={passkeyOrigin} passkeyAsked={passkeyAsked} />,
      );
    },
    /** POST /login: the same flow as the JSON API; errors re-show the form with what was typed. */
    submit: async (request: FastifyRequest<{ Body: FormBody }>, reply: FastifyReply) => {
      const identifier = formText(request.body, 'identifier', 300);
      const password = formSecret(request.body, 'password');
      const returnTo = safeReturnPath(formText(request.body, 'return'));
      const meta = requestMeta(request);
      try {
        const outcome = await attemptLogin(deps, { identifier, password }, meta);
        if (outcome.next === 'home') {
          await startSignedInSession(deps, request, reply, { employeeId: outcome.employeeId, meta, secondFactor: false, via: 'password' });
          // A password alone never opens the console (MFA-5), so without a return path this is the homepage.
          return reply.redirect(returnTo ?? '/home', 303);
        }
        await endBrowserSession(deps, request, reply, outcome.employeeId);
        setCookie(reply, config, 'portico_flow', outcome.flowId);
        // The code step reads the return path back from this short-lived cookie (mfa-pages.tsx); the
        // wizard and the new-password page carry only an application's sign-in (IDP-3) through it.
        const carried = outcome.next === 'code' ? returnTo : interactionReturnPath(returnTo);
        // An application's sign-in may outlast the code step (new terms may follow it): its path lives as long as it does.
        if (carried) setCookie(reply, config, 'portico_return', carried, interactionReturnPath(carried) ? APPLICATION_RETURN_COOKIE_SECONDS : RETURN_COOKIE_SECONDS);
        else clearCookie(reply, config, 'portico_return');
        if (outcome.next === 'code') return reply.redirect('/login/code', 303);
        return reply.redirect(outcome.next === 'register' ? '/register' : '/login/password', 303);
      } catch (error) {
        const appError = toAppError(error);
        if (!appError) throw error;
        if (appError.options.retryAfterSeconds !== undefined) reply.header('retry-after', String(appError.options.retryAfterSeconds));
        const field = fieldOf(appError);
        const errors = formErrorsFor(appError, request.language, LOGIN_CONTROLS, field ? { [field]: messageFor(request.language, appError) } : {});
        await allowFormActionToApplication(deps, request, reply, returnTo);
        return sendPage(
          reply,
          <LoginView
            ctx={pageContext(request, reply, config)}
            identifier={identifier}
            sso={config.sso !== null}
            returnTo={returnTo}
            passkeyOrigin={passkeyOrigin}
            errors={errors}
            helpdesk={appError.code === 'ACCOUNT_LOCKED_HELPDESK'}
          />,
          appError.status,
        );
      }
    },
    /** POST /logout */
    logout: async (request: FastifyRequest, reply: FastifyReply) => {
      await signOut(deps, request, reply);
      return reply.redirect('/login?signedOut', 303);
    },
  };
}

/** The field a refusal is about (a missing one); wrong credentials name none (LOGIN-5). */
function fieldOf(error: AppError): 'identifier' | 'password' | null {
  const field = error.options.extra?.field;
  return field === 'identifier' || field === 'password' ? field : null;
}
