import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../core/deps.js';
import { AppError } from '../core/errors.js';
import { applySecurityHeaders } from './security-headers.js';
import { assertSameOrigin } from './csrf.js';
import { createErrorHandler, isApiRequest, sendBareRefusal } from './error-handler.js';
import { clientBindingOf, requestedLanguage, resolveLanguage } from './request-context.js';
import { cookieName } from './cookies.js';
import { registerRoutes } from './routes.js';
import { registerCompression } from './compression.js';
import { isRosterCsvUpload } from '../console/roster/roster-api.js';

/** NORM-7: request bodies over 64 KiB are refused with 413. */
const BODY_LIMIT = 64 * 1024;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A URL as logged: no query string, and 32+ character random ids (flow ids) replaced. */
export function redactUrl(url: string): string {
  return (url.split('?')[0] ?? '').replace(/[\w-]{32,}/g, ':id');
}

/**
 * Request ids (in logs and audit rows): this process's random prefix and a counter, unique across
 * instances and cheaper than a UUID per request.
 */
function requestIds(): () => string {
  const prefix = randomBytes(6).toString('base64url');
  let next = 0;
  return () => `${prefix}-${(next++).toString(36)}`;
}

/** One log line per request, when it is answered (with the request in it), instead of Fastify's two. */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

export interface BuildAppOptions {
  /** false: no logs at all (most tests). */
  logger?: boolean;
  /** Where the JSON logs go instead of stdout (tests that scan the logs for secrets). */
  logStream?: NodeJS.WritableStream;
}

export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            // Never secrets in logs (AUDIT-1): cookies and auth headers are dropped, bodies are not
            // logged, and URLs lose their query (a reset link's token) and any flow id in the path.
            redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
            serializers: {
              req: (request: { method: string; url: string; ip?: string }) => ({ method: request.method, url: redactUrl(request.url), ip: request.ip }),
            },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    genReqId: requestIds(),
    logController: new OneLinePerRequest(),
    requestIdHeader: false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false } },
    // A path the router refuses before any hook or plugin runs (a malformed escape, a parameter
    // over 100 characters such as an overlong id) is answered like other refusals, with the
    // portal's headers and in the reader's language: an id that long names nothing (404).
    frameworkErrors: (error, request, reply) => {
      applySecurityHeaders(reply);
      const language = requestedLanguage(app.parseCookie(request.headers.cookie ?? '')[cookieName(config, 'portico_lang')], request.headers['accept-language']);
      const refusal = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new AppError('NOT_FOUND', 'notFound') : new AppError('VALIDATION', 'validation');
      void sendBareRefusal(refusal, request, reply, language);
    },
  });

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT });
  app.decorateRequest('language', 'en');
  app.decorateRequest('signedIn', null);
  app.decorateRequest('cookieReply', null as unknown as FastifyReply);
  app.decorateRequest('clientBinding', {
    getter(this: FastifyRequest) {
      return clientBindingOf(this, config);
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    applySecurityHeaders(reply);
    request.language = resolveLanguage(request, reply, config);
    request.cookieReply = reply;
    if (isApiRequest(request) && STATE_CHANGING.has(request.method)) {
      // SPEC §14.2: the JSON API accepts only application/json, and only from this portal's pages.
      assertSameOrigin(request, config);
      const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
      const type = request.headers['content-type'] ?? '';
      if (hasBody && !/^application\/json\s*(;|$)/i.test(type) && !isRosterCsvUpload(request)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'unsupportedMediaType');
    }
  });

  registerCompression(app);

  app.setErrorHandler(createErrorHandler(config));
  app.setNotFoundHandler(async () => {
    throw new AppError('NOT_FOUND', 'notFound');
  });

  registerRoutes(app, deps);
  return app;
}
