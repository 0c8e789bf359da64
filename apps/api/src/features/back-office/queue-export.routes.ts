import { QueueExportQuery } from '@guichet/contracts';
import { requestCsvNote, sendCsv } from '../../http/csv-reply.ts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import { exportQueue } from './queue-export.service.ts';

/** The back-office's queue as a CSV file (decision 0033). */
export const queueExportRoutes = routesPlugin(
  { tags: ['back-office'], errors: [400, 401, 403, 404] },
  ({ deps }) => [
    route('GET /api/back-office/requests.csv', {
      summary: `The queue under the given filters and sort, every page, as CSV — agents and admins.${requestCsvNote}`,
      querystring: QueueExportQuery,
      produces: ['text/csv'],
      handle: ({ auth, query, reply }) => sendCsv(reply, exportQueue(deps, auth, query)),
    }),
  ],
);
