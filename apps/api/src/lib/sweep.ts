import type { Db } from '@guichet/db';

/**
 * A scheduled job's sweep (expired quotes, overdue executions, questions to follow up, due
 * dates to watch): takes what is due in batches (`due`, asked again for each batch), works each
 * item in its own transaction (`work` gets the deps bound to it and answers whether it acted),
 * and stops on a short batch or on one where nothing was done (what is left is held by another
 * worker or no longer due). Returns how many items it acted on.
 */
export async function sweep<D extends { db: Db }, Item>(
  deps: D,
  batchSize: number,
  due: () => Promise<readonly Item[]>,
  work: (scoped: D, item: Item) => Promise<boolean>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const items = await due();
    let changed = 0;
    for (const item of items) {
      const acted = await deps.db.transaction().execute((trx) => work({ ...deps, db: trx }, item));
      if (acted) changed += 1;
    }
    total += changed;
    if (items.length < batchSize || changed === 0) return total;
  }
}
