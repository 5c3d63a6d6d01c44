// Table shapes for Kysely. Times are epoch milliseconds (bigint on PostgreSQL, integer on SQLite)
// so that both engines compare them in plain SQL.
import type { Generated } from 'kysely';

export interface EmployeesTable {
  employee_id: string;
  given_name: string;
  family_name: string;
  country: string;
  status: string;
  separation_date: string | null;
  roster_email: string | null;
  roster_mobile: string | null;
  roster_language: string | null;
  /** Fingerprint of the last imported row: a re-import of the same row is a no-op (ROSTER-3). */
  roster_hash: string;
  created_at: number;
  updated_at: number;
}

export interface AccountsTable {
  employee_id: string;
  password_hash: string | null;
  registered_at: number | null;
  disabled_at: number | null;
  helpdesk_locked_at: number | null;
  /** Keyed hash of the PIN, never the PIN itself (ROSTER-4). */
  pin_hash: string | null;
  pin_expires_at: number | null;
  /** 'register' for roster PINs, 'reset' for help-desk PINs (HELP-4). */
  pin_purpose: string | null;
  email: string | null;
  /** Lower-cased e-mail, unique among accounts (NORM-2). */
  email_key: string | null;
  email_verified_at: number | null;
  mobile: string | null;
  mobile_verified_at: number | null;
  language: string;
  mfa: string;
  terms_version: number | null;
  terms_accepted_at: number | null;
  app_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface AccountRolesTable {
  employee_id: string;
  role: string;
  granted_at: number;
}

export interface LoginAttemptsTable {
  /**
   * `account:<employee id>`: the account's shared guess budget (LOGIN-4); `account:<employee id>:id`
   * and `account:<employee id>:email`: what each of its identifiers answers; `identifier:<keyed
   * hash>`: an identifier without an account (LOGIN-5); `second_factor:<employee id>`.
   */
  key: string;
  failures: number;
  /** Attempts claimed and still being checked: neither a failure nor a success yet. */
  pending: Generated<number>;
  locked_until: number | null;
  updated_at: number;
}

export interface ClientFailuresTable {
  client_key: string;
  window_start: number;
  failures: number;
  /** Sign-ins claimed in this window and still being checked (LOGIN-6). */
  pending: Generated<number>;
}

export interface SessionsTable {
  id_hash: string;
  employee_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  auth_at: number;
  second_factor_at: number | null;
  ip: string;
  user_agent: string;
  /** How the session began (SessionVia); PIN and recovery sessions never pass a second factor. */
  via: Generated<string>;
  /** MFA-7: when this session signed in with a passkey or used one as its second factor. */
  passkey_at: number | null;
  /** Issue 16 (migration 017): what passed the second factor (`totp`, `email_code`, `sms_code`, `recovery_code`, `passkey`, `provider`). */
  second_factor_method: string | null;
  /** Issue 16 (migration 017): the RFC 8176 name of the passkey this session used, `hwk` or `swk`. */
  passkey_amr: string | null;
  /** Issue 16 (migration 018): the `uid` of the provider session of this session's browser (IDP-6), or null. */
  provider_session_uid: string | null;
}

export interface CallerVerificationsTable {
  employee_id: string;
  agent_id: string;
  channel: string;
  code_hash: string | null;
  code_expires_at: number | null;
  sent_at: number;
  attempts: Generated<number>;
  blocked_until: number | null;
  verified_by: string | null;
  verified_until: number | null;
}

export interface FlowsTable {
  id_hash: string;
  kind: string;
  employee_id: string;
  state: string;
  created_at: number;
  expires_at: number;
  /** RECOV-12: keyed hash of the starting client's `portico_client` cookie. */
  client_hash: string | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: number;
  event: string;
  outcome: string;
  actor_id: string | null;
  subject_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  detail: string | null;
}

export interface TermsTable {
  version: number;
  language: string;
  title: string;
  body: string;
  published_at: number;
}

/** What the wizard has saved so far (REG-6: closing the browser loses nothing). */
export interface RegistrationProgressTable {
  employee_id: string;
  language: string | null;
  terms_version: number | null;
  terms_accepted_at: number | null;
  email: string | null;
  email_key: string | null;
  email_verified_at: number | null;
  mobile: string | null;
  mobile_verified_at: number | null;
  app_id: string | null;
  /** JSON `[{questionId, answerHash}]`: answers are argon2id hashes (REG-4). */
  questions: string | null;
  updated_at: number;
}

export interface AccountQuestionsTable {
  employee_id: string;
  position: number;
  question_id: string;
  answer_hash: string;
}

export interface VerificationCodesTable {
  id: Generated<number>;
  employee_id: string;
  purpose: string;
  channel: string;
  destination: string;
  code_hash: string;
  attempts: number;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
  /** Set by the send that replaced this code, so that only one send can (MFA-2's 30-second wait). */
  replaced_at: Generated<number | null>;
}

export interface PasswordHistoryTable {
  employee_id: string;
  password_hash: string;
  created_at: number;
}

/** What carries a queued message: an e-mail, an SMS, or a back-channel logout token to an application (IDP-6). */
export type MessageChannel = 'email' | 'sms' | 'logout';

export interface MessagesTable {
  id: Generated<number>;
  channel: MessageChannel;
  recipient: string;
  template: string;
  language: string;
  /** JSON of the template variables; emptied once the message is sent or has failed. */
  data: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: number;
  /** While `sending`: the claim's lease; after it, another worker may take the message over. */
  claimed_until: number | null;
  /** Short reason of the last failure, never the message body. */
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

/** MFA-3: the authenticator secret, sealed (never stored in clear), and the last time step accepted. */
export interface MfaTotpTable {
  employee_id: string;
  active_secret: string | null;
  /** Waiting for its first code (enrolment); replaces the active one only then. */
  pending_secret: string | null;
  pending_expires_at: number | null;
  last_step: number | null;
  updated_at: number;
}

/** MFA-3: single-use recovery codes, stored as keyed hashes. */
export interface MfaRecoveryCodesTable {
  employee_id: string;
  code_hash: string;
  created_at: number;
  used_at: number | null;
}

/** RECOV-1: a forgot-password flow; the id is a bearer secret, so only its keyed hash is stored. */
export interface RecoveryFlowsTable {
  id_hash: string;
  identifier_hash: string;
  /** The account the identifier matched, or null (the flow looks the same either way). */
  employee_id: string | null;
  proof: string | null;
  proven_at: number | null;
  code_channel: string | null;
  code_issued_at: number | null;
  code_attempts: number;
  /** JSON: the flow's code sends. */
  state: string;
  created_at: number;
  expires_at: number;
  /** RECOV-12: keyed hash of the starting client's `portico_client` cookie. */
  client_hash: string | null;
  /** RECOV-6: the methods that succeeded, in order, comma-separated ('' before any). */
  proofs: Generated<string>;
}

/** RECOV-2: e-mailed reset links, stored as keyed hashes. */
export interface ResetTokensTable {
  token_hash: string;
  employee_id: string;
  password_stamp: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** RECOV-7: consecutive wrong answer sets, claimed before the answers are checked. */
export interface RecoveryAnswerAttemptsTable {
  key: string;
  failures: number;
  locked_at: number | null;
  updated_at: number;
}

/** RECOV-11: one row per link or code allowed in the window. */
export interface RecoverySendSlotsTable {
  key: string;
  slot: number;
  used_at: number;
}

/** HELP-2: a Technical Help Form request; the console's queue (HELP-3) closes it. */
export interface HelpRequestsTable {
  id: Generated<number>;
  reference: string;
  employee_id: string | null;
  name: string;
  contact: string;
  contact_channel: 'email' | 'sms';
  category: string;
  description: string;
  status: 'open' | 'closed';
  created_at: number;
  closed_at: number | null;
  closed_by: string | null;
  outcome_note: string | null;
  client_ip: string | null;
}

/** HELP-2: the last reference number given out, per year. */
export interface HelpRequestSequencesTable {
  year: number;
  last_value: number;
}

/** HELP-2: Technical Help Form submits per client address (`help:<ip>`, one hour) and confirmations per recipient (`confirm:<hash>`, one day), each in a fixed window. */
export interface HelpRequestClientsTable {
  client_key: string;
  window_start: number;
  submits: number;
}

/** HOME-2: a news article; its text is in `news_translations`. `countries` null means everyone. */
export interface NewsTable {
  id: Generated<number>;
  ref: string | null;
  countries: string | null;
  published_at: number;
  author_id: string | null;
  created_at: number;
  updated_at: number;
}

/** HOME-2: an article's title and Markdown body in one language. */
export interface NewsTranslationsTable {
  news_id: number;
  language: string;
  title: string;
  body: string;
}

/** HOME-3: a task for one employee (`assignee_id`) or for everyone matching `countries`/`statuses`. */
export interface TasksTable {
  id: Generated<number>;
  ref: string | null;
  title: string;
  description: string;
  due_on: string | null;
  assignee_id: string | null;
  countries: string | null;
  statuses: string | null;
  created_by: string | null;
  created_at: number;
}

/** HOME-2: who marked which task done (a group task is done per employee). */
export interface TaskCompletionsTable {
  task_id: number;
  employee_id: string;
  done_at: number;
}

/** HOME-2/3: a performance review, acknowledged by its employee with an optional comment. */
export interface ReviewsTable {
  id: Generated<number>;
  ref: string | null;
  employee_id: string;
  period: string;
  reviewer: string;
  rating: number;
  strengths: string;
  goals: string;
  reviewed_on: string;
  created_by: string | null;
  created_at: number;
  acknowledged_at: number | null;
  acknowledgement: string | null;
}

/** HOME-1..3: an employee's benefit plan with its coverage and its enrolment window. */
export interface BenefitsTable {
  id: Generated<number>;
  ref: string | null;
  employee_id: string;
  plan: string;
  category: string;
  coverage: string;
  starts_on: string;
  ends_on: string | null;
  enrolment_opens_on: string | null;
  enrolment_closes_on: string | null;
  created_by: string | null;
  created_at: number;
}

/** HOME-1..3: a task's title and description in a language other than English (its own columns). */
export interface TaskTranslationsTable {
  task_id: number;
  language: string;
  title: string;
  description: string;
}

/** HOME-1..3: a review's period, strengths and goals in a language other than English. */
export interface ReviewTranslationsTable {
  review_id: number;
  language: string;
  period: string;
  strengths: string;
  goals: string;
}

/** HOME-1..3: a benefit plan's name and coverage in a language other than English. */
export interface BenefitTranslationsTable {
  benefit_id: number;
  language: string;
  plan: string;
  coverage: string;
}

/** LOGIN-10: a provider identity (issuer, subject) linked to the employee it was first matched to. */
export interface SsoIdentitiesTable {
  issuer: string;
  subject: string;
  employee_id: string;
  created_at: number;
  last_used_at: number;
}

/** LOGIN-10: an SSO sign-in between the redirect and the callback; the id is a bearer secret (keyed hash). */
export interface SsoFlowsTable {
  id_hash: string;
  /** state, nonce and PKCE verifier, sealed with PORTICO_SECRET and bound to `id_hash`. */
  sealed: string;
  created_at: number;
  expires_at: number;
}

/** MFA-7: a WebAuthn credential of an employee (up to 10). */
export interface PasskeysTable {
  id: Generated<number>;
  employee_id: string;
  /** base64url, as WebAuthn names it; unique across accounts. */
  credential_id: string;
  /** The COSE public key, base64url. */
  public_key: string;
  counter: number;
  transports: string;
  name: string;
  /** `singleDevice` or `multiDevice` (synced). */
  device_type: string;
  backed_up: number;
  created_at: number;
  last_used_at: number | null;
}

/** MFA-7, RECOV-12: a ceremony's single-use challenge, bound to its client. */
export interface PasskeyChallengesTable {
  id_hash: string;
  client_hash: string;
  purpose: string;
  employee_id: string | null;
  challenge: string;
  parent_hash: string | null;
  created_at: number;
  expires_at: number;
}

// ---- Issue 16: the identity provider (IDP-1..8) ----

/** IDP-1: what the provider library stores (sessions, interactions, grants, codes, tokens), by kind and id. */
export interface OidcPayloadsTable {
  kind: string;
  id: string;
  /** The library's payload, as JSON. */
  payload: string;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  client_id: string | null;
  /** The provider's account id: the employee's `sub` (oidc_subjects). */
  account_id: string | null;
  expires_at: number | null;
  consumed_at: number | null;
}

/** IDP-2: an application registered by an admin; the secret only as a keyed hash. */
export interface OidcClientsTable {
  client_id: string;
  name: string;
  secret_hash: string | null;
  /** JSON array. */
  redirect_uris: string;
  /** JSON array. */
  post_logout_redirect_uris: string;
  backchannel_logout_uri: string | null;
  /** 0 or 1. */
  public: number;
  /** 0 or 1. */
  first_party: number;
  created_at: number;
  last_used_at: number | null;
}

/** IDP-7: a signing key, sealed with PORTICO_SECRET. */
export interface OidcKeysTable {
  kid: string;
  alg: string;
  sealed_jwk: string;
  created_at: number;
  retired_at: number | null;
}

/** IDP-4: the employee's stable opaque `sub`. */
export interface OidcSubjectsTable {
  employee_id: string;
  sub: string;
  created_at: number;
}

export interface Database {
  employees: EmployeesTable;
  accounts: AccountsTable;
  account_roles: AccountRolesTable;
  login_attempts: LoginAttemptsTable;
  client_failures: ClientFailuresTable;
  sessions: SessionsTable;
  caller_verifications: CallerVerificationsTable;
  flows: FlowsTable;
  audit_events: AuditEventsTable;
  terms: TermsTable;
  registration_progress: RegistrationProgressTable;
  account_questions: AccountQuestionsTable;
  verification_codes: VerificationCodesTable;
  password_history: PasswordHistoryTable;
  messages: MessagesTable;
  recovery_flows: RecoveryFlowsTable;
  reset_tokens: ResetTokensTable;
  recovery_answer_attempts: RecoveryAnswerAttemptsTable;
  recovery_send_slots: RecoverySendSlotsTable;
  mfa_totp: MfaTotpTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  help_requests: HelpRequestsTable;
  help_request_sequences: HelpRequestSequencesTable;
  help_request_clients: HelpRequestClientsTable;
  news: NewsTable;
  news_translations: NewsTranslationsTable;
  tasks: TasksTable;
  task_completions: TaskCompletionsTable;
  reviews: ReviewsTable;
  benefits: BenefitsTable;
  task_translations: TaskTranslationsTable;
  review_translations: ReviewTranslationsTable;
  benefit_translations: BenefitTranslationsTable;
  sso_identities: SsoIdentitiesTable;
  sso_flows: SsoFlowsTable;
  passkeys: PasskeysTable;
  passkey_challenges: PasskeyChallengesTable;
  // Issue 16: the identity provider (migration 016).
  oidc_payloads: OidcPayloadsTable;
  oidc_clients: OidcClientsTable;
  oidc_keys: OidcKeysTable;
  oidc_subjects: OidcSubjectsTable;
}
