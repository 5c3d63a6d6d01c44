import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { pageContext } from '../../app/request-context.js';
import { normaliseEmployeeId } from '../../identity/normalise.js';
import { sendPage } from '../../app/render-page.js';
import { searchAuditPage, type AuditCursor, type AuditFilter } from '../../storage/repositories/audit-events.js';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor.js';
import { AuditView, type AuditForm } from './views/audit-view.js';

// AUDIT-2: `/admin/audit`, the console's audit search: a GET form, so a search and each of its
// pages can be bookmarked; 50 a page by cursor. HELP-6: across all employees for admins only; a
// help desk agent reads one employee's events (the page explains instead of searching everyone).

export const AUDIT_PAGE_SIZE = 50;
const DAY_MS = 24 * 3600 * 1000;
const field = (query: Record<string, unknown>, name: string) => (typeof query[name] === 'string' ? query[name].trim().slice(0, 100) : '');

/** A `YYYY-MM-DD` date (UTC) as milliseconds; `to` includes that whole day. Null when malformed. */
function parseDay(text: string, endOfDay: boolean): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const at = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(at)) return null;
  return endOfDay ? at + DAY_MS - 1 : at;
}

/** The filter, or null when a field cannot be used. */
export function auditFilterFrom(form: AuditForm): AuditFilter | null {
  const filter: AuditFilter = {};
  if (form.employeeId !== '') {
    const id = normaliseEmployeeId(form.employeeId);
    if (!id) return null;
    filter.employeeId = id;
  }
  if (form.event !== '') filter.event = form.event;
  if (form.from !== '') {
    const from = parseDay(form.from, false);
    if (from === null) return null;
    filter.from = from;
  }
  if (form.to !== '') {
    const to = parseDay(form.to, true);
    if (to === null) return null;
    filter.to = to;
  }
  return filter;
}

/** The filters as a query string, so every page link keeps them. */
function pageLink(form: AuditForm, cursor: AuditCursor, direction: 'older' | 'newer'): string {
  const params = new URLSearchParams();
  for (const name of ['employeeId', 'event', 'from', 'to'] as const) if (form[name] !== '') params.set(name, form[name]);
  params.set('cursor', encodeAuditCursor(cursor));
  if (direction === 'newer') params.set('dir', 'newer');
  return `/admin/audit?${params.toString()}`;
}

export function createAuditPages(deps: AppDeps) {
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const form: AuditForm = { employeeId: field(query, 'employeeId'), event: field(query, 'event'), from: field(query, 'from'), to: field(query, 'to') };
      const rawCursor = field(query, 'cursor');
      const cursor = rawCursor === '' ? null : decodeAuditCursor(rawCursor);
      const direction = query.dir === 'newer' ? 'newer' : 'older';
      const filter = rawCursor !== '' && !cursor ? null : auditFilterFrom(form);
      const isAdmin = request.signedIn?.profile.roles.includes('admin') ?? false;
      const needsEmployee = filter !== null && !isAdmin && filter.employeeId === undefined;
      const page = filter && !needsEmployee ? await searchAuditPage(deps.storage.db, filter, { limit: AUDIT_PAGE_SIZE, cursor, direction }) : null;
      const ctx = pageContext(request, reply, deps.config);
      const links = {
        older: page?.older ? pageLink(form, page.older, 'older') : null,
        newer: page?.newer ? pageLink(form, page.newer, 'newer') : null,
      };
      return sendPage(
        reply,
        <AuditView ctx={ctx} form={form} invalid={filter === null} needsEmployee={needsEmployee} rows={page?.rows ?? []} links={links} timeZone={deps.config.timeZone} />,
        filter ? 200 : 400,
      );
    },
  };
}
