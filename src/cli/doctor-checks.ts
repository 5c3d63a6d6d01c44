// `portico doctor`'s checks that read only the configuration and the file system (SPEC §14.3).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { isLoopbackUrl } from '../config/load.js';
import { outboxChannels } from '../delivery/outbox-files.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  detail: string;
}

export const result = (check: string, status: CheckStatus, detail: string): CheckResult => ({ check, status, detail });

/** The public URL must be https outside demo: it makes cookies Secure and every link safe. */
export function checkPublicUrl(config: Readonly<Config>): CheckResult {
  const url = config.publicUrl.origin;
  if (config.publicUrl.protocol === 'https:') return result('public URL', 'ok', `${url} (cookies Secure, __Host- prefix)`);
  if (config.demo) return result('public URL', 'ok', `${url} (demo)`);
  return result('public URL', 'fail', `PORTICO_PUBLIC_URL is ${url}: not https, so cookies are not Secure; set the https:// address people use (TLS at the proxy)`);
}

/** MFA-7: passkeys need a domain name in the public URL; the console's passkey policy needs passkeys. */
export function checkPasskeys(config: Readonly<Config>): CheckResult {
  const host = config.publicUrl.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) === 0) return result('passkeys', 'ok', `offered for ${host}${config.consoleRequirePasskey ? ' (the console accepts passkey sessions only)' : ''}`);
  if (config.consoleRequirePasskey) {
    return result('passkeys', 'fail', `PORTICO_CONSOLE_REQUIRE_PASSKEY=true, but PORTICO_PUBLIC_URL's host ${host} is an IP address: no passkey can be made, so nobody can open the console; use a domain name`);
  }
  return result('passkeys', 'warn', `not offered: PORTICO_PUBLIC_URL's host ${host} is an IP address, and WebAuthn needs a domain name`);
}

/** At least 32 bytes (the configuration refuses less); a demo's generated secret is not for production. */
export function checkSecret(config: Readonly<Config>, problem: string | null): CheckResult {
  if (problem !== null) return result('secret', 'fail', problem);
  const bytes = config.secret.length;
  const distinct = new Set(config.secret.toString('latin1')).size;
  if (distinct < 12) return result('secret', 'warn', `PORTICO_SECRET has ${bytes} bytes but only ${distinct} different characters; use a random one (openssl rand -base64 48)`);
  if (!config.demo && config.secretFromDemoFile) {
    return result('secret', 'warn', `the demo's generated ${path.join(config.dataDir, 'secret')} is used; set PORTICO_SECRET for production`);
  }
  return result('secret', 'ok', `${bytes} bytes`);
}

/** The outbox keeps messages in files: fine for the demo, a silent failure anywhere else. */
export function checkOutbox(config: Readonly<Config>, channel: 'mail' | 'sms'): CheckResult | null {
  const outbox = outboxChannels(config).find((entry) => entry.channel === channel);
  if (!outbox) return null;
  const what = channel === 'mail' ? 'e-mail' : 'text message';
  if (config.demo) return result(channel, 'ok', `outbox ${outbox.directory} (demo)`);
  return result(channel, 'fail', `outbox: every ${what} (codes, links) is written to ${outbox.directory} and nobody receives it; set ${outbox.variable}`);
}

/** SMS providers are not contacted: the only real check would send a message. */
export function checkSmsUrl(config: Readonly<Config>): CheckResult {
  const outbox = checkOutbox(config, 'sms');
  if (outbox) return outbox;
  const url = new URL(config.smsUrl);
  if (config.smsUrl.startsWith('twilio:')) {
    const from = /[?&]from=([^&]*)/.exec(url.search)?.[1] ?? '';
    if (!url.username || !url.password || !/^(\+|%2B)\d{8,15}$/i.test(from)) {
      return result('sms', 'fail', 'PORTICO_SMS_URL: twilio://ACCOUNT_SID:AUTH_TOKEN@default?from=+1… needs the SID, the token and an E.164 sender');
    }
    return result('sms', 'ok', `twilio, sender ${decodeURIComponent(from)} (not contacted: a check would send a message)`);
  }
  const target = new URL(config.smsUrl.slice('webhook+'.length));
  if (target.protocol === 'http:' && !isLoopbackUrl(target)) return result('sms', 'fail', `webhook ${target.host} over plain http: codes would cross the network unencrypted; use webhook+https://`);
  if (!config.smsWebhookSecret) return result('sms', 'warn', `webhook ${target.origin}: requests are not signed; set PORTICO_SMS_WEBHOOK_SECRET`);
  return result('sms', 'ok', `webhook ${target.origin}, signed (not contacted: a check would send a message)`);
}

/** Believing X-Forwarded-For from everyone lets any client pick its own address for the throttle. */
export function checkTrustedProxies(config: Readonly<Config>): CheckResult {
  const proxies = config.trustedProxies;
  const everyone = proxies.filter((cidr) => /\/0$/.test(cidr));
  if (everyone.length > 0) return result('trusted proxies', 'fail', `PORTICO_TRUSTED_PROXIES has ${everyone.join(', ')}: any client could forge X-Forwarded-For; list only the proxies' addresses`);
  if (proxies.length > 0) return result('trusted proxies', 'ok', `X-Forwarded-For believed from ${proxies.join(', ')}`);
  if (config.publicUrl.protocol === 'https:' && !config.demo) {
    return result('trusted proxies', 'warn', 'none: behind a TLS proxy or load balancer every client shares its address for the throttle; set PORTICO_TRUSTED_PROXIES to its address');
  }
  return result('trusted proxies', 'ok', 'none (clients connect directly)');
}

const mode = (file: string) => statSync(file).mode & 0o777;
const octal = (value: number) => value.toString(8).padStart(4, '0');

/** SPEC §15: personal data and keys readable by their owner only (0700 directories, 0600 files). */
export function checkFileModes(config: Readonly<Config>, cwd: string): CheckResult {
  const problems: string[] = [];
  const inspect = (file: string, kind: 'directory' | 'file') => {
    if (!existsSync(file)) return;
    const bits = mode(file);
    if ((bits & 0o077) !== 0) problems.push(`${path.relative(cwd, file) || file} is ${octal(bits)} (chmod ${kind === 'directory' ? '700' : '600'})`);
  };
  const sqlite = config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl.slice('sqlite:'.length) : null;
  inspect(config.dataDir, 'directory');
  if (sqlite !== null && sqlite !== ':memory:') {
    inspect(path.dirname(sqlite), 'directory');
    for (const suffix of ['', '-wal', '-shm']) inspect(`${sqlite}${suffix}`, 'file');
  }
  inspect(path.join(config.dataDir, 'secret'), 'file');
  for (const { directory } of outboxChannels(config)) {
    inspect(directory, 'directory');
    inspect(path.join(directory, 'mail'), 'directory');
    inspect(path.join(directory, 'sms.jsonl'), 'file');
    const mail = path.join(directory, 'mail');
    if (existsSync(mail)) for (const name of readdirSync(mail).slice(0, 200)) inspect(path.join(mail, name), 'file');
  }
  const configFile = path.join(cwd, 'portico.config.json');
  if (existsSync(configFile) && readFileSync(configFile, 'utf8').includes('PORTICO_SECRET')) inspect(configFile, 'file');
  const unique = [...new Set(problems)];
  if (unique.length > 0) return result('file modes', 'fail', `readable by others: ${unique.join('; ')}`);
  return result('file modes', 'ok', 'data, database, secret and outbox readable by their owner only');
}
