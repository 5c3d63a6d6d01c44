import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, snakeCase, type ErrorCode, type ErrorMessageKey, type FieldProblem } from '../core/errors.js';
import { formatDate, messagesFor, type Language } from '../web/i18n.js';
import type { Messages } from '../web/messages/en.js';
import { sendPage } from './render-page.js';
import { ErrorPage } from '../web/error-page.js';
import type { Config } from '../config/config.js';
import { pageContext } from './request-context.js';
import { loginUrlFor } from './return-path.js';
import { describeDatabaseError, isDatabaseUnavailable, DATABASE_RETRY_AFTER_SECONDS } from '../storage/errors.js';
import { schemaProblemMessage, schemaProblemsOf } from './schema-problems.js';

// One place turns every error into the SPEC's JSON (`{"error": {code, message, …}}`) or an error
// page. Never a stack trace: unexpected errors are logged with their detail and answered plainly.

type ErrorMessages = Messages['errors'];

export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const fastifyError = error as Partial<FastifyError> & { validation?: unknown };
  if (fastifyError.validation) {
    const problems = schemaProblemsOf(fastifyError.validation);
    return new AppError('VALIDATION', 'validation', problems.length > 0 ? { schemaProblems: problems } : {});
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'payloadTooLarge');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION', 'unsupportedMediaType');
  }
  // Malformed JSON, prototype poisoning, empty bodies and other client mistakes the parser reports as 400.
  if (fastifyError.statusCode === 400 || error instanceof SyntaxError) return new AppError('VALIDATION', 'validation');
  if (fastifyError.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', 'payloadTooLarge');
  if (fastifyError.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', 'unsupportedMediaType');
  return null;
}

/** SPEC §14.2: a database that is down, restarting or busy is 503 UNAVAILABLE ("try again in a moment"), never a 500; with Retry-After. */
function unavailableDatabase(error: unknown): AppError | null {
  return isDatabaseUnavailable(error) ? new AppError('UNAVAILABLE', 'unavailable', { detail: describeDatabaseError(error), retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS }) : null;
}

export function messageFor(language: Language, error: AppError): string {
  const t: ErrorMessages = messagesFor(language).errors;
  const minutes = Math.max(1, Math.ceil((error.options.retryAfterSeconds ?? 60) / 60));
  switch (error.messageKey) {
    case 'accountLocked':
      return t.accountLocked(minutes);
    case 'rateLimited':
      return t.rateLimited(minutes);
    case 'callerVerificationBlocked':
      return t.callerVerificationBlocked(minutes);
    case 'codeResendWait':
      return t.codeResendWait(Math.max(1, error.options.retryAfterSeconds ?? 30));
    case 'notEligible':
      return t.notEligible(formatDate(String(error.options.extra?.accessEndedOn), language));
    case 'passwordLength': {
      const limits = error.options.extra?.limits as { min: number; max: number } | undefined;
      return limits ? t.passwordLength(limits.min, limits.max) : t.passwordRules;
    }
  }
  const entry = t[error.messageKey];
  return typeof entry === 'string' ? entry : t.validation;
}

/** Each field's problem in the reader's language (what a form shows next to the field). */
export function fieldMessages(error: AppError, language: Language): Record<string, string> {
  return Object.fromEntries(Object.entries(error.options.fields ?? {}).map(([field, key]) => [field, fieldMessage(error, key, language)]));
}

function fieldMessage(error: AppError, key: ErrorMessageKey, language: Language): string {
  return messageFor(language, new AppError(error.code, key, error.options));
}

/** A field problem's stable code: its message key in snake_case (the generic `validation` is `invalid`). */
function problemCode(key: ErrorMessageKey): string {
  return key === 'validation' ? 'invalid' : snakeCase(key);
}

/** SPEC §14.2: the API's `fields`, every field the error names with a stable code and words in the reader's language. */
export function fieldProblems(error: AppError, language: Language): FieldProblem[] {
  const problems: FieldProblem[] = [
    ...Object.entries(error.options.fields ?? {}).map(([field, key]) => ({ field, code: problemCode(key), message: fieldMessage(error, key, language) })),
    ...(error.options.schemaProblems ?? []).map(({ field, code }) => ({ field, code, message: schemaProblemMessage(language, code) })),
  ];
  // An error about one field without a per-field key (`extra.field`, e.g. the sign-in's empty password) names it too.
  const field = error.options.extra?.field;
  if (problems.length === 0 && typeof field === 'string') problems.push({ field, code: problemCode(error.messageKey), message: messageFor(language, error) });
  return problems;
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

export function errorBody(error: AppError, message: string, language: Language) {
  const body: Record<string, unknown> & { code: string } = { code: error.code, message };
  const fields = fieldProblems(error, language);
  if (fields.length > 0) body.fields = fields;
  if (error.options.retryAfterSeconds !== undefined) body.retryAfterSeconds = error.options.retryAfterSeconds;
  for (const [key, value] of Object.entries(error.options.extra ?? {})) body[key] = value;
  return { error: body };
}

/**
 * A refusal answered outside the request cycle (the router's own errors, before any hook ran): no
 * session or cookie is read or set, so a page is the signed-out error page.
 */
export function sendBareRefusal(error: AppError, request: FastifyRequest, reply: FastifyReply, language: Language) {
  const message = messageFor(language, error);
  if (isApiRequest(request)) return reply.code(error.status).type('application/json; charset=utf-8').send(errorBody(error, message, language));
  const ctx = { language, t: messagesFor(language), csrfToken: '', path: '/', user: null };
  return sendPage(reply, <ErrorPage ctx={ctx} status={error.status} message={message} />, error.status);
}

export function createErrorHandler(config: Config) {
  return function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
    const known = toAppError(error) ?? unavailableDatabase(error);
    const appError = known ?? new AppError('UNAVAILABLE', 'internal');
    if (!known) request.log.error({ err: error }, 'unexpected error');
    else if (appError.options.detail) request.log.warn({ code: appError.code, detail: appError.options.detail }, 'request refused');
    const status = known ? appError.status : 500;
    const code: ErrorCode | 'INTERNAL' = known ? appError.code : 'INTERNAL';
    if (appError.options.retryAfterSeconds !== undefined) reply.header('retry-after', String(appError.options.retryAfterSeconds));
    const message = messageFor(request.language ?? 'en', appError);
    if (isApiRequest(request)) {
      const body = errorBody(appError, message, request.language ?? 'en');
      body.error.code = code;
      return reply.code(status).type('application/json; charset=utf-8').send(body);
    }
    // A signed-out console page goes to the sign-in page and, for a GET, comes back after it (the JSON API keeps its 401).
    if (appError.code === 'UNAUTHENTICATED') {
      return reply.redirect(loginUrlFor(request.method === 'GET' ? request.url : null), 303);
    }
    // MFA-5 / MFA-7: a console page refused for want of a second factor (or a passkey) links to where to add one.
    const profileUrl = appError.code === 'MFA_REQUIRED' ? appError.options.extra?.profileUrl : undefined;
    const fixHref = typeof profileUrl === 'string' && profileUrl.startsWith('/profile') ? profileUrl : null;
    return sendPage(reply, <ErrorPage ctx={pageContext(request, reply, config)} status={status} message={message} fixHref={fixHref} />, status);
  };
}
