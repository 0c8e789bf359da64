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

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);

/** Who may read `/metrics`: the scraper with its token, this machine's callers, or nobody. */
export type MetricsAccess = 'token' | 'loopback' | 'closed';

/**
 * Loopback callers are this machine only when Guichet listens on loopback alone and no proxy
 * stands in front: behind a reverse proxy on the same host, every visitor arrives from
 * 127.0.0.1 (issue 18). Otherwise, without `METRICS_TOKEN`, `/metrics` answers 404 to all.
 */
export function metricsAccess(config: {
  metricsToken: string | null;
  trustProxy: boolean | string;
  host: string;
}): { access: MetricsAccess; message: string } {
  if (config.metricsToken !== null)
    return { access: 'token', message: '/metrics: for the bearer of METRICS_TOKEN' };
  if (config.trustProxy === false && loopbackHosts.has(config.host))
    return {
      access: 'loopback',
      message: `/metrics: for callers on this machine (HOST=${config.host}, no TRUST_PROXY)`,
    };
  return {
    access: 'closed',
    message: `/metrics: closed (404) — set METRICS_TOKEN to scrape it: ${
      config.trustProxy !== false
        ? 'TRUST_PROXY is set'
        : `HOST=${config.host} is not loopback-only`
    }, so a loopback caller may be anyone`,
  };
}

export function registerOperations(
  app: FastifyInstance,
  deps: Deps,
  options: { metricsToken: string | null; metricsAccess: MetricsAccess },
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

  app.get('/healthz', { schema: { hide: true } }, () => ({ status: 'ok' }));
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
    // machine when no token is configured and loopback means this machine (metricsAccess).
    const allowed =
      options.metricsAccess === 'token'
        ? options.metricsToken !== null &&
          request.headers.authorization === `Bearer ${options.metricsToken}`
        : options.metricsAccess === 'loopback' && isLoopback(request.ip);
    if (!allowed)
      return reply
        .status(404)
        .send({ error: { code: 'not_found', message: 'No route GET /metrics' } });
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}
