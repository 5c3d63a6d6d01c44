import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import type { AppError } from '../../core/errors.js';
import { clearCookie, cookieName, setCookie } from '../../app/cookies.js';
import { fieldMessages, messageFor, toAppError } from '../../app/error-handler.js';
import { pageContext, requestMeta } from '../../app/request-context.js';
import { startSignedInSession } from '../../app/session-cookie.js';
import { lengthLimits, rulesFor, type PasswordRule } from '../../identity/password-policy.js';
import { messagesFor, type Language } from '../../web/i18n.js';
import { sendPage } from '../../app/render-page.js';
import type { RecoveryErrors } from '../recovery/views/recovery-layout.js';
import { loadSetPassword, setPasswordAfterPin } from './set-password.js';
import { SetPasswordPage } from './views/set-password-page.js';

type FormRequest = FastifyRequest<{ Body: Record<string, unknown> | undefined }>;

const FIELDS = ['password', 'confirm'];

function formSecret(body: Record<string, unknown> | undefined, name: string): string {
  const raw = body?.[name];
  return typeof raw === 'string' ? raw : '';
}

function brokenRules(error: AppError): PasswordRule[] | null {
  const rules = error.options.extra?.rules;
  return Array.isArray(rules) ? rules.filter((rule): rule is PasswordRule => typeof rule === 'string') : null;
}

/** The summary (linking to each field) and the message next to each field. */
function formErrors(error: AppError, language: Language): RecoveryErrors {
  const fields = fieldMessages(error, language);
  if (brokenRules(error)?.includes('matches')) fields.confirm = messagesFor(language).wizard.password.mismatch;
  const named = FIELDS.filter((field) => fields[field] !== undefined);
  const summary = named.length > 0 ? named.map((field) => ({ anchor: field, message: fields[field] ?? '' })) : [{ anchor: null, message: messageFor(language, error) }];
  return { fields, summary, helpForm: error.code === 'ACCOUNT_LOCKED_HELPDESK' };
}

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

  function render(request: FastifyRequest, reply: FastifyReply, givenName: string, error: AppError | null) {
    return sendPage(
      reply,
      <SetPasswordPage
        ctx={pageContext(request, reply, config)}
        givenName={givenName}
        rules={rulesFor(config.policy)}
        limits={lengthLimits({ policy: config.policy })}
        broken={error ? brokenRules(error) : null}
        errors={error ? formErrors(error, request.language) : null}
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
        return reply.redirect('/home', 303);
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
