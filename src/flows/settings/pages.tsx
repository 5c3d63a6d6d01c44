import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import type { AppError } from '../../core/errors.js';
import { setCookie, clearCookie } from '../../app/cookies.js';
import { toAppError } from '../../app/error-handler.js';
import { pageContext, requestMeta } from '../../app/request-context.js';
import { lengthLimits, rulesFor, type PasswordRule } from '../../identity/password-policy.js';
import { listQuestions } from '../../methods/challenge-questions/catalogue.js';
import { findAccountSecurity, listQuestionIds, pendingContactChanges } from '../../storage/repositories/profile.js';
import { asLanguage, messagesFor, type Language } from '../../web/i18n.js';
import type { Messages } from '../../web/messages/en.js';
import { sendPage } from '../../app/render-page.js';
import { listActivity } from './activity.js';
import { requestContactChange, verifyContactChange } from './change-contact.js';
import { changeLanguage } from './change-language.js';
import { changeMfa, mfaOverview, sendMfaProofCode } from './mfa.js';
import { SETTINGS_METHODS } from './methods.js';
import { mfaDoneMessage } from './views/mfa.js';
import { endSessionByHandle, listSessions } from './sessions.js';
import { signedInOf } from '../../app/request-context.js';
import type { FormErrors } from '../../web/components/form-errors.js';
import { formErrorsFor } from '../../app/form-errors.js';
import { formSecret, formText, type FormBody } from '../../web/form-body.js';
import { ProfileOverview, type OverviewForm } from './views/overview.js';
import { PasswordPage } from './views/password.js';
import { SecurityPage } from './views/security.js';
import { SessionsPage } from './views/sessions.js';
import { ContactVerifyPage } from './views/verify.js';

// Edit My Profile as web pages (SPEC §14.1): the same flow functions as the JSON API, usable
// without JavaScript. A failed form is shown again with its errors next to the fields and what was
// typed (never passwords); a change that worked redirects (303) to a page that says so.

type FormRequest = FastifyRequest<{ Body: FormBody }>;

const YEAR_SECONDS = 365 * 24 * 3600;

/** Each form's fields in order: API field name → control id on the page. */
const FORM_CONTROLS: Record<OverviewForm | 'password' | 'verify', [string, string][]> = {
  contact: [
    ['email', 'email'],
    ['mobile', 'mobile'],
    ['appId', 'appId'],
    ['current', 'contact-current'],
  ],
  language: [['language', 'language-en']],
  questions: [
    ['question1', 'question1'],
    ['answer1', 'answer1'],
    ['question2', 'question2'],
    ['answer2', 'answer2'],
    ['question3', 'question3'],
    ['answer3', 'answer3'],
    ['current', 'questions-current'],
  ],
  password: [
    ['current', 'current'],
    ['password', 'password'],
    ['confirm', 'confirm'],
  ],
  mfa: [
    ['method', 'mfa-off'],
    ['current', 'mfa-current'],
    ['code', 'mfa-code'],
  ],
  verify: [
    ['emailCode', 'emailCode'],
    ['mobileCode', 'mobileCode'],
  ],
};

const DONE_KEYS = ['contact', 'contactVerified', 'language', 'questions', 'password', 'sessionEnded'] as const;
type DoneKey = (typeof DONE_KEYS)[number];

/** `?done=` after a change that worked: which notice the page shows. */
function doneParam(request: FastifyRequest): unknown {
  return (request.query as Record<string, unknown> | undefined)?.done;
}

function doneMessage(request: FastifyRequest, t: Messages): string | null {
  const done = doneParam(request);
  return typeof done === 'string' && (DONE_KEYS as readonly string[]).includes(done) ? t.profile.done[done as DoneKey] : null;
}

function brokenRules(error: AppError): PasswordRule[] | undefined {
  const rules = error.options.extra?.rules;
  return Array.isArray(rules) ? rules.filter((rule): rule is PasswordRule => typeof rule === 'string') : undefined;
}

/** A failed form's errors by control id, and the summary in form order. */
function formErrors(error: AppError, form: keyof typeof FORM_CONTROLS, language: Language): FormErrors {
  const mismatch: Record<string, string> = form === 'password' && brokenRules(error)?.includes('matches') ? { confirm: messagesFor(language).wizard.password.mismatch } : {};
  return formErrorsFor(error, language, FORM_CONTROLS[form], mismatch);
}

