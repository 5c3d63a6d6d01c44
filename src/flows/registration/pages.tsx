import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { clearCookie, cookieName, setCookie } from '../../app/cookies.js';
import { toAppError } from '../../app/error-handler.js';
import { formErrorsFor, type FormControls } from '../../app/form-errors.js';
import { brokenPasswordRules, passwordMismatch } from '../../app/password-form-errors.js';
import { pageContext, requestMeta } from '../../app/request-context.js';
import { startSignedInSession } from '../../app/session-cookie.js';
import { lengthLimits, rulesFor } from '../../identity/password-policy.js';
import { listQuestions } from '../../methods/challenge-questions/catalogue.js';
import type { CodeChannel } from '../../methods/one-time-code/codes.js';
import { currentTerms } from '../../storage/repositories/terms.js';
import type { FormErrors } from '../../web/components/form-errors.js';
import { formSecret, formText, type FormBody } from '../../web/form-body.js';
import { isLanguage, matchLanguage, type Language } from '../../web/i18n.js';
import { sendPage } from '../../app/render-page.js';
import { interactionReturnPath } from '../../app/return-path.js';
import { APPLICATION_RETURN_COOKIE_SECONDS } from '../login/landing.js';
import { allowFormActionToApplication } from '../../app/application-form-action.js';
import { findFlow } from '../flow-store.js';
import { completeRegistration } from './complete.js';
import { firstUnfinishedStep, isRegistrationStep, isStepDone, loadRegistration, sessionAfterRegistration, type RegistrationContext, type RegistrationStep } from './flow.js';
import { codeMethodFor } from './methods.js';
import { acceptTerms, chooseLanguage, resendContactCode, setContact, setQuestions, verifyContact } from './steps.js';
import { ContactStep } from './views/contact-step.js';
import { LanguageStep } from './views/language-step.js';
import { PasswordStep } from './views/password-step.js';
import { QuestionsStep, type QuestionValues } from './views/questions-step.js';
import { TermsStep } from './views/terms-step.js';
import { VerifyStep } from './views/verify-step.js';
import type { WizardFrame } from './views/wizard-layout.js';

// The wizard's web pages (REG, SPEC §14.1): the same step functions as the JSON API, one page per
// step, usable without JavaScript. Errors re-show the step with what was typed (never passwords).

type StepRequest = FastifyRequest<{ Params: { step: string }; Body: FormBody }>;
type FormValues = Record<string, string>;

const YEAR_SECONDS = 365 * 24 * 3600;

/** Each step's fields in form order: the order of the error summary, and what is echoed back. */
const FORM_FIELDS: Record<RegistrationStep, string[]> = {
  language: ['language'],
  terms: ['accept'],
  contact: ['email', 'mobile', 'appId'],
  verify: ['emailCode', 'mobileCode'],
  questions: ['question1', 'answer1', 'question2', 'answer2', 'question3', 'answer3'],
  password: ['password', 'confirm'],
};
/** Never sent back to the browser. */
const SECRET_FIELDS = new Set(['password', 'confirm']);

/** A NANP number as people write it (787-555-1234); any other as stored (E.164). */
function displayMobile(mobile: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(mobile);
  return nanp ? `${nanp[1]}-${nanp[2]}-${nanp[3]}` : mobile;
}

function isOpen(context: RegistrationContext, step: RegistrationStep): boolean {
  const index = context.steps.indexOf(step);
  return index >= 0 && index <= context.steps.indexOf(firstUnfinishedStep(context));
}

