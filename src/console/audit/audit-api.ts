import { Type, type Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { normaliseEmployeeId } from '../../identity/normalise.js';
import { AUDIT_SEARCH_LIMIT, searchAuditPage, type AuditFilter } from '../../storage/repositories/audit-events.js';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor.js';

const AuditQuery = Type.Object(
  {
    employeeId: Type.Optional(Type.String({ maxLength: 20 })),
    event: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    from: Type.Optional(Type.String({ maxLength: 40 })),
    to: Type.Optional(Type.String({ maxLength: 40 })),
    /** `nextCursor` of the previous answer: the next page of older events. */
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
type AuditQuery = Static<typeof AuditQuery>;

export const auditSchemas = { search: { querystring: AuditQuery } };

/** A date (YYYY-MM-DD, UTC) or an ISO 8601 time. */
function parseTime(text: string, endOfDay: boolean): number {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) throw new AppError('VALIDATION', 'validation', { extra: { field: endOfDay ? 'to' : 'from' } });
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new AppError('VALIDATION', 'validation', { extra: { field: endOfDay ? 'to' : 'from' } });
  // A bare date as `to` includes that whole day.
  return endOfDay && text.length === 10 ? at + 24 * 3600 * 1000 - 1 : at;
}

export function createAuditApi(deps: AppDeps) {
  return {
    /** GET /api/v1/admin/audit?employeeId=&event=&from=&to=&cursor= (AUDIT-2): newest first, 200 a page; `nextCursor` while there are more. */
    search: async (request: FastifyRequest<{ Querystring: AuditQuery }>) => {
      const query = request.query;
      const filter: AuditFilter = {};
      if (query.employeeId !== undefined) {
        const employeeId = normaliseEmployeeId(query.employeeId);
        if (!employeeId) throw new AppError('VALIDATION', 'validation', { extra: { field: 'employeeId' } });
        filter.employeeId = employeeId;
      }
      if (query.event !== undefined) filter.event = query.event;
      if (query.from !== undefined) filter.from = parseTime(query.from, false);
      if (query.to !== undefined) filter.to = parseTime(query.to, true);
      const cursor = query.cursor === undefined ? null : decodeAuditCursor(query.cursor);
      if (query.cursor !== undefined && !cursor) throw new AppError('VALIDATION', 'validation', { extra: { field: 'cursor' } });
      const page = await searchAuditPage(deps.storage.db, filter, { limit: AUDIT_SEARCH_LIMIT, cursor });
      const rows = page.rows;
      return {
        nextCursor: page.older ? encodeAuditCursor(page.older) : null,
        items: rows.map((row) => ({
          time: new Date(row.at).toISOString(),
          event: row.event,
          outcome: row.outcome,
          actorId: row.actorId,
          subjectId: row.subjectId,
          ip: row.ip,
          userAgent: row.userAgent,
          requestId: row.requestId,
          detail: row.detail,
        })),
      };
    },
  };
}