export function createProfilePages(deps: AppDeps) {
  const { config } = deps;

  /** Known problems re-show the form; anything else (404, 401…) goes to the error handler. */
  function formError(error: unknown): AppError {
    const appError = toAppError(error);
    if (!appError || appError.code === 'NOT_FOUND' || appError.code === 'UNAUTHENTICATED' || appError.code === 'FORBIDDEN') throw error;
    return appError;
  }

  function withRetryAfter(reply: FastifyReply, error: AppError): void {
    if (error.options.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.options.retryAfterSeconds));
  }

  async function renderOverview(request: FastifyRequest, reply: FastifyReply, failed: { form: OverviewForm; values: Record<string, string>; error: AppError } | null = null) {
    const signedIn = signedInOf(request);
    const employeeId = signedIn.profile.employeeId;
    const now = deps.clock.now();
    const [account, pending, chosen, mfa] = await Promise.all([
      findAccountSecurity(deps.storage.db, employeeId),
      pendingContactChanges(deps.storage.db, employeeId, now),
      config.policy === 'described' ? listQuestionIds(deps.storage.db, employeeId) : Promise.resolve([]),
      mfaOverview(deps, signedIn),
    ]);
    const ctx = pageContext(request, reply, config);
    if (failed) withRetryAfter(reply, failed.error);
    return sendPage(
      reply,
      <ProfileOverview
        ctx={ctx}
        contact={{ email: account?.email ?? null, mobile: account?.mobile ?? null, appId: account?.appId ?? null }}
        pending={pending}
        language={asLanguage(account?.language)}
        questions={config.policy === 'described' ? { chosen, catalogue: listQuestions(ctx.language) } : null}
        mfa={mfa}
        done={failed ? null : (doneMessage(request, ctx.t) ?? mfaDoneMessage(doneParam(request), ctx.t))}
        failed={failed ? { form: failed.form, values: failed.values, errors: formErrors(failed.error, failed.form, ctx.language) } : null}
      />,
      failed?.error.status ?? 200,
    );
  }

  async function renderPassword(request: FastifyRequest, reply: FastifyReply, error: AppError | null = null) {
    const ctx = pageContext(request, reply, config);
    if (error) withRetryAfter(reply, error);
    return sendPage(
      reply,
      <PasswordPage
        ctx={ctx}
        rules={[...rulesFor(config.policy), 'notRecent']}
        limits={lengthLimits({ policy: config.policy })}
        broken={error ? (brokenRules(error) ?? null) : null}
        errors={error ? formErrors(error, 'password', ctx.language) : null}
      />,
      error?.status ?? 200,
    );
  }

  async function renderVerify(request: FastifyRequest, reply: FastifyReply, failed: { values: { emailCode: string; mobileCode: string }; error: AppError } | null = null) {
    const signedIn = signedInOf(request);
    const pending = await pendingContactChanges(deps.storage.db, signedIn.profile.employeeId, deps.clock.now());
    const ctx = pageContext(request, reply, config);
    if (failed) withRetryAfter(reply, failed.error);
    return sendPage(
      reply,
      <ContactVerifyPage
        ctx={ctx}
        pending={pending}
        values={failed?.values ?? { emailCode: '', mobileCode: '' }}
        errors={failed ? formErrors(failed.error, 'verify', ctx.language) : null}
      />,
      failed?.error.status ?? 200,
    );
  }

  return {
    /** GET /profile */
    overview: async (request: FastifyRequest, reply: FastifyReply) => renderOverview(request, reply),

    /** POST /profile/contact: a new e-mail or phone goes to the code step; other changes apply at once. */
    contact: async (request: FormRequest, reply: FastifyReply) => {
      const body = request.body;
      const values = { email: formText(body, 'email', 300), mobile: formText(body, 'mobile', 40), appId: formText(body, 'appId', 64) };
      try {
        const sent = await requestContactChange(deps, signedInOf(request), { ...values, current: formSecret(body, 'current') }, requestMeta(request));
        return reply.redirect(sent.length > 0 ? '/profile/contact/verify' : '/profile?done=contact', 303);
      } catch (error) {
        return renderOverview(request, reply, { form: 'contact', values, error: formError(error) });
      }
    },

    /** POST /profile/language: also remembered in this browser, so the next page is in it. */
    language: async (request: FormRequest, reply: FastifyReply) => {
      const typed = formText(request.body, 'language', 20);
      try {
        const language = await changeLanguage(deps, signedInOf(request), typed, requestMeta(request));
        setCookie(reply, config, 'portico_lang', language, YEAR_SECONDS);
        return reply.redirect('/profile?done=language', 303);
      } catch (error) {
        return renderOverview(request, reply, { form: 'language', values: { language: typed }, error: formError(error) });
      }
    },

    /** POST /profile/questions (described policy only: otherwise 404). */
    questions: async (request: FormRequest, reply: FastifyReply) => {
      const body = request.body;
      const values = Object.fromEntries(FORM_CONTROLS.questions.filter(([name]) => name !== 'current').map(([name]) => [name, formText(body, name, 200)]));
      const answers = ([1, 2, 3] as const).map((n) => ({ questionId: formText(body, `question${n}`, 64), answer: formText(body, `answer${n}`, 200) }));
      try {
        await SETTINGS_METHODS.questions.change(deps, signedInOf(request), { current: formSecret(body, 'current'), answers }, requestMeta(request));
        return reply.redirect('/profile?done=questions', 303);
      } catch (error) {
        return renderOverview(request, reply, { form: 'questions', values, error: formError(error) });
      }
    },

    /** POST /profile/mfa (MFA-1, SESS-3): an authenticator app goes on to its set-up page. */
    mfa: async (request: FormRequest, reply: FastifyReply) => {
      const method = formText(request.body, 'method', 10);
      try {
        const input = { method, current: formSecret(request.body, 'current'), code: formText(request.body, 'code', 40) };
        const change = await changeMfa(deps, signedInOf(request), input, requestMeta(request));
        return reply.redirect(change.method === 'totp' ? '/profile/mfa/totp' : '/profile?done=mfa', 303);
      } catch (error) {
        return renderOverview(request, reply, { form: 'mfa', values: { method }, error: formError(error) });
      }
    },

    /** POST /profile/mfa/code (MFA-6): a code to the current e-mail or SMS factor, for the change form. */
    sendMfaCode: async (request: FormRequest, reply: FastifyReply) => {
      try {
        await sendMfaProofCode(deps, signedInOf(request), requestMeta(request));
        return reply.redirect('/profile?done=mfaProofSent#mfa', 303);
      } catch (error) {
        return renderOverview(request, reply, { form: 'mfa', values: {}, error: formError(error) });
      }
    },

    /** GET /profile/contact/verify */
    showVerify: async (request: FastifyRequest, reply: FastifyReply) => renderVerify(request, reply),

    /** POST /profile/contact/verify */
    verify: async (request: FormRequest, reply: FastifyReply) => {
      const values = { emailCode: formText(request.body, 'emailCode', 20), mobileCode: formText(request.body, 'mobileCode', 20) };
      try {
        await verifyContactChange(deps, signedInOf(request), values, requestMeta(request));
        return reply.redirect('/profile?done=contactVerified', 303);
      } catch (error) {
        return renderVerify(request, reply, { values, error: formError(error) });
      }
    },

    /** GET /profile/password */
    showPassword: async (request: FastifyRequest, reply: FastifyReply) => renderPassword(request, reply),

    /** POST /profile/password */
    password: async (request: FormRequest, reply: FastifyReply) => {
      const body = request.body;
      try {
        const input = { current: formSecret(body, 'current'), password: formSecret(body, 'password'), confirm: formSecret(body, 'confirm') };
        await SETTINGS_METHODS.password.change(deps, signedInOf(request), input, requestMeta(request));
        return reply.redirect('/profile?done=password', 303);
      } catch (error) {
        return renderPassword(request, reply, formError(error));
      }
    },

    /** GET /profile/sessions */
    sessions: async (request: FastifyRequest, reply: FastifyReply) => {
      const sessions = await listSessions(deps, signedInOf(request));
      const ctx = pageContext(request, reply, config);
      return sendPage(reply, <SessionsPage ctx={ctx} sessions={sessions} timeZone={config.timeZone} done={doneMessage(request, ctx.t)} />);
    },

    /** POST /profile/sessions/end: ending this browser's own session signs out. */
    endSession: async (request: FormRequest, reply: FastifyReply) => {
      const { current } = await endSessionByHandle(deps, signedInOf(request), formText(request.body, 'session', 64), requestMeta(request));
      if (current) {
        clearCookie(reply, config, 'portico_session');
        return reply.redirect('/login?signedOut', 303);
      }
      return reply.redirect('/profile/sessions?done=sessionEnded', 303);
    },

    /** GET /profile/security */
    security: async (request: FastifyRequest, reply: FastifyReply) => {
      const events = await listActivity(deps, signedInOf(request));
      return sendPage(reply, <SecurityPage ctx={pageContext(request, reply, config)} events={events} timeZone={config.timeZone} />);
    },
  };
}
