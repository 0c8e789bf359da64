import { sql } from 'kysely';
import type { Db } from './connect.ts';

/**
 * Where `request_totals` (kept by triggers, migrations 0010 and 0012) disagrees with counting the
 * requests themselves: empty when every total is right.
 */
export async function requestTotalsDrift(db: Db) {
  const { rows } = await sql<{
    contract_id: string;
    status: string;
    kept: string;
    counted: string;
  }>`
    SELECT coalesce(t.contract_id, c.contract_id) AS contract_id,
      coalesce(t.status, c.status) AS status,
      coalesce(t.n, 0)::text AS kept, coalesce(c.n, 0)::text AS counted
    FROM (SELECT contract_id, status, n FROM request_totals WHERE n <> 0) t
    FULL JOIN (SELECT contract_id, status, count(*) AS n FROM requests
               WHERE status <> 'draft' GROUP BY 1, 2) c
      ON c.contract_id = t.contract_id AND c.status = t.status
    WHERE coalesce(t.n, 0) <> coalesce(c.n, 0)`.execute(db);
  return rows;
}
