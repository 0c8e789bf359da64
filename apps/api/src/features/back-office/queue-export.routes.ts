import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { QueueExportQuery } from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import { csvErrors, requestCsvNote, sendCsv } from '../../http/csv-reply.ts';
import { exportQueue } from './queue-export.service.ts';

/** The back-office's queue as a CSV file (decision 0033). */
export const queueExportRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/back-office/requests.csv',
    {
      schema: {
        tags: ['back-office'],
        summary: `The queue under the given filters and sort, every page, as CSV — agents and admins.${requestCsvNote}`,
        querystring: QueueExportQuery,
        produces: ['text/csv'],
        response: { ...csvErrors },
      },
    },
    async (request, reply) => sendCsv(reply, exportQueue(deps, authOf(request), request.query)),
  );
  done();
};
