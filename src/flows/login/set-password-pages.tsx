import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import type { AppError } from '../../core/errors.js';
import { clearCookie, cookieName, setCookie } from '../../app/cookies.js';
import { toAppError } from '../../app/error-handler.js';
import type { FormControls } from '../../app/form-errors.js';
import { brokenPasswordRules } from '../../app/password-form-errors.js';
import { pageContext, requestMeta } from '../../app/request-context.js';
import { startSignedInSession } from '../../app/session-cookie.js';
import { lengthLimits, rulesFor } from '../../identity/password-policy.js';
import { formSecret, type FormBody } from '../../web/form-body.js';
import { sendPage } from '../../app/render-page.js';
import { recoveryFormErrors } from '../recovery/recovery-form-errors.js';
import { loadSetPassword, setPasswordAfterPin } from './set-password.js';
import { SetPasswordPage } from './views/set-password-page.js';
import { interactionReturnPath } from '../../app/return-path.js';
import { allowFormActionToApplication } from '../../app/application-form-action.js';

type FormRequest = FastifyRequest<{ Body: FormBody }>;

const CONTROLS: FormControls = [
  ['password', 'password'],
  ['confirm', 'confirm'],
];

/** GET/POST /login/password: the "set a new password" page after a help-desk PIN (LOGIN-3, HELP-4). */
export function createSetPasswordPages(deps: AppDeps) {
  const { config } = deps;
  const flowId = (request: FastifyRequest) => request.cookies[cookieName(config, 'portico_flow')] ?? '';
  const toLogin = (reply: FastifyReply) => {
    clearCookie(reply, config, 'portico_flow');
    return reply.redirect('/login', 303);
  };

  /** The page for this browser's flow, or null when the flow is gone (→ sign in again). */
  async function givenNameOf(request: FastifyRequest): Promise<string | null> {
    try {
      return (await loadSetPassword(deps, flowId(request), request.clientBinding)).account.givenName;
    } catch (error) {
      if (toAppError(error)?.code === 'FLOW_EXPIRED') return null;
      throw error;
    }
  }

  /** IDP-3: an application's sign-in that sent the person here, carried from /login. */
  const applicationReturn = (request: FastifyRequest) => interactionReturnPath(request.cookies[cookieName(config, 'portico_return')]);

  async function render(request: FastifyRequest, reply: FastifyReply, givenName: string, error: AppError | null) {
    await allowFormActionToApplication(deps, request, reply, applicationReturn(request));
    return sendPage(
      reply,
      <SetPasswordPage
        ctx={pageContext(request, reply, config)}
        givenName={givenName}
        rules={rulesFor(config.policy)}
        limits={lengthLimits({ policy: config.policy })}
        broken={error ? brokenPasswordRules(error) : null}
        errors={error ? recoveryFormErrors(error, request.language, CONTROLS) : null}
      />,
      error?.status ?? 200,
    );
  }

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const givenName = await givenNameOf(request);
      if (givenName === null) return toLogin(reply);
      return render(request, reply, givenName, null);
    },
    submit: async (request: FormRequest, reply: FastifyReply) => {
      const meta = requestMeta(request);
      try {
        const outcome = await setPasswordAfterPin(deps, flowId(request), { password: formSecret(request.body, 'password'), confirm: formSecret(request.body, 'confirm') }, meta);
        if (outcome.next === 'code') {
          // HELP-4: the code step follows the new password for an account with MFA.
          setCookie(reply, config, 'portico_flow', outcome.step.flowId);
          return reply.redirect('/login/code', 303);
        }
        clearCookie(reply, config, 'portico_flow');
        await startSignedInSession(deps, request, reply, { employeeId: outcome.employeeId, meta, secondFactor: false, via: 'helpdesk_pin' });
        const returnTo = applicationReturn(request);
        clearCookie(reply, config, 'portico_return');
        return reply.redirect(returnTo ?? '/home', 303);
      } catch (error) {
        const appError = toAppError(error);
        if (!appError) throw error;
        if (appError.code === 'FLOW_EXPIRED') return toLogin(reply);
        const givenName = await givenNameOf(request);
        if (givenName === null) return toLogin(reply);
        return render(request, reply, givenName, appError);
      }
    },
  };
}
