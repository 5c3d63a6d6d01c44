import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppDeps } from '../core/deps.js';
import { countUndeliveredMessages } from '../storage/repositories/messages.js';

// SPEC §14.1 `/metrics`: Prometheus metrics of this instance. Labels are route templates
// (`/recovery/:flowId`), never the raw URL, so no id or token reaches the metrics.

export function createMetrics(app: FastifyInstance, deps: AppDeps) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'portico_' });

  const requests = new Counter({
    name: 'portico_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'portico_http_request_duration_seconds',
    help: 'Time to answer, by method and route template.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'portico_messages_pending',
    help: 'Messages waiting in the delivery queue: e-mails, SMS (DELIV) and back-channel logout tokens (IDP-6).',
    registers: [registry],
    async collect() {
      this.set(await countUndeliveredMessages(deps.storage.db));
    },
  });
  new Gauge({
    name: 'portico_database_up',
    help: '1 while the database answers.',
    registers: [registry],
    async collect() {
      this.set((await deps.storage.ping()) ? 1 : 0);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    durations.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  return {
    /** GET /metrics in the Prometheus text format. */
    show: async (_request: FastifyRequest, reply: FastifyReply) => {
      const body = await registry.metrics();
      return reply.type(registry.contentType).send(body);
    },
  };
}
