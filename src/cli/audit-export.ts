import type { Command } from 'commander';
import { CommandError, EXIT, openCliContext } from './context.js';
import { normaliseEmployeeId } from '../identity/normalise.js';
import { exportAudit } from '../console/audit/export-audit.js';
import type { AuditFilter } from '../storage/repositories/audit-events.js';

/** A date (YYYY-MM-DD, midnight UTC) or a full ISO 8601 time; null when it is neither. */
export function parseSince(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return null;
  const at = Date.parse(text.trim());
  return Number.isNaN(at) ? null : at;
}

function writeOut(chunk: string): void | Promise<void> {
  if (process.stdout.write(chunk)) return;
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}

/** `portico audit export` (AUDIT-2): the audit log to standard output, oldest first. */
export function registerAuditExport(program: Command): void {
  const audit = program.command('audit').description('the audit log (AUDIT)');
  audit
    .command('export')
    .description('write the audit log to standard output as CSV (formula cells neutralised) or JSON Lines, oldest first')
    .option('--since <date>', 'only events at or after this date (YYYY-MM-DD, UTC) or ISO time')
    .option('--format <format>', 'csv | jsonl', 'csv')
    .option('--employee <id>', 'only events where this employee is the actor or the subject')
    .option('--event <name>', 'only this event (e.g. login.failure)')
    .action(async (options: { since?: string; format: string; employee?: string; event?: string }) => {
      const format = options.format;
      if (format !== 'csv' && format !== 'jsonl') throw new CommandError(`--format must be csv or jsonl, not "${format}"`, EXIT.usage);
      const filter: AuditFilter = {};
      if (options.since !== undefined) {
        const since = parseSince(options.since);
        if (since === null) throw new CommandError(`--since "${options.since}" is not a date (YYYY-MM-DD)`, EXIT.usage);
        filter.from = since;
      }
      if (options.employee !== undefined) {
        const employeeId = normaliseEmployeeId(options.employee);
        if (!employeeId) throw new CommandError(`"${options.employee}" is not an Employee ID (5–12 digits)`, EXIT.usage);
        filter.employeeId = employeeId;
      }
      if (options.event !== undefined) {
        const event = options.event.trim();
        if (event === '' || event.length > 100) throw new CommandError('--event must be an event name', EXIT.usage);
        filter.event = event;
      }
      const { storage } = await openCliContext();
      try {
        await exportAudit(storage.db, filter, format, writeOut);
      } finally {
        await storage.close();
      }
    });
}
