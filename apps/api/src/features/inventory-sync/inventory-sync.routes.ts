import type { Readable } from 'node:stream';
import {
  IdParams,
  InventorySyncQuery,
  InventorySyncRun,
  InventorySyncRunPage,
  InventorySyncRunsQuery,
  inventorySyncSourceHeader,
} from '@guichet/contracts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import * as service from './inventory-sync.service.ts';

/** A file of a million items is a few hundred MB; it is read as a stream, never held. */
const syncBodyLimit = 8 * 1024 ** 3;

export const inventorySyncRoutes = routesPlugin(
  { tags: ['back-office'], errors: [400, 401, 403] },
  ({ deps }, app) => {
    // In this plugin only: every body reaches its route as the raw stream (the route checks
    // the content type itself, and answers 415 with the error body of every other refusal).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    return [
      route('POST /api/back-office/inventory/sync', {
        bodyLimit: syncBodyLimit,
        summary:
          "Load the provider's inventory: a file of items (NDJSON or CSV), streamed — admins only",
        querystring: InventorySyncQuery,
        ok: InventorySyncRun,
        errors: [400, 401, 403, 415],
        handle: ({ auth, query, request }) => {
          const source = request.headers[inventorySyncSourceHeader];
          return service.syncFromRequest(deps, auth, {
            mode: query.mode,
            isDryRun: query.dryRun,
            isStrict: query.strict,
            contentType: request.headers['content-type'],
            source: Array.isArray(source) ? source.join(',') : source,
            body: request.body as Readable | undefined,
            ip: request.ip,
          });
        },
      }),
      route('GET /api/back-office/inventory/sync-runs', {
        summary: 'Inventory sync runs, newest first — admins only',
        querystring: InventorySyncRunsQuery,
        ok: InventorySyncRunPage,
        handle: ({ auth, query }) => service.listRuns(deps, auth, query),
      }),
      route('GET /api/back-office/inventory/sync-runs/:id', {
        summary: 'One inventory sync run, with its first 100 line errors — admins only',
        params: IdParams,
        ok: InventorySyncRun,
        errors: [400, 401, 403, 404],
        handle: ({ auth, params }) => service.getRun(deps, auth, params.id),
      }),
    ];
  },
);
