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
  created_at: number;
  updated_at: number;
}

export interface AccountRolesTable {
  employee_id: string;
  role: string;
  granted_at: number;
}

export interface LoginAttemptsTable {
  /** `account:<employee id>` or `identifier:<keyed hash>` for identifiers without an account (LOGIN-5). */
  key: string;
  failures: number;
  locked_until: number | null;
  updated_at: number;
}

export interface ClientFailuresTable {
  client_key: string;
  window_start: number;
  failures: number;
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
}

export interface FlowsTable {
  id_hash: string;
  kind: string;
  employee_id: string;
  state: string;
  created_at: number;
  expires_at: number;
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

export interface Database {
  employees: EmployeesTable;
  accounts: AccountsTable;
  account_roles: AccountRolesTable;
  login_attempts: LoginAttemptsTable;
  client_failures: ClientFailuresTable;
  sessions: SessionsTable;
  flows: FlowsTable;
  audit_events: AuditEventsTable;
}
