import { z } from 'zod';
import { DomainError } from '@guichet/domain';
import { LiveEventsQuery } from '@guichet/contracts';
import { resolveCaller } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import { LiveHub } from './live-hub.ts';

const lastEventIdHeader = /^\d{1,19}$/;

/** `GET /api/events`: what changes, as server-sent events, for what the caller may see. */
export const liveRoutes = routesPlugin<RouteDeps & { databaseUrl: string | null }>(
  { tags: ['live'], errors: [400, 401, 503] },
  ({ deps, config, databaseUrl }, app) => {
    const hub =
      databaseUrl === null
        ? null
        : new LiveHub(deps, {
            databaseUrl,
            heartbeatMs: config.liveHeartbeatMs,
            log: { error: (error, message) => app.log.error({ err: error }, message) },
          });
    // Open streams would hold the server's close until they end: they end first, and their
    // browsers reconnect (to another process, or to this one once it is back).
    app.addHook('preClose', (done) => {
      hub?.endAll();
      done();
    });
    app.addHook('onClose', async () => hub?.close());
    return [
      route('GET /api/events', {
        summary: 'Live updates: server-sent events of what changes that you may see',
        description:
          'A `text/event-stream`: each event has an `id:` (send it back as `Last-Event-ID`, or `?lastEventId=`, to get what was missed, or a `reload` event when too much was), an `event:` (the `type` of `LiveEvent`) and a `data:` line (a `LiveEvent` as JSON). Comment lines keep it alive; it ends when the session or token is revoked or expires.',
        querystring: LiveEventsQuery,
        ok: z.unknown().describe('text/event-stream of LiveEvent'),
        handle: async ({ auth, query, request, reply }) => {
          if (hub === null) throw new DomainError('unavailable', 'Live updates are not configured');
          const header = request.headers['last-event-id'];
          const fromHeader =
            typeof header === 'string' && lastEventIdHeader.test(header.trim())
              ? header.trim()
              : null;
          const body = await hub.open({
            auth,
            reauthenticate: () => resolveCaller(deps, request),
            lastEventId: fromHeader ?? query.lastEventId?.toString() ?? null,
            once: query.once === 'true',
          });
          return reply
            .header('content-type', 'text/event-stream; charset=utf-8')
            .header('cache-control', 'no-cache, no-transform')
            .header('x-accel-buffering', 'no')
            .send(body);
        },
      }),
    ];
  },
);
