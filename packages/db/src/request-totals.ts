import { sql } from 'kysely';
import type { Db } from './connect.ts';

/**
 * The number of confirmed requests, from the totals kept by triggers (`request_totals`,
 * migration 0010): a few rows whatever the history. Limited to some contracts and statuses
 * when given; drafts are never in it.
 */
export function confirmedRequestsTotal(
  db: Db,
  filter: { contractIds?: readonly string[]; statuses?: readonly string[] },
) {
  const { contractIds, statuses } = filter;
  return db
    .selectFrom('request_totals')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('n'), sql<string>`0`).as('count'))
    .$if(contractIds !== undefined, (query) =>
      query.where((eb) => eb('contract_id', '=', eb.fn.any(eb.val(contractIds ?? [])))),
    )
    .$if(statuses !== undefined, (query) =>
      query.where((eb) => eb('status', '=', eb.fn.any(eb.val(statuses ?? [])))),
    );
}
