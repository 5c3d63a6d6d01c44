import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Config, Country, LogLevel, Policy } from './config.js';
import { ensurePrivateDirectorySync, PRIVATE_FILE_MODE } from '../security/private-files.js';

/** A configuration value that cannot be used; the message names the variable and what is allowed. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    allowed: string,
    value: string,
  ) {
    super(`${variable}: ${JSON.stringify(value)} is not allowed; expected ${allowed}`);
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | undefined>;

interface LoadOptions {
  env?: Source;
  cwd?: string;
  demo?: boolean;
  /** Values that win over the environment, e.g. `--port`. */
  overrides?: Source;
}

const COUNTRIES: Country[] = ['US', 'CA', 'PR'];
const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads portico.config.json (if present), then the environment, validates everything once, and freezes. */
export function loadConfig(options: LoadOptions = {}): Readonly<Config> {
  const cwd = options.cwd ?? process.cwd();
  // An override left undefined (e.g. no --port) must not hide the environment's value.
  const overrides = Object.fromEntries(Object.entries(options.overrides ?? {}).filter(([, value]) => value !== undefined));
  const source: Source = { ...readConfigFile(cwd), ...pickPortico(options.env ?? process.env), ...overrides };
  const read = (name: string, fallback: string): string => {
    const value = source[name];
    return value === undefined || value === '' ? fallback : value;
  };
  const demo = options.demo ?? false;
  const dataDir = path.resolve(cwd, read('PORTICO_DATA_DIR', 'data'));
  const port = parseInteger('PORTICO_PORT', read('PORTICO_PORT', '3000'), 0, 65535);

  const demoDatabaseUrl = `sqlite:${path.join(dataDir, 'portico.db')}`;
  const databaseUrl = parseDatabaseUrl(read('PORTICO_DATABASE_URL', demoDatabaseUrl), cwd);

  const config: Config = {
    databaseUrl,
    databasePoolSize: parseInteger('PORTICO_DATABASE_POOL_SIZE', read('PORTICO_DATABASE_POOL_SIZE', '10'), 1, 200),
    publicUrl: parseUrl('PORTICO_PUBLIC_URL', read('PORTICO_PUBLIC_URL', `http://localhost:${port}`)),
    host: read('PORTICO_HOST', '127.0.0.1'),
    port,
    secret: parseSecret(source.PORTICO_SECRET, demo, dataDir, databaseUrl === demoDatabaseUrl),
    secretFromDemoFile: source.PORTICO_SECRET === undefined || source.PORTICO_SECRET === '',
    mailUrl: parseDeliveryUrl('PORTICO_MAIL_URL', read('PORTICO_MAIL_URL', `outbox:${path.join(dataDir, 'outbox')}`), ['outbox:', 'smtp:', 'smtps:']),
    mailFrom: read('PORTICO_MAIL_FROM', 'Portico <no-reply@portico.local>'),
    smsUrl: parseDeliveryUrl('PORTICO_SMS_URL', read('PORTICO_SMS_URL', `outbox:${path.join(dataDir, 'outbox')}`), [
      'outbox:',
      'twilio:',
      'webhook+https:',
      'webhook+http:',
    ]),
    smsWebhookSecret: parseWebhookSecret(read('PORTICO_SMS_WEBHOOK_SECRET', '')),
    policy: parseChoice<Policy>('PORTICO_POLICY', read('PORTICO_POLICY', 'described'), ['described', 'nist']),
    lockoutAttempts: parseInteger('PORTICO_LOCKOUT_ATTEMPTS', read('PORTICO_LOCKOUT_ATTEMPTS', '3'), 1, 100),
    lockoutMinutes: parseInteger('PORTICO_LOCKOUT_MINUTES', read('PORTICO_LOCKOUT_MINUTES', '15'), 1, 1440),
    trustedProxies: parseCidrs(read('PORTICO_TRUSTED_PROXIES', '')),
    sso: parseSso(source, read),
    consoleRequirePasskey: parseChoice('PORTICO_CONSOLE_REQUIRE_PASSKEY', read('PORTICO_CONSOLE_REQUIRE_PASSKEY', 'false'), ['true', 'false']) === 'true',
    timeZone: parseTimeZone(read('PORTICO_TIME_ZONE', 'America/New_York')),
    // The demo logs warnings only, so its banner with the demo accounts stays readable.
    logLevel: parseChoice<LogLevel>('PORTICO_LOG_LEVEL', read('PORTICO_LOG_LEVEL', demo ? 'warn' : 'info'), LOG_LEVELS),
    sessionIdleMinutes: parseInteger('PORTICO_SESSION_IDLE_MINUTES', read('PORTICO_SESSION_IDLE_MINUTES', '30'), 1, 1440),
    sessionMaxHours: parseInteger('PORTICO_SESSION_MAX_HOURS', read('PORTICO_SESSION_MAX_HOURS', '12'), 1, 720),
    clientFailureLimit: parseInteger('PORTICO_CLIENT_FAILURE_LIMIT', read('PORTICO_CLIENT_FAILURE_LIMIT', '30'), 1, 100000),
    clientWindowMinutes: parseInteger('PORTICO_CLIENT_WINDOW_MINUTES', read('PORTICO_CLIENT_WINDOW_MINUTES', '15'), 1, 1440),
    argon2: {
      memoryCost: parseInteger('PORTICO_ARGON2_MEMORY_KIB', read('PORTICO_ARGON2_MEMORY_KIB', '19456'), 1024, 1048576),
      timeCost: parseInteger('PORTICO_ARGON2_TIME', read('PORTICO_ARGON2_TIME', '2'), 1, 20),
      parallelism: parseInteger('PORTICO_ARGON2_PARALLELISM', read('PORTICO_ARGON2_PARALLELISM', '1'), 1, 16),
    },
    hashConcurrency: parseInteger('PORTICO_HASH_CONCURRENCY', read('PORTICO_HASH_CONCURRENCY', String(Math.max(2, availableParallelism()))), 1, 64),
    allowedCountries: parseCountries(read('PORTICO_ALLOWED_COUNTRIES', 'US,CA,PR')),
    separationGrace: parseMonthDay('PORTICO_SEPARATION_GRACE', read('PORTICO_SEPARATION_GRACE', '06-30')),
    dataDir,
    demo,
  };
  return Object.freeze(config);
}

