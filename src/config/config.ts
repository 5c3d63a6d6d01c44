// The parsed configuration. Nothing outside src/config reads process.env.

export type Policy = 'described' | 'nist';
export type Country = 'US' | 'CA' | 'PR';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Argon2Params {
  memoryCost: number; // KiB
  timeCost: number;
  parallelism: number;
}

export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  claim: string;
  /** LOGIN-10: the provider's `amr` counts as the portal's second factor (PORTICO_SSO_TRUST_MFA). */
  trustMfa: boolean;
}

export interface Config {
  databaseUrl: string;
  /** PostgreSQL connections per process (PORTICO_DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  publicUrl: URL;
  host: string;
  port: number;
  secret: Buffer;
  /** The secret is the demo's generated data/secret, not PORTICO_SECRET. */
  secretFromDemoFile: boolean;
  mailUrl: string;
  mailFrom: string;
  smsUrl: string;
  /** Signs webhook SMS requests (Standard Webhooks); null: unsigned. */
  smsWebhookSecret: string | null;
  policy: Policy;
  lockoutAttempts: number;
  lockoutMinutes: number;
  trustedProxies: string[];
  sso: SsoConfig | null;
  /** MFA-7: the console accepts only sessions that used a passkey (PORTICO_CONSOLE_REQUIRE_PASSKEY). */
  consoleRequirePasskey: boolean;
  timeZone: string;
  logLevel: LogLevel;
  // Implementer's settings (SPEC leaves the numbers to us; each has an environment variable).
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  clientFailureLimit: number;
  clientWindowMinutes: number;
  argon2: Argon2Params;
  hashConcurrency: number;
  allowedCountries: Country[];
  /** ELIG-2: separated employees keep access until this month/day of the following year. */
  separationGrace: { month: number; day: number };
  dataDir: string;
  demo: boolean;
}

/** Whether cookies must be Secure and use the __Host- prefix (SESS-1). */
export function isHttps(config: Pick<Config, 'publicUrl'>): boolean {
  return config.publicUrl.protocol === 'https:';
}
