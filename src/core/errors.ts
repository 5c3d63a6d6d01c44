import type { Messages } from '../web/messages/en.js';

// One error type for the whole application (DESIGN rule 4). `code` is the SPEC's UPPER_SNAKE code;
// `detail` is logged, never sent.

export const ERROR_STATUS = {
  VALIDATION: 400,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  INVALID_CODE: 401,
  NOT_ELIGIBLE: 403,
  FORBIDDEN: 403,
  MFA_REQUIRED: 403,
  CALLER_NOT_VERIFIED: 403,
  NOT_FOUND: 404,
  FLOW_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_LOCKED_HELPDESK: 423,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A key of the `errors` catalogue: the message is rendered in the request's language. */
export type ErrorMessageKey = Exclude<keyof Messages['errors'], never>;

export interface AppErrorOptions {
  /** Sent as `retryAfterSeconds` and as the Retry-After header. */
  retryAfterSeconds?: number;
  /** Extra public fields of the error body (e.g. `field`, `attemptsLeft`). */
  extra?: Record<string, unknown>;
  /** Logged only. */
  detail?: string;
  /** Problems per form field, each a message key; sent as `fields: [{field, code, message}]` and shown next to the field. */
  fields?: Record<string, ErrorMessageKey>;
  /** What the route's schema refused (Fastify's validation, before any flow ran); sent in `fields` too. */
  schemaProblems?: readonly SchemaProblem[];
}

/** One field's problem as the JSON API sends it (SPEC §14.2): a stable code and words in the request's language. */
export interface FieldProblem {
  /** The request's property path, nested as `answers.0.answer`. */
  field: string;
  code: string;
  message: string;
}

/** The codes of the schema's own checks, one generic message each. */
export type SchemaProblemCode = 'required' | 'type' | 'too_long' | 'too_short' | 'invalid' | 'unknown';

export interface SchemaProblem {
  field: string;
  code: SchemaProblemCode;
}

/** `passwordTooLong` → `password_too_long`: a field problem's code from its message key (and a CSV column from a field name). */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: ErrorMessageKey,
    readonly options: AppErrorOptions = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.status = ERROR_STATUS[code];
  }
}
