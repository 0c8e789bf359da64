import type { Db } from '@guichet/db';
import { requestPageQuery } from './request-lists.repository.ts';
import type { ListFilter, SummaryRow } from './request-lists.repository.ts';

/**
 * The customer's list, every page of it, in the list's order, by keyset batches of
 * `batchSize` (decision 0033): the same statement as one page of the list, so the export
 * shows exactly what scrolling would, and holds one batch at a time.
 */
export async function* requestBatches(
  db: Db,
  filter: Omit<ListFilter, 'after' | 'limit'>,
  batchSize: number,
): AsyncGenerator<SummaryRow[]> {
  const contractIds = filter.contractId
    ? filter.contractIds.filter((id) => id === filter.contractId)
    : filter.contractIds;
  if (contractIds.length === 0) return;
  let after: [string, string] | undefined;
  for (;;) {
    const rows = await requestPageQuery(
      db,
      { ...filter, limit: batchSize, ...(after ? { after } : {}) },
      contractIds,
    ).execute();
    const batch = rows.slice(0, batchSize);
    const last = batch.at(-1);
    if (batch.length > 0) yield batch;
    if (rows.length <= batchSize || !last) return;
    after = [last.issued_at.toISOString(), last.id];
  }
}
