import { contractsWith, statusesInGroup } from '@guichet/domain';
import type { RequestExportQuery } from '@guichet/contracts';
import type { AuthContext, Deps } from '../../http/context.ts';
import type { CsvExport } from '../../http/csv-reply.ts';
import { requestCsvFile } from '../../lib/csv-file.ts';
import { requestBatches } from './request-export.repository.ts';
import { presentExportedRequest } from './request-export.presenter.ts';

/** Rows a batch of the export reads: large enough to amortise a statement, small in memory. */
export const exportBatchSize = 1_000;

/**
 * The customer's list under its current filter, as CSV (decision 0033): the same rights and
 * rows as the list (the perimeter's contracts where the caller reads Demandes; drafts their
 * author's), every page, streamed.
 */
export function exportRequests(
  deps: Deps,
  auth: AuthContext,
  query: RequestExportQuery,
): CsvExport {
  const batches = requestBatches(
    deps.db,
    {
      contractIds: contractsWith(auth.grants, 'requests', 'viewer'),
      viewerId: auth.user.id,
      ...(query.group ? { statuses: statusesInGroup(query.group) } : {}),
      ...(query.q ? { q: query.q } : {}),
      ...(query.contractId ? { contractId: query.contractId } : {}),
      ...(query.assetId ? { assetId: query.assetId } : {}),
    },
    exportBatchSize,
  );
  return requestCsvFile(batches, presentExportedRequest, {
    surface: 'customer',
    locale: auth.user.locale,
    timeZone: query.timeZone,
    separator: query.separator,
    now: deps.clock(),
  });
}