function pickPortico(env: Source): Source {
  return Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith('PORTICO_')));
}

function readConfigFile(cwd: string): Source {
  const file = path.join(cwd, 'portico.config.json');
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ConfigError('portico.config.json', 'a JSON object of PORTICO_* settings', 'unreadable JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('portico.config.json', 'a JSON object of PORTICO_* settings', String(parsed));
  }
  const out: Source = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!key.startsWith('PORTICO_')) throw new ConfigError(`portico.config.json key ${key}`, 'PORTICO_* names only', key);
    out[key] = String(value);
  }
  return out;
}

function parseInteger(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw new ConfigError(name, `a whole number from ${min} to ${max}`, value);
  const n = Number(value);
  if (n < min || n > max) throw new ConfigError(name, `a whole number from ${min} to ${max}`, value);
  return n;
}

function parseChoice<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new ConfigError(name, `one of ${allowed.join(', ')}`, value);
  return value as T;
}

function parseUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, 'an absolute http:// or https:// URL', value);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, 'an absolute http:// or https:// URL', value);
  return url;
}

function parseDatabaseUrl(value: string, cwd: string): string {
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length);
    if (file === '') throw new ConfigError('PORTICO_DATABASE_URL', 'sqlite:PATH or postgres://…', value);
    return file === ':memory:' ? value : `sqlite:${path.resolve(cwd, file)}`;
  }
  if (/^postgres(ql)?:\/\//.test(value)) return value;
  throw new ConfigError('PORTICO_DATABASE_URL', 'sqlite:PATH or postgres://…', value);
}

function parseDeliveryUrl(name: string, value: string, schemes: string[]): string {
  if (!schemes.some((scheme) => value.startsWith(scheme))) throw new ConfigError(name, `a URL starting with ${schemes.join(' or ')}`, value);
  return value;
}

