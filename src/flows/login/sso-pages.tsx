import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { clearCookie, cookieName, setCookie } from '../../app/cookies.js';
import { messageFor, toAppError } from '../../app/error-handler.js';
import { loadSignedIn } from '../../app/guards.js';
import { pageContext, requestMeta } from '../../app/request-context.js';
import { endBrowserSession, startSignedInSession } from '../../app/session-cookie.js';
import type { SsoConfig } from '../../config/config.js';
import { createOidcClient } from '../../methods/sso/oidc-client.js';
import { sendPage } from '../../app/render-page.js';
import { SSO_SIGN_IN } from './methods.js';
import { SsoErrorPage } from './views/sso-error-page.js';

// LOGIN-10 as web pages: `/login/sso` redirects to the provider, `/login/sso/callback` comes back.
// Registered in the route table only when PORTICO_SSO_ISSUER is set. No JavaScript: plain links
// and redirects. The callback's query (code, state) is never logged: build-app's redactUrl drops it.

export function createSsoPages(deps: AppDeps, sso: SsoConfig) {
  const { config } = deps;
  const client = createOidcClient(sso, new URL('/login/sso/callback', config.publicUrl));

  /** Every refusal is a page in the reader's language with a way back to /login: never a 500 or a stack trace. */
  function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    let appError = toAppError(error);
    if (!appError) {
      request.log.error({ err: error }, 'SSO sign-in failed unexpectedly');
      appError = new AppError('UNAVAILABLE', 'unavailable');
    } else if (appError.options.detail) {
      request.log.warn({ code: appError.code, detail: appError.options.detail }, 'SSO sign-in refused');
    }
    const page = (
      <SsoErrorPage
        ctx={pageContext(request, reply, config)}
        message={messageFor(request.language, appError)}
        helpdesk={appError.code === 'ACCOUNT_LOCKED_HELPDESK'}
      />
    );
    return sendPage(reply, page, appError.status);
  }

  return {
    /** GET /login/sso: 303 to the provider's authorization endpoint. */
    start: async (request: FastifyRequest, reply: FastifyReply) => {
      await loadSignedIn(deps, request);
      if (request.signedIn) return reply.redirect('/home', 303);
      try {
        const { flowId, url } = await SSO_SIGN_IN.start(deps, client, requestMeta(request));
        setCookie(reply, config, 'portico_flow', flowId);
        return reply.redirect(url.href, 303);
      } catch (error) {
        return refuse(request, reply, error);
      }
    },

    /** GET /login/sso/callback?code&state (or ?error=…): the session, the code step, or the terms step. */
    callback: async (request: FastifyRequest, reply: FastifyReply) => {
      const flowId = request.cookies[cookieName(config, 'portico_flow')] ?? '';
      const query = request.url.indexOf('?');
      const callbackUrl = new URL(client.redirectUri);
      callbackUrl.search = query >= 0 ? request.url.slice(query) : '';
      const meta = requestMeta(request);
      try {
        const outcome = await SSO_SIGN_IN.finish(deps, client, { flowId, callbackUrl }, meta);
        if (outcome.next === 'home') {
          clearCookie(reply, config, 'portico_flow');
          await startSignedInSession(deps, request, reply, { employeeId: outcome.employeeId, meta, secondFactor: outcome.secondFactor, via: 'sso', secondFactorMethod: outcome.secondFactor ? 'provider' : null });
          return reply.redirect('/home', 303);
        }
        // LOGIN-9: no session yet; any earlier one in this browser ends here, as with a password.
        await endBrowserSession(deps, request, reply, outcome.employeeId);
        setCookie(reply, config, 'portico_flow', outcome.flowId);
        return reply.redirect(outcome.next === 'code' ? '/login/code' : '/register', 303);
      } catch (error) {
        clearCookie(reply, config, 'portico_flow');
        return refuse(request, reply, error);
      }
    },
  };
}
