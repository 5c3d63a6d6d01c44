// `portico doctor`'s checks that talk to something: the database and the SMTP server (an EHLO,
// never a message), and the clock.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createTransport } from 'nodemailer';
import type { Config } from '../config/config.js';
import { NETWORK_TIMEOUT_MS } from '../delivery/mailer.js';
import { openStorage } from '../storage/database.js';
import { readMigrationStatus } from '../storage/migrate.js';
import { probeDatabase } from '../storage/probe-database.js';
import { checkOutbox, result, type CheckResult } from './doctor-checks.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/** Database reachable, migrations current, and how far PostgreSQL's clock is from this one (ms, for the clock check). */
export async function checkDatabase(config: Readonly<Config>): Promise<{ rows: CheckResult[]; skewMs: number | null }> {
  const shown = redactPassword(config.databaseUrl);
  const file = config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl.slice('sqlite:'.length) : null;
  // Opening SQLite creates the file; doctor changes nothing.
  if (file !== null && file !== ':memory:' && !existsSync(file)) {
    return { rows: [result('database', 'warn', `${shown} does not exist yet: the first start (or portico migrate) creates it`)], skewMs: null };
  }
  const storage = openStorage(config.databaseUrl, { poolSize: 1 });
  try {
    const probe = await probeDatabase(storage.db, storage.engine);
    if (!probe.reachable) return { rows: [result('database', 'fail', `${shown}: ${probe.error}`)], skewMs: null };
    const rows = [result('database', 'ok', `${shown} answers (${probe.roundTripMs} ms)`)];
    if (storage.engine === 'postgres' && !LOOPBACK.test(new URL(config.databaseUrl).hostname)) {
      const sslmode = /[?&]sslmode=([\w-]+)/.exec(config.databaseUrl)?.[1] ?? 'disable';
      if (sslmode === 'no-verify') rows[0] = result('database', 'warn', `${shown} answers over TLS, but the server's certificate is not checked: use sslmode=verify-full`);
      else if (!['require', 'verify-ca', 'verify-full'].includes(sslmode)) rows[0] = result('database', 'warn', `${shown} answers, but the connection is not encrypted: add ?sslmode=verify-full`);
    }
    const status = await readMigrationStatus(storage.db);
    if (status.unknown.length > 0) {
      rows.push(result('migrations', 'fail', `the database has migrations this version does not know (${status.unknown.join(', ')}): a newer Portico upgraded it; run that version or restore the backup from before the upgrade`));
    } else if (status.pending.length > 0) {
      rows.push(result('migrations', 'warn', `${status.pending.length} pending (${status.pending.join(', ')}): the next start or portico migrate applies them`));
    } else {
      rows.push(result('migrations', 'ok', `${status.applied.length} applied (newest ${status.applied.at(-1) ?? 'none'}), none pending`));
    }
    return { rows, skewMs: probe.serverNow !== null ? probe.serverNow - (probe.startedAt + probe.roundTripMs / 2) : null };
  } finally {
    await storage.close();
  }
}

/** Connects, says EHLO, upgrades with STARTTLS when offered and logs in when the URL has credentials; sends nothing. */
export async function checkMail(config: Readonly<Config>): Promise<CheckResult> {
  const outbox = checkOutbox(config, 'mail');
  if (outbox) return outbox;
  const url = new URL(config.mailUrl);
  const where = `${url.protocol}//${url.hostname}:${url.port || (url.protocol === 'smtps:' ? '465' : '587')}`;
  const transport = createTransport({ url: config.mailUrl, connectionTimeout: NETWORK_TIMEOUT_MS, greetingTimeout: NETWORK_TIMEOUT_MS, socketTimeout: NETWORK_TIMEOUT_MS });
  try {
    await transport.verify();
  } catch (error) {
    return result('mail', 'fail', `${where}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    transport.close();
  }
  const login = url.username ? ', logged in' : '';
  if (url.protocol === 'smtp:' && !/[?&]requireTLS=true\b/.test(url.search) && !LOOPBACK.test(url.hostname)) {
    return result('mail', 'warn', `${where} answered EHLO${login}; add ?requireTLS=true so mail never goes out unencrypted`);
  }
  if (!config.demo && /@portico\.local>?$/.test(config.mailFrom)) return result('mail', 'warn', `${where} answered EHLO${login}; PORTICO_MAIL_FROM is still ${config.mailFrom}`);
  return result('mail', 'ok', `${where} answered EHLO${login} (nothing sent)`);
}

/** TOTP codes, lockouts and sessions need a right clock; with PostgreSQL every instance shares its time. */
export function checkClock(skewMs: number | null, now = Date.now()): CheckResult {
  if (now < Date.UTC(2024, 0, 1)) return result('clock', 'fail', `this machine says ${new Date(now).toISOString()}: set the clock`);
  if (skewMs !== null) {
    const skew = Math.abs(skewMs) / 1000;
    const text = `${skew.toFixed(1)} s from the database server's clock`;
    if (skew > 30) return result('clock', 'fail', `${text}: authenticator codes and lockout times would be wrong; synchronise both with NTP`);
    if (skew > 2) return result('clock', 'warn', `${text}; synchronise both with NTP`);
    return result('clock', 'ok', text);
  }
  const ntp = spawnSync('timedatectl', ['show', '--property=NTPSynchronized', '--value'], { encoding: 'utf8', timeout: 5_000 });
  if (ntp.status === 0 && ntp.stdout.trim() === 'no') return result('clock', 'warn', 'the system clock is not synchronised (timedatectl): turn on NTP');
  if (ntp.status === 0 && ntp.stdout.trim() === 'yes') return result('clock', 'ok', `${new Date(now).toISOString()}, synchronised (timedatectl)`);
  return result('clock', 'ok', `${new Date(now).toISOString()} (nothing to compare with on SQLite; keep NTP on)`);
}

function redactPassword(databaseUrl: string): string {
  if (databaseUrl.startsWith('sqlite:')) return databaseUrl;
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}