/**
 * PORTICO_SECRET, or the demo's generated `data/secret`: in demo mode, and for any command on the
 * demo's own database (the default SQLite file beside that secret), so `portico roles grant …`
 * works on the demo without copying the secret into the environment.
 */
function parseSecret(value: string | undefined, demo: boolean, dataDir: string, onDemoDatabase: boolean): Buffer {
  if (value !== undefined && value !== '') {
    if (Buffer.byteLength(value) < 32) throw new ConfigError('PORTICO_SECRET', 'at least 32 bytes', '(too short)');
    return Buffer.from(value);
  }
  const file = path.join(dataDir, 'secret');
  if (!demo && !(onDemoDatabase && existsSync(file))) throw new ConfigError('PORTICO_SECRET', 'at least 32 bytes (required outside demo mode)', '');
  if (!existsSync(file)) {
    ensurePrivateDirectorySync(dataDir);
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: PRIVATE_FILE_MODE });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim());
}

function parseWebhookSecret(value: string): string | null {
  if (value === '') return null;
  const bytes = value.startsWith('whsec_') ? Buffer.from(value.slice('whsec_'.length), 'base64').length : Buffer.byteLength(value);
  if (bytes < 24) throw new ConfigError('PORTICO_SMS_WEBHOOK_SECRET', 'at least 24 bytes (or whsec_ and base64 of at least 24 bytes)', '(too short)');
  return value;
}

function parseCidrs(value: string): string[] {
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const cidr of list) {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(cidr)) throw new ConfigError('PORTICO_TRUSTED_PROXIES', 'comma-separated IP addresses or CIDRs', cidr);
  }
  return list;
}

/** Whether a URL points at this machine (127.0.0.0/8, localhost, [::1]). */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

function parseSso(source: Source, read: (name: string, fallback: string) => string) {
  const issuer = read('PORTICO_SSO_ISSUER', '');
  if (issuer === '') return null;
  const issuerUrl = parseUrl('PORTICO_SSO_ISSUER', issuer);
  // LOGIN-10: the provider is reached over https; plain http only on loopback (development and tests).
  if (issuerUrl.protocol !== 'https:' && !isLoopbackUrl(issuerUrl)) {
    throw new ConfigError('PORTICO_SSO_ISSUER', 'an https:// URL (http:// only for 127.0.0.1, localhost or [::1])', issuer);
  }
  const clientId = read('PORTICO_SSO_CLIENT_ID', '');
  if (clientId === '') throw new ConfigError('PORTICO_SSO_CLIENT_ID', 'a client id when PORTICO_SSO_ISSUER is set', '');
  return {
    issuer,
    clientId,
    clientSecret: source.PORTICO_SSO_CLIENT_SECRET ?? '',
    claim: read('PORTICO_SSO_CLAIM', 'employee_id'),
    trustMfa: parseChoice('PORTICO_SSO_TRUST_MFA', read('PORTICO_SSO_TRUST_MFA', 'false'), ['true', 'false']) === 'true',
  };
}

function parseTimeZone(value: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    throw new ConfigError('PORTICO_TIME_ZONE', 'an IANA time zone such as America/New_York', value);
  }
  return value;
}

function parseCountries(value: string): Country[] {
  const list = value.split(',').map((item) => item.trim().toUpperCase());
  for (const country of list) {
    if (!(COUNTRIES as string[]).includes(country)) throw new ConfigError('PORTICO_ALLOWED_COUNTRIES', 'a comma-separated list of US, CA, PR', value);
  }
  return list as Country[];
}

function parseMonthDay(name: string, value: string): { month: number; day: number } {
  const match = /^(\d{2})-(\d{2})$/.exec(value);
  const month = Number(match?.[1]);
  const day = Number(match?.[2]);
  if (!match || month < 1 || month > 12 || day < 1 || day > 31) throw new ConfigError(name, 'a month and day as MM-DD', value);
  return { month, day };
}
