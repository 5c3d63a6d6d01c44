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
  /** Problems per form field, each a message key; sent as `fields: {name: message}` and shown next to the field. */
  fields?: Record<string, ErrorMessageKey>;
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
