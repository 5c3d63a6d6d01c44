import type { Command } from 'commander';
import type { Config } from '../config/config.js';
import { ConfigError, loadConfig } from '../config/load.js';
import { checkFileModes, checkPasskeys, checkPublicUrl, checkSecret, checkSmsUrl, checkTrustedProxies, result, type CheckResult } from './doctor-checks.js';
import { checkClock, checkDatabase, checkMail } from './doctor-probes.js';
import { EXIT } from './context.js';

// SPEC §14.3: `portico doctor` checks the configuration and its surroundings and says what is wrong,
// as a table; exit 1 when anything fails (warnings alone exit 0).

/** A secret the checks can run with when PORTICO_SECRET itself is the problem. */
const STAND_IN_SECRET = 'doctor-stand-in-secret-0123456789abcdef';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check the configuration, database, mail and SMS, public URL, secret, file modes, proxies and clock')
    .option('--demo', 'check as `serve --demo` would run (outbox and http allowed)')
    .action(async (options: { demo?: boolean }) => {
      const rows = await runDoctor(options.demo ?? false, process.cwd());
      process.stdout.write(formatTable(rows));
      if (rows.some((row) => row.status === 'fail')) process.exitCode = EXIT.failed;
    });
}

export async function runDoctor(demo: boolean, cwd: string): Promise<CheckResult[]> {
  const loaded = loadForDoctor(demo);
  if ('error' in loaded) return [result('configuration', 'fail', loaded.error)];
  const { config, secretProblem } = loaded;
  const rows: CheckResult[] = [result('configuration', 'ok', `valid${demo ? ' (demo mode)' : ''}; database ${config.databaseUrl.split(':')[0]}`)];
  const database = await checkDatabase(config);
  rows.push(...database.rows);
  rows.push(await checkMail(config), checkSmsUrl(config), checkPublicUrl(config), checkPasskeys(config), checkSecret(config, secretProblem));
  rows.push(checkFileModes(config, cwd), checkTrustedProxies(config), checkClock(database.skewMs));
  return rows;
}

/** The configuration, or why it cannot be used; a bad secret is reported in its own row. */
function loadForDoctor(demo: boolean): { config: Readonly<Config>; secretProblem: string | null } | { error: string } {
  try {
    return { config: loadConfig({ demo }), secretProblem: null };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    if (error.variable !== 'PORTICO_SECRET') return { error: error.message };
    try {
      return { config: loadConfig({ demo, overrides: { PORTICO_SECRET: STAND_IN_SECRET } }), secretProblem: error.message };
    } catch (other) {
      if (other instanceof ConfigError) return { error: other.message };
      throw other;
    }
  }
}

const LABEL = { ok: 'ok', warn: 'WARN', fail: 'FAIL' } as const;

export function formatTable(rows: CheckResult[]): string {
  const width = Math.max(...rows.map((row) => row.check.length), 'check'.length);
  const lines = [`${'check'.padEnd(width)}  status  detail`, `${'-'.repeat(width)}  ------  ------`];
  for (const row of rows) lines.push(`${row.check.padEnd(width)}  ${LABEL[row.status].padEnd(6)}  ${row.detail}`);
  const failed = rows.filter((row) => row.status === 'fail').length;
  const warned = rows.filter((row) => row.status === 'warn').length;
  lines.push('', failed > 0 ? `${failed} problem(s) to fix, ${warned} warning(s).` : warned > 0 ? `No problems; ${warned} warning(s).` : 'No problems found.');
  return `${lines.join('\n')}\n`;
}
