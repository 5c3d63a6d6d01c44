import type { Db } from '../../storage/database.js';
import { auditBatches, type AuditFilter, type AuditRow } from '../../storage/repositories/audit-events.js';

// AUDIT-2: the audit log as CSV or JSON Lines, written chunk by chunk.

export type AuditExportFormat = 'csv' | 'jsonl';

export const AUDIT_CSV_HEADER = ['time', 'event', 'outcome', 'actor', 'subject', 'ip', 'user_agent', 'request_id', 'detail'] as const;

/** OWASP CSV injection: a cell a spreadsheet would read as a formula gets a leading `'`. */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV line (RFC 4180 quoting), every cell neutralised first. */
export function csvLine(cells: readonly string[]): string {
  return `${cells
    .map((cell) => {
      const safe = neutraliseCell(cell);
      return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
    })
    .join(',')}\r\n`;
}

function exportFields(row: AuditRow) {
  return {
    time: new Date(row.at).toISOString(),
    event: row.event,
    outcome: row.outcome,
    actor: row.actorId,
    subject: row.subjectId,
    ip: row.ip,
    user_agent: row.userAgent,
    request_id: row.requestId,
    detail: row.detail,
  };
}

export function auditCsvRow(row: AuditRow): string {
  const fields = exportFields(row);
  return csvLine(AUDIT_CSV_HEADER.map((name) => {
    const value = fields[name];
    if (value === null) return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
  }));
}

export function auditJsonLine(row: AuditRow): string {
  return `${JSON.stringify(exportFields(row))}\n`;
}

/** Writes every matching event (oldest first); `write` may return a promise to apply back-pressure. */
export async function exportAudit(
  db: Db,
  filter: AuditFilter,
  format: AuditExportFormat,
  write: (chunk: string) => void | Promise<void>,
): Promise<number> {
  let count = 0;
  if (format === 'csv') await write(csvLine(AUDIT_CSV_HEADER));
  for await (const batch of auditBatches(db, filter)) {
    await write(batch.map(format === 'csv' ? auditCsvRow : auditJsonLine).join(''));
    count += batch.length;
  }
  return count;
}
