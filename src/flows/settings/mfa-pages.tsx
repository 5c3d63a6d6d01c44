import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { fieldMessages, messageFor, toAppError } from '../../app/error-handler.js';
import { requestMeta } from '../../app/request-context.js';
import { profilePageContext } from './pages.js';
import { sendPage } from '../../app/render-page.js';
import { SETTINGS_METHODS } from './methods.js';
import { signedInOf } from '../../app/request-context.js';
import type { FormErrors } from '../../web/components/form-errors.js';
import { RecoveryCodesPage, TotpSetupPage } from './views/mfa.js';

// MFA-3 as web pages: `/profile/mfa/totp` shows the waiting enrolment; posting a code from the app
// turns it on and answers with the recovery codes (shown once: they are never stored in clear).

type FormRequest = FastifyRequest<{ Body: Record<string, unknown> | undefined }>;

export function createMfaProfilePages(deps: AppDeps) {
  const { config } = deps;

  async function renderSetup(request: FastifyRequest, reply: FastifyReply, errors: FormErrors | null = null, status = 200) {
    const enrolment = await SETTINGS_METHODS.totp.pendingEnrolment(deps, signedInOf(request));
    return sendPage(reply, <TotpSetupPage ctx={profilePageContext(request, reply, config)} enrolment={enrolment} errors={errors} />, status);
  }

  return {
    /** GET /profile/mfa/totp */
    showTotp: async (request: FastifyRequest, reply: FastifyReply) => renderSetup(request, reply),

    /** POST /profile/mfa/totp */
    confirmTotp: async (request: FormRequest, reply: FastifyReply) => {
      const raw = request.body?.code;
      const code = typeof raw === 'string' ? raw.slice(0, 40) : '';
      try {
        const codes = await SETTINGS_METHODS.totp.confirmEnrolment(deps, signedInOf(request), code, requestMeta(request));
        return sendPage(reply, <RecoveryCodesPage ctx={profilePageContext(request, reply, config)} codes={codes} />);
      } catch (error) {
        const appError = toAppError(error);
        if (!appError || appError.code === 'UNAUTHENTICATED') throw error;
        const message = fieldMessages(appError, request.language).code ?? messageFor(request.language, appError);
        const errors: FormErrors = { fields: { 'totp-code': message }, summary: [{ anchor: 'totp-code', message }] };
        return renderSetup(request, reply, errors, appError.status);
      }
    },
  };
}
