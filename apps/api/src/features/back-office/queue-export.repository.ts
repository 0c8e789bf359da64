import type { Db } from '@guichet/db';
import {
  contractsInScope,
  cursorOf,
  defaultTextCandidatesCap,
  isScopeOnly,
  pageBySlots,
  pageOfMatches,
  rowsOf,
  textScope,
} from './back-office.repository.ts';
import type { QueueFilter, QueueRow } from './back-office.repository.ts';

/**
 * The queue, every page of it, in its sort's order, by keyset batches of `batchSize`
 * (decision 0033): each batch is the queue's own page statement (by slots when only scoped,
 * else sorted matches), the text search's candidates found once for all of them.
 */
export async function* queueBatches(
  db: Db,
  filter: Omit<QueueFilter, 'after' | 'limit'>,
  batchSize: number,
): AsyncGenerator<QueueRow[]> {
  const scopeOnly = isScopeOnly(filter);
  const [contractIds, text] = await Promise.all([
    contractsInScope(db, { ...filter, limit: batchSize }),
    filter.q ? textScope(db, filter.q, defaultTextCandidatesCap) : null,
  ]);
  if (contractIds?.length === 0) return;
  let after: [string, string] | undefined;
  for (;;) {
    const page = { ...filter, limit: batchSize, ...(after ? { after } : {}) };
    const ids =
      scopeOnly && filter.sort !== 'updated' && filter.sort !== 'due'
        ? await pageBySlots(db, page, contractIds)
        : await pageOfMatches(db, page, contractIds, text);
    const batch = await rowsOf(db, ids.slice(0, batchSize), filter.sort);
    const last = batch.at(-1);
    if (batch.length > 0) yield batch;
    if (ids.length <= batchSize || !last) return;
    after = cursorOf(last, filter.sort);
  }
}
