import type { QueueExportQuery } from '@guichet/contracts';
import type { AuthContext, Deps } from '../../http/context.ts';
import type { CsvExport } from '../../http/csv-reply.ts';
import { requestCsvFile } from '../../lib/csv-file.ts';
import { exportBatchSize } from '../requests/request-export.service.ts';
import { presentExportedRequest } from '../requests/request-export.presenter.ts';
import { operatorOf, queueFilterOf } from './back-office.service.ts';
import { queueBatches } from './queue-export.repository.ts';

/**
 * The queue under its current filter and sort, as CSV (decision 0033): the operators who
 * work the queue, every customer's confirmed requests, every page, streamed.
 */
export function exportQueue(deps: Deps, auth: AuthContext, query: QueueExportQuery): CsvExport {
  operatorOf(auth);
  const batches = queueBatches(deps.db, queueFilterOf(deps, auth, query), exportBatchSize);
  return requestCsvFile(batches, presentExportedRequest, {
    surface: 'back_office',
    locale: auth.user.locale,
    timeZone: query.timeZone,
    separator: query.separator,
    now: deps.clock(),
  });
}
