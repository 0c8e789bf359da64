import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { pingDatabase, queueDepths } from '../jobs/jobs.repository.ts';
import type { Deps } from './context.ts';

/**
 * `/healthz` (the process answers), `/readyz` (the database answers within a second) and
 * Prometheus `/metrics` (request rate, latency and errors by route).
 */
function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

export function registerOperations(
  app: FastifyInstance,
  deps: Deps,
  options: { metricsToken: string | null },
): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'guichet_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'guichet_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'guichet_queue_waiting',
    help: 'Work waiting: unsent mails in the outbox, and background jobs created or awaiting a retry, by queue',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const depth of await queueDepths(deps.db))
          this.set({ queue: depth.queue }, depth.waiting);
      } catch {
        // the database is down: /readyz says so; the other metrics are still served
      }
    },
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await Promise.race([
        pingDatabase(deps.db),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('database timeout')), 1000).unref(),
        ),
      ]);
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'not_ready', reason: 'database unavailable' });
    }
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    // Metrics tell about traffic and load: for the scraper only (its token), or from this
    // machine when no token is configured.
    const allowed =
      options.metricsToken !== null
        ? request.headers.authorization === `Bearer ${options.metricsToken}`
        : isLoopback(request.ip);
    if (!allowed)
      return reply
        .status(404)
        .send({ error: { code: 'not_found', message: 'No route GET /metrics' } });
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}
