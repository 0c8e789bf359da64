import type { Readable } from 'node:stream';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  ErrorBody,
  IdParams,
  InventorySyncQuery,
  InventorySyncRun,
  InventorySyncRunPage,
  InventorySyncRunsQuery,
  inventorySyncSourceHeader,
} from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './inventory-sync.service.ts';

/** A file of a million items is a few hundred MB; it is read as a stream, never held. */
const syncBodyLimit = 8 * 1024 ** 3;

export const inventorySyncRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  // In this plugin only: every body reaches its route as the raw stream (the route checks
  // the content type itself, and answers 415 with the error body of every other refusal).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.post(
    '/api/back-office/inventory/sync',
    {
      bodyLimit: syncBodyLimit,
      schema: {
        tags: ['back-office'],
        summary:
          "Load the provider's inventory: a file of items (NDJSON or CSV), streamed — admins only",
        querystring: InventorySyncQuery,
        response: {
          200: InventorySyncRun,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          415: ErrorBody,
        },
      },
    },
    async (request) => {
      const source = request.headers[inventorySyncSourceHeader];
      return service.syncFromRequest(deps, authOf(request), {
        mode: request.query.mode,
        isDryRun: request.query.dryRun,
        isStrict: request.query.strict,
        contentType: request.headers['content-type'],
        source: Array.isArray(source) ? source.join(',') : source,
        body: request.body as Readable | undefined,
        ip: request.ip,
      });
    },
  );

  app.get(
    '/api/back-office/inventory/sync-runs',
    {
      schema: {
        tags: ['back-office'],
        summary: 'Inventory sync runs, newest first — admins only',
        querystring: InventorySyncRunsQuery,
        response: { 200: InventorySyncRunPage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => service.listRuns(deps, authOf(request), request.query),
  );

  app.get(
    '/api/back-office/inventory/sync-runs/:id',
    {
      schema: {
        tags: ['back-office'],
        summary: 'One inventory sync run, with its first 100 line errors — admins only',
        params: IdParams,
        response: {
          200: InventorySyncRun,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => service.getRun(deps, authOf(request), request.params.id),
  );
  done();
};
