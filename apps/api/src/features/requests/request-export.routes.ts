import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { RequestExportQuery } from '@guichet/contracts';
import { authOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import { csvErrors, requestCsvNote, sendCsv } from '../../http/csv-reply.ts';
import { exportRequests } from './request-export.service.ts';

/** The customer's request list as a CSV file (decision 0033). */
export const requestExportRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps }, done) => {
  app.get(
    '/api/requests.csv',
    {
      schema: {
        tags: ['requests'],
        summary: `The requests list under the given filters, every page, as CSV — whoever reads the list (a Visiteur too), within the perimeter.${requestCsvNote}`,
        querystring: RequestExportQuery,
        produces: ['text/csv'],
        response: { ...csvErrors },
      },
    },
    async (request, reply) => sendCsv(reply, exportRequests(deps, authOf(request), request.query)),
  );

  done();
};
