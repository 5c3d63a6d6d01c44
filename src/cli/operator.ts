import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';

// AUDIT-1 / HELP-5 from the command line: there is no signed-in person, so the audit row records
// who ran the command on which machine (the operating-system user and host), with `via: cli`.

export interface CliOperator {
  /** e.g. `deploy@portal-01`. */
  operator: string;
  /** Where the request "came from", in the audit row's own fields. */
  meta: { ip: string; userAgent: string; requestId: string };
}

export function cliOperator(): CliOperator {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? 'unknown';
  }
  const operator = `${user}@${hostname()}`;
  return { operator, meta: { ip: 'local', userAgent: `portico-cli (${operator})`, requestId: `cli-${randomUUID()}` } };
}
