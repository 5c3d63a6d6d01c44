import { Readable } from 'node:stream';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { requestMeta } from '../../app/request-context.js';
import { importRoster, type ImportReport } from './import-roster.js';

// ROSTER-1..3 from the console: HR sends the CSV (≤ 1 MiB) and gets the import report back.
// New employees' PINs never pass through a browser or an API answer (ROSTER-4): an import that
// would create employees is refused here, with a pointer to `portico roster import --pins-out`.

export const ROSTER_API_URL = '/api/v1/admin/roster';
export const ROSTER_BODY_LIMIT = 1024 * 1024;

/** The one request that may carry `text/csv` (build-app's content-type check lets it through). */
export function isRosterCsvUpload(request: FastifyRequest): boolean {
  return request.method === 'POST' && request.routeOptions.url === ROSTER_API_URL && /^text\/csv\s*(;|$)/i.test(request.headers['content-type'] ?? '');
}

/**
 * Parses `text/csv` bodies for the roster route only; any other route answers 415. The parser keeps
 * the app's 64 KiB limit: only the roster route raises it to 1 MiB (its `bodyLimit` in the route table).
 */
export function registerRosterCsvParser(app: FastifyInstance): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: app.initialConfig.bodyLimit }, (request, body, done) => {
    if (!isRosterCsvUpload(request)) done(new AppError('UNSUPPORTED_MEDIA_TYPE', 'unsupportedMediaType'), undefined);
    else done(null, body);
  });
}

const Flag = Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')]);
const RosterQuery = Type.Object(
  { dryRun: Type.Optional(Flag), full: Type.Optional(Flag), skipInvalid: Type.Optional(Flag) },
  { additionalProperties: false },
);
type RosterQuery = Static<typeof RosterQuery>;

export const rosterSchemas = { upload: { querystring: RosterQuery } };

/** For /api/v1/openapi.json: the body is the CSV text (not validated by a schema, so JSON still gets its 415). */
export const ROSTER_DOCUMENTED_BODY = { contentType: 'text/csv', schema: { type: 'string', description: 'The roster, header row first, at most 1 MiB (ROSTER-1).' } };

export interface RosterRunOptions {
  dryRun: boolean;
  full: boolean;
  skipInvalid: boolean;
}

/** The report without PINs; `createsRefused` counts the employees the file would have created. */
export type ConsoleImportReport = Omit<ImportReport, 'pins' | 'durationMs'> & { dryRun: boolean; createsRefused: number };

class CreatesRefused extends Error {
  constructor(readonly created: number) {
    super('roster import from the console would create employees');
  }
}

/** Runs an import for the console: the same engine as the CLI, but never one that issues PINs. */
export async function runConsoleImport(deps: AppDeps, request: FastifyRequest, csv: string, options: RosterRunOptions): Promise<ConsoleImportReport> {
  const meta = requestMeta(request);
  const actor = { actorId: request.signedIn!.profile.employeeId, ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId };
  let report: ImportReport;
  try {
    report = await importRoster(deps, Readable.from([Buffer.from(csv, 'utf8')]), {
      ...options,
      actor,
      // Throwing here rolls the whole import back: nothing is written, no PIN exists.
      beforeCommit: (counts) => {
        if (counts.created > 0) throw new CreatesRefused(counts.created);
      },
    });
  } catch (error) {
    if (!(error instanceof CreatesRefused)) throw error;
    await deps.audit.record({ event: 'roster.import', outcome: 'refused', ...actor, detail: { reason: 'creates_need_cli', created: error.created } });
    return { created: 0, updated: 0, unchanged: 0, invalid: 0, separated: 0, refused: true, errors: [], fileProblem: null, dryRun: false, createsRefused: error.created };
  }
  if (report.refused && !options.dryRun) {
    await deps.audit.record({ event: 'roster.import', outcome: 'refused', ...actor, detail: { reason: report.fileProblem ? 'file' : 'invalid_lines', invalid: report.invalid } });
  }
  const { pins: _pins, durationMs: _durationMs, ...rest } = report;
  return { ...rest, dryRun: options.dryRun, createsRefused: 0 };
}

const on = (flag: string | undefined) => flag === 'true' || flag === '1';

export function createRosterApi(deps: AppDeps) {
  return {
    /** POST /api/v1/admin/roster?dryRun=&full=&skipInvalid= with a `text/csv` body → the import report. */
    upload: async (request: FastifyRequest<{ Querystring: RosterQuery }>, reply: FastifyReply) => {
      if (typeof request.body !== 'string') throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'unsupportedMediaType');
      const { dryRun, full, skipInvalid } = request.query;
      const report = await runConsoleImport(deps, request, request.body, { dryRun: on(dryRun), full: on(full), skipInvalid: on(skipInvalid) });
      return reply.code(200).send(report);
    },
  };
}
