import type { InteractiveActivity } from '../../http/interactive-requests.ts';

/**
 * How fast a sync writes while people use Guichet (decision 0016): alone, big batches and no
 * pause; while interactive requests are about, small batches, and before each one a wait
 * (bounded) for the requests in flight to be answered. The sync's PostgreSQL backend then
 * leaves the cores to the searches' between two short statements, and a search never waits
 * behind a whole big batch.
 */
export const syncPacing = {
  /** Lines a statement when nothing else runs: amortises the round trip. */
  batchSize: 2000,
  /** Lines a statement while interactive requests are about (~15 ms of PostgreSQL's work). */
  sharedBatchSize: 250,
  /** An interactive request started this recently still counts as "about". */
  recentMs: 1000,
  /** The longest wait before a batch: the sync always moves on. */
  maxWaitMs: 50,
} as const;

export interface SyncPace {
  batchSize: number;
  /** How long to wait, at most, for the requests in flight before writing the next batch. */
  waitMs: number;
}

export function paceOf(activity: InteractiveActivity): SyncPace {
  const isShared = activity.inFlight > 0 || activity.msSinceLastStarted < syncPacing.recentMs;
  return {
    batchSize: isShared ? syncPacing.sharedBatchSize : syncPacing.batchSize,
    waitMs: activity.inFlight > 0 ? syncPacing.maxWaitMs : 0,
  };
}
