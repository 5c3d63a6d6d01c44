import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import type { Config } from '../../config/config.js';
import { AppError } from '../../core/errors.js';
import { setCookie, clearCookie } from '../../app/cookies.js';
import { toAppError } from '../../app/error-handler.js';
import { pageContext, requestMeta } from '../../app/request-context.js';
import { lengthLimits, rulesFor } from '../../identity/password-policy.js';
import { listQuestions } from '../../methods/challenge-questions/catalogue.js';
import { findAccountSecurity, listQuestionIds, pendingContactChanges } from '../../storage/repositories/profile.js';
import { asLanguage, type Language } from '../../web/i18n.js';
import type { Messages } from '../../web/messages/en.js';
import { sendPage } from '../../app/render-page.js';
import { listActivity } from './activity.js';
import { requestContactChange, verifyContactChange } from './change-contact.js';
import { changeLanguage } from './change-language.js';
import { changeMfa, mfaOverview, sendMfaProofCode } from './mfa.js';
import { SETTINGS_METHODS } from './methods.js';
import { MfaPage, mfaDoneMessage } from './views/mfa.js';
import { endSessionByHandle, listSessions } from './sessions.js';
import { signedInOf } from '../../app/request-context.js';
import type { FormErrors } from '../../web/components/form-errors.js';
import { formErrorsFor } from '../../app/form-errors.js';
import { brokenPasswordRules, passwordMismatch } from '../../app/password-form-errors.js';
import { formSecret, formText, type FormBody } from '../../web/form-body.js';
import { ProfileOverview } from './views/overview.js';
import { ContactPage } from './views/contact.js';
import { LanguagePage } from './views/language.js';
import { QuestionsPage } from './views/questions.js';
import { PROFILE_PAGES, type ProfileContext } from './views/profile-layout.js';
import { FRESH_AUTH_MS } from './fresh-auth.js';
import { PasswordPage } from './views/password.js';
import { SecurityPage } from './views/security.js';
import { SessionsPage } from './views/sessions.js';
import { ContactVerifyPage } from './views/verify.js';

// Edit My Profile as web pages (SPEC §14.1): the same flow functions as the JSON API, usable
// without JavaScript. The overview shows each part of the account and links to the one page that
// changes it. A failed form is shown again on its page with its errors next to the fields and what
// was typed (never passwords); a change that worked redirects (303) to the overview, which says so
// and shows the new state.

type FormRequest = FastifyRequest<{ Body: FormBody }>;

const YEAR_SECONDS = 365 * 24 * 3600;

