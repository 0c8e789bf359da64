import { RequestExportQuery } from '@guichet/contracts';
import { requestCsvNote, sendCsv } from '../../http/csv-reply.ts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import { exportRequests } from './request-export.service.ts';

/** The customer's request list as a CSV file (decision 0033). */
export const requestExportRoutes = routesPlugin(
  { tags: ['requests'], errors: [400, 401, 403, 404] },
  ({ deps }) => [
    route('GET /api/requests.csv', {
      summary: `The requests list under the given filters, every page, as CSV — whoever reads the list (a Visiteur too), within the perimeter.${requestCsvNote}`,
      querystring: RequestExportQuery,
      produces: ['text/csv'],
      handle: ({ auth, query, reply }) => sendCsv(reply, exportRequests(deps, auth, query)),
    }),
  ],
);
