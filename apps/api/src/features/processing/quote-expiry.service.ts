import type { Deps } from '../../http/context.ts';
import { sweep } from '../../lib/sweep.ts';
import { expireQuote, listExpiredQuoteRequests, lockRequest } from './processing.service.ts';

/**
 * The scheduled job's work (DESIGN §5: an expired quote cancels the request): every request
 * whose quote awaiting an answer is past its last valid day at `deps.clock()` is cancelled,
 * each in its own transaction under its row lock, so that a customer answering at the same
 * moment and a second job process both see a consistent state. Returns how many it cancelled.
 */
export async function expireQuotes(deps: Deps, batchSize = 100): Promise<number> {
  return sweep(
    deps,
    batchSize,
    () => listExpiredQuoteRequests(deps, batchSize),
    async (scoped, id) => {
      const locked = await lockRequest(scoped, id);
      return locked ? expireQuote(scoped, locked) : false;
    },
  );
}