/** Each form's fields in order: API field name → control id on the page. */
const FORM_CONTROLS: Record<'contact' | 'language' | 'questions' | 'mfa' | 'password' | 'verify', [string, string][]> = {
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


/** A failed form's errors by control id, and the summary in form order. */
function formErrors(error: AppError, form: keyof typeof FORM_CONTROLS, language: Language): FormErrors {
  return formErrorsFor(error, language, FORM_CONTROLS[form], form === 'password' ? passwordMismatch(error, language) : {});
}

/** A change page's form that failed: what was typed (never passwords) and why. */
interface Failed {
  values: Record<string, string>;
  error: AppError;
}

/** The page context of Edit My Profile: which of its pages this company has (questions only under the described policy). */
export function profilePageContext(request: FastifyRequest, reply: FastifyReply, config: Config): ProfileContext {
  const profilePages = PROFILE_PAGES.filter((page) => page !== 'questions' || config.policy === 'described');
  return { ...pageContext(request, reply, config), profilePages };
}

export function createProfilePages(deps: AppDeps) {
  const { config } = deps;
  const profileContext = (request: FastifyRequest, reply: FastifyReply) => profilePageContext(request, reply, config);

  /** SESS-3: the current password is asked for unless the sign-in is recent enough to stand in for it. */
  function askCurrent(request: FastifyRequest): boolean {
    return deps.clock.now() - signedInOf(request).authAt > FRESH_AUTH_MS;
  }

  /** Known problems re-show the form; anything else (404, 401…) goes to the error handler. */
  function formError(error: unknown): AppError {
    const appError = toAppError(error);
    if (!appError || appError.code === 'NOT_FOUND' || appError.code === 'UNAUTHENTICATED' || appError.code === 'FORBIDDEN') throw error;
    return appError;
  }

  function withRetryAfter(reply: FastifyReply, failed: Failed | null): void {
    if (failed?.error.options.retryAfterSeconds !== undefined) reply.header('retry-after', String(failed.error.options.retryAfterSeconds));
  }

  function failedForm(failed: Failed | null, form: keyof typeof FORM_CONTROLS, language: Language) {
    return failed ? { values: failed.values, errors: formErrors(failed.error, form, language) } : null;
  }

  function notFoundWithoutQuestions(): void {
    if (config.policy !== 'described') throw new AppError('NOT_FOUND', 'notFound');
  }

  async function contactOf(employeeId: string) {
    const account = await findAccountSecurity(deps.storage.db, employeeId);
    return { account, contact: { email: account?.email ?? null, mobile: account?.mobile ?? null, appId: account?.appId ?? null } };
  }

  async function renderOverview(request: FastifyRequest, reply: FastifyReply) {
    const signedIn = signedInOf(request);
    const employeeId = signedIn.profile.employeeId;
    const now = deps.clock.now();
    const [{ account, contact }, pending, chosen, mfa, sessions] = await Promise.all([
      contactOf(employeeId),
      pendingContactChanges(deps.storage.db, employeeId, now),
      config.policy === 'described' ? listQuestionIds(deps.storage.db, employeeId) : Promise.resolve(null),
      mfaOverview(deps, signedIn),
      listSessions(deps, signedIn),
    ]);
    const ctx = profileContext(request, reply);
    const catalogue = listQuestions(ctx.language);
    const questions = chosen?.map((id) => catalogue.find((entry) => entry.id === id)?.text ?? id) ?? null;
    return sendPage(
      reply,
      <ProfileOverview
        ctx={ctx}
        contact={contact}
        pending={pending}
        language={asLanguage(account?.language)}
        questions={questions}
        mfa={mfa}
        sessions={sessions.length}
        passkeys={signedInOf(request).passkeys}
        done={doneMessage(request, ctx.t) ?? mfaDoneMessage(doneParam(request), ctx.t)}
      />,
    );
  }

  async function renderContact(request: FastifyRequest, reply: FastifyReply, failed: Failed | null = null) {
    const { contact } = await contactOf(signedInOf(request).profile.employeeId);
    const ctx = profileContext(request, reply);
    withRetryAfter(reply, failed);
    return sendPage(reply, <ContactPage ctx={ctx} contact={contact} askCurrent={askCurrent(request)} failed={failedForm(failed, 'contact', ctx.language)} />, failed?.error.status ?? 200);
  }

  async function renderLanguage(request: FastifyRequest, reply: FastifyReply, failed: Failed | null = null) {
    const account = await findAccountSecurity(deps.storage.db, signedInOf(request).profile.employeeId);
    const ctx = profileContext(request, reply);
    return sendPage(reply, <LanguagePage ctx={ctx} language={asLanguage(account?.language)} failed={failedForm(failed, 'language', ctx.language)} />, failed?.error.status ?? 200);
  }

  async function renderQuestions(request: FastifyRequest, reply: FastifyReply, failed: Failed | null = null) {
    notFoundWithoutQuestions();
    const chosen = await listQuestionIds(deps.storage.db, signedInOf(request).profile.employeeId);
    const ctx = profileContext(request, reply);
    withRetryAfter(reply, failed);
    return sendPage(
      reply,
      <QuestionsPage ctx={ctx} chosen={chosen} catalogue={listQuestions(ctx.language)} askCurrent={askCurrent(request)} failed={failedForm(failed, 'questions', ctx.language)} />,
      failed?.error.status ?? 200,
    );
  }

  async function renderMfa(request: FastifyRequest, reply: FastifyReply, failed: Failed | null = null) {
    const mfa = await mfaOverview(deps, signedInOf(request));
    const ctx = profileContext(request, reply);
    withRetryAfter(reply, failed);
    const done = failed ? null : mfaDoneMessage(doneParam(request), ctx.t);
    return sendPage(reply, <MfaPage ctx={ctx} mfa={mfa} askCurrent={askCurrent(request)} done={done} failed={failedForm(failed, 'mfa', ctx.language)} />, failed?.error.status ?? 200);
  }

  async function renderPassword(request: FastifyRequest, reply: FastifyReply, error: AppError | null = null) {
    const ctx = profileContext(request, reply);
    if (error) withRetryAfter(reply, { values: {}, error });
    return sendPage(
      reply,
      <PasswordPage
        ctx={ctx}
        rules={[...rulesFor(config.policy), 'notRecent']}
        limits={lengthLimits({ policy: config.policy })}
        broken={error ? brokenPasswordRules(error) : null}
        errors={error ? formErrors(error, 'password', ctx.language) : null}
        askCurrent={askCurrent(request)}
      />,
      error?.status ?? 200,
    );
  }

  async function renderVerify(request: FastifyRequest, reply: FastifyReply, failed: { values: { emailCode: string; mobileCode: string }; error: AppError } | null = null) {
    const signedIn = signedInOf(request);
    const pending = await pendingContactChanges(deps.storage.db, signedIn.profile.employeeId, deps.clock.now());
    const ctx = profileContext(request, reply);
    withRetryAfter(reply, failed);
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

    /** GET /profile/contact */
    showContact: async (request: FastifyRequest, reply: FastifyReply) => renderContact(request, reply),

    /** POST /profile/contact: a new e-mail or phone goes to the code step; other changes apply at once. */
    contact: async (request: FormRequest, reply: FastifyReply) => {
      const body = request.body;
      const values = { email: formText(body, 'email', 300), mobile: formText(body, 'mobile', 40), appId: formText(body, 'appId', 64) };
      try {
        const sent = await requestContactChange(deps, signedInOf(request), { ...values, current: formSecret(body, 'current') }, requestMeta(request));
        return reply.redirect(sent.length > 0 ? '/profile/contact/verify' : '/profile?done=contact', 303);
      } catch (error) {
        return renderContact(request, reply, { values, error: formError(error) });
      }
    },

    /** GET /profile/language */
    showLanguage: async (request: FastifyRequest, reply: FastifyReply) => renderLanguage(request, reply),

    /** POST /profile/language: also remembered in this browser, so the next page is in it. */
    language: async (request: FormRequest, reply: FastifyReply) => {
      const typed = formText(request.body, 'language', 20);
      try {
        const language = await changeLanguage(deps, signedInOf(request), typed, requestMeta(request));
        setCookie(reply, config, 'portico_lang', language, YEAR_SECONDS);
        return reply.redirect('/profile?done=language', 303);
      } catch (error) {
        return renderLanguage(request, reply, { values: { language: typed }, error: formError(error) });
      }
    },

    /** GET /profile/questions (described policy only: otherwise 404). */
    showQuestions: async (request: FastifyRequest, reply: FastifyReply) => renderQuestions(request, reply),

    /** POST /profile/questions (described policy only: otherwise 404). */
    questions: async (request: FormRequest, reply: FastifyReply) => {
      const body = request.body;
      const values = Object.fromEntries(FORM_CONTROLS.questions.filter(([name]) => name !== 'current').map(([name]) => [name, formText(body, name, 200)]));
      const answers = ([1, 2, 3] as const).map((n) => ({ questionId: formText(body, `question${n}`, 64), answer: formText(body, `answer${n}`, 200) }));
      try {
        await SETTINGS_METHODS.questions.change(deps, signedInOf(request), { current: formSecret(body, 'current'), answers }, requestMeta(request));
        return reply.redirect('/profile?done=questions', 303);
      } catch (error) {
        return renderQuestions(request, reply, { values, error: formError(error) });
      }
    },

    /** GET /profile/mfa */
    showMfa: async (request: FastifyRequest, reply: FastifyReply) => renderMfa(request, reply),

    /** POST /profile/mfa (MFA-1, SESS-3): an authenticator app goes on to its set-up page. */
    mfa: async (request: FormRequest, reply: FastifyReply) => {
      const method = formText(request.body, 'method', 10);
      try {
        const input = { method, current: formSecret(request.body, 'current'), code: formText(request.body, 'code', 40) };
        const change = await changeMfa(deps, signedInOf(request), input, requestMeta(request));
        return reply.redirect(change.method === 'totp' ? '/profile/mfa/totp' : '/profile?done=mfa', 303);
      } catch (error) {
        return renderMfa(request, reply, { values: { method }, error: formError(error) });
      }
    },

    /** POST /profile/mfa/code (MFA-6): a code to the current e-mail or SMS factor, for the change form. */
    sendMfaCode: async (request: FormRequest, reply: FastifyReply) => {
      try {
        await sendMfaProofCode(deps, signedInOf(request), requestMeta(request));
        return reply.redirect('/profile/mfa?done=mfaProofSent', 303);
      } catch (error) {
        return renderMfa(request, reply, { values: {}, error: formError(error) });
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
      const ctx = profileContext(request, reply);
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
      return sendPage(reply, <SecurityPage ctx={profileContext(request, reply)} events={events} timeZone={config.timeZone} />);
    },
  };
}
