import type { Deps } from '../../http/context.ts';
import { expireQuote, listExpiredQuoteRequests, lockRequest } from './processing.service.ts';

/**
 * The scheduled job's work (DESIGN §5: an expired quote cancels the request): every request
 * whose quote awaiting an answer is past its last valid day at `deps.clock()` is cancelled,
 * each in its own transaction under its row lock, so that a customer answering at the same
 * moment and a second job process both see a consistent state. Returns how many it cancelled.
 */
export async function expireQuotes(deps: Deps, batchSize = 100): Promise<number> {
  let cancelled = 0;
  for (;;) {
    const ids = await listExpiredQuoteRequests(deps, batchSize);
    let changed = 0;
    for (const id of ids) {
      const isExpired = await deps.db.transaction().execute(async (trx) => {
        const scoped = { ...deps, db: trx };
        const locked = await lockRequest(scoped, id);
        return locked ? expireQuote(scoped, locked) : false;
      });
      if (isExpired) changed += 1;
    }
    cancelled += changed;
    if (ids.length < batchSize || changed === 0) return cancelled;
  }
}