export function createRegistrationPages(deps: AppDeps) {
  const { config } = deps;
  const flowId = (request: FastifyRequest) => request.cookies[cookieName(config, 'portico_flow')] ?? '';

  /** The wizard of this browser, or null when the flow is missing or expired (→ sign in again). */
  async function tryLoad(request: FastifyRequest): Promise<RegistrationContext | null> {
    try {
      const context = await loadRegistration(deps, flowId(request), request.clientBinding);
      // Defensive: a flow whose first unfinished step is not one of its steps cannot go on.
      return context.steps.includes(firstUnfinishedStep(context)) ? context : null;
    } catch (error) {
      if (error instanceof AppError && error.code === 'FLOW_EXPIRED') return null;
      throw error;
    }
  }

  /** IDP-3: an application's sign-in that sent the person here, carried from /login; the wizard ends there. */
  const applicationReturn = (request: FastifyRequest) => interactionReturnPath(request.cookies[cookieName(config, 'portico_return')]);

  const toLogin = (reply: FastifyReply) => {
    clearCookie(reply, config, 'portico_flow');
    return reply.redirect('/login', 303);
  };
  const toStep = (reply: FastifyReply, step: RegistrationStep, query = '') => reply.redirect(`/register/${step}${query}`, 303);

  /**
   * REG-1: the language chosen in step 1 applies to every page. An explicit choice in this browser
   * (?lang= or the cookie) wins; otherwise the saved one is used and remembered, so resuming in a
   * new browser continues in that language.
   */
  function applyWizardLanguage(request: FastifyRequest, reply: FastifyReply, context: RegistrationContext): Language {
    const query = (request.query as Record<string, unknown> | undefined)?.lang;
    const explicit = (typeof query === 'string' && matchLanguage(query) !== null) || isLanguage(request.cookies[cookieName(config, 'portico_lang')]);
    const saved = context.progress.language ?? (context.termsOnly ? context.registrant.language : null);
    if (!explicit && isLanguage(saved)) {
      request.language = saved;
      setCookie(reply, config, 'portico_lang', saved, YEAR_SECONDS);
    }
    return request.language;
  }

  /** The step's errors; the language step's summary links to the radio of the page's language. */
  function formErrors(error: AppError, step: RegistrationStep, language: Language): FormErrors {
    const controls: FormControls = FORM_FIELDS[step].map((name) => [name, name === 'language' ? `language-${language}` : name]);
    return formErrorsFor(error, language, controls, step === 'password' ? passwordMismatch(error, language) : {});
  }

  /** What the form shows when opened: what was saved for this step. */
  function savedValues(step: RegistrationStep, context: RegistrationContext, language: Language): FormValues {
    const { progress } = context;
    switch (step) {
      case 'language':
        return { language: progress.language ?? language };
      case 'terms':
        return { accept: isStepDone(context, 'terms') ? 'yes' : '' };
      case 'contact':
        return { email: progress.email ?? '', mobile: progress.mobile ? displayMobile(progress.mobile) : '', appId: progress.app_id ?? '' };
      case 'questions':
        return Object.fromEntries((progress.questions ?? []).map((q, index) => [`question${index + 1}`, q.questionId]));
      default:
        return {};
    }
  }

  async function renderStep(
    request: FastifyRequest,
    reply: FastifyReply,
    context: RegistrationContext,
    step: RegistrationStep,
    options: { values?: FormValues; error?: AppError; sent?: CodeChannel | null } = {},
  ) {
    const language = applyWizardLanguage(request, reply, context);
    const ctx = pageContext(request, reply, config);
    const index = context.steps.indexOf(step);
    const previous = index > 0 ? context.steps[index - 1] : undefined;
    const frame: WizardFrame = {
      ctx,
      step,
      stepNumber: index + 1,
      stepCount: context.steps.length,
      backHref: previous ? `/register/${previous}` : null,
      errors: options.error ? formErrors(options.error, step, language) : null,
    };
    const values = options.values ?? savedValues(step, context, language);
    const value = (name: string) => values[name] ?? '';
    const nextHref = `/register/${firstUnfinishedStep(context)}`;
    const { progress, registrant } = context;
    let page;
    switch (step) {
      case 'language':
        page = <LanguageStep frame={frame} givenName={registrant.givenName} selected={value('language')} />;
        break;
      case 'terms': {
        const terms = await currentTerms(deps.storage.db, language);
        page = (
          <TermsStep
            frame={frame}
            terms={terms ? { version: terms.version, title: terms.title, text: terms.body } : null}
            accepted={value('accept') === 'yes'}
            termsOnly={context.termsOnly && registrant.registeredAt !== null}
          />
        );
        break;
      }
      case 'contact':
        page = <ContactStep frame={frame} values={{ email: value('email'), mobile: value('mobile'), appId: value('appId') }} />;
        break;
      case 'verify':
        page = (
          <VerifyStep
            frame={frame}
            email={progress.email ?? ''}
            mobile={progress.mobile ? displayMobile(progress.mobile) : null}
            emailVerified={progress.email_verified_at !== null}
            mobileVerified={progress.mobile_verified_at !== null}
            values={{ emailCode: value('emailCode'), mobileCode: value('mobileCode') }}
            sent={options.sent ?? null}
            nextHref={nextHref}
          />
        );
        break;
      case 'questions': {
        const questionValues = Object.fromEntries(FORM_FIELDS.questions.map((name) => [name, value(name)])) as QuestionValues;
        page = (
          <QuestionsStep
            frame={frame}
            catalogue={listQuestions(language)}
            values={questionValues}
            saved={isStepDone(context, 'questions')}
            nextHref={nextHref}
          />
        );
        break;
      }
      case 'password':
        page = (
          <PasswordStep
            frame={frame}
            rules={rulesFor(config.policy)}
            limits={lengthLimits({ policy: config.policy })}
            broken={options.error ? brokenPasswordRules(options.error) : null}
          />
        );
        break;
    }
    if (options.error?.options.retryAfterSeconds !== undefined) reply.header('retry-after', String(options.error.options.retryAfterSeconds));
    await allowFormActionToApplication(deps, request, reply, applicationReturn(request));
    return sendPage(reply, page, options.error?.status ?? 200);
  }

  /** Runs the step; 'finished' when the person is now signed in (end of the wizard or terms-only). */
  async function perform(request: StepRequest, reply: FastifyReply, context: RegistrationContext, step: RegistrationStep): Promise<'next' | 'finished'> {
    const body = request.body;
    const meta = requestMeta(request);
    switch (step) {
      case 'language': {
        const language = formText(body, 'language', 20);
        await chooseLanguage(deps, context, language, meta);
        if (isLanguage(language)) {
          setCookie(reply, config, 'portico_lang', language, YEAR_SECONDS);
          request.language = language;
        }
        return 'next';
      }
      case 'terms': {
        const version = /^\d{1,9}$/.test(formText(body, 'version', 20)) ? Number(formText(body, 'version')) : -1;
        await acceptTerms(deps, context, { accept: formText(body, 'accept') === 'yes', version }, meta);
        return context.termsOnly ? 'finished' : 'next';
      }
      case 'contact':
        await setContact(deps, context, { email: formText(body, 'email'), mobile: formText(body, 'mobile'), appId: formText(body, 'appId') }, meta);
        return 'next';
      case 'verify':
        await verifyContact(deps, context, { emailCode: formText(body, 'emailCode', 20), mobileCode: formText(body, 'mobileCode', 20) }, meta);
        return 'next';
      case 'questions':
        await setQuestions(
          deps,
          context,
          ([1, 2, 3] as const).map((n) => ({ questionId: formText(body, `question${n}`, 64), answer: formText(body, `answer${n}`) })),
          meta,
        );
        return 'next';
      case 'password':
        // Passwords are passed whole: completeRegistration refuses over-long ones (NORM-7).
        await completeRegistration(deps, context, { password: formSecret(body, 'password'), confirm: formSecret(body, 'confirm') }, meta);
        return 'finished';
    }
  }

  /** A failed step: expired flow → sign in again; not yet open → the open step; else the form again. */
  async function answerFailure(request: FastifyRequest<{ Body: FormBody }>, reply: FastifyReply, step: RegistrationStep, error: unknown) {
    const appError = toAppError(error);
    if (!appError) throw error;
    const context = await tryLoad(request);
    if (!context || appError.code === 'FLOW_EXPIRED') return toLogin(reply);
    if (appError.messageKey === 'stepNotReady' || !isOpen(context, step)) return toStep(reply, firstUnfinishedStep(context));
    const values = Object.fromEntries(FORM_FIELDS[step].filter((name) => !SECRET_FIELDS.has(name)).map((name) => [name, formText(request.body, name)]));
    return renderStep(request, reply, context, step, { values, error: appError });
  }

  return {
    /** GET /register: the first unfinished step (a help-desk PIN's flow has its own page, /login/password). */
    start: async (request: FastifyRequest, reply: FastifyReply) => {
      const context = await tryLoad(request);
      // IDP-3: a passkey sign-in (passkeys.js) that meets new terms names the application's sign-in it came from.
      const carried = interactionReturnPath((request.query as Record<string, unknown> | undefined)?.return);
      if (context && carried) setCookie(reply, config, 'portico_return', carried, APPLICATION_RETURN_COOKIE_SECONDS);
      if (context) return toStep(reply, firstUnfinishedStep(context));
      const flow = await findFlow(deps.storage.db, config.secret, flowId(request), 'set_password', deps.clock.now(), request.clientBinding);
      if (!flow) return toLogin(reply);
      return reply.redirect('/login/password', 303);
    },

    /** GET /register/:step: a step up to the first unfinished one; later steps are not open yet. */
    show: async (request: StepRequest, reply: FastifyReply) => {
      const { step } = request.params;
      if (!isRegistrationStep(step)) throw new AppError('NOT_FOUND', 'notFound');
      const context = await tryLoad(request);
      if (!context) return toLogin(reply);
      if (!isOpen(context, step)) return toStep(reply, firstUnfinishedStep(context));
      const sentQuery = (request.query as Record<string, unknown> | undefined)?.sent;
      const sent = step === 'verify' && (sentQuery === 'email' || sentQuery === 'sms') ? sentQuery : null;
      return renderStep(request, reply, context, step, { sent });
    },

    /** POST /register/:step: the step's function, then the first unfinished step (or /home at the end). */
    submit: async (request: StepRequest, reply: FastifyReply) => {
      const { step } = request.params;
      if (!isRegistrationStep(step)) throw new AppError('NOT_FOUND', 'notFound');
      const context = await tryLoad(request);
      if (!context) return toLogin(reply);
      if (!isOpen(context, step)) return toStep(reply, firstUnfinishedStep(context));
      let outcome: 'next' | 'finished';
      try {
        outcome = await perform(request, reply, context, step);
      } catch (error) {
        return answerFailure(request, reply, step, error);
      }
      if (outcome === 'finished') {
        clearCookie(reply, config, 'portico_flow');
        await startSignedInSession(deps, request, reply, { employeeId: context.registrant.employeeId, meta: requestMeta(request), ...sessionAfterRegistration(context) });
        const returnTo = applicationReturn(request);
        clearCookie(reply, config, 'portico_return');
        // A new account's first homepage says it is ready; accepting changed terms just goes home.
        return reply.redirect(returnTo ?? (context.termsOnly ? '/home' : '/home?done=accountReady'), 303);
      }
      const updated = await tryLoad(request);
      return updated ? toStep(reply, firstUnfinishedStep(updated)) : toLogin(reply);
    },

    /** POST /register/verify/resend: a new code on one channel (MFA-2 limits apply). */
    resend: async (request: FastifyRequest<{ Body: FormBody }>, reply: FastifyReply) => {
      const context = await tryLoad(request);
      if (!context) return toLogin(reply);
      if (!isOpen(context, 'verify')) return toStep(reply, firstUnfinishedStep(context));
      const channel = formText(request.body, 'channel', 10);
      try {
        if (channel !== 'email' && channel !== 'sms') throw new AppError('VALIDATION', 'validation');
        // A confirmed (or absent) contact needs no code: nothing is sent.
        const method = codeMethodFor(channel);
        if (method.destination(context.progress) === null || method.isVerified(context.progress)) return toStep(reply, 'verify');
        await resendContactCode(deps, context, channel, requestMeta(request));
        return toStep(reply, 'verify', `?sent=${channel}`);
      } catch (error) {
        return answerFailure(request, reply, 'verify', error);
      }
    },
  };
}
