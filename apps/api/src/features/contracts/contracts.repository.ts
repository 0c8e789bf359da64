import type { Db } from '@guichet/db';

/** The contracts, with whether each keeps authorised requesters and the user is one. */
export async function listContracts(db: Db, ids: readonly string[], userId: string) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('contracts')
    .innerJoin('customers', 'customers.id', 'contracts.customer_id')
    .select((eb) => [
      'contracts.id',
      'contracts.offer',
      'contracts.support_level',
      'contracts.free_changes_per_month',
      'contracts.token_price_eur',
      'contracts.time_zone',
      'contracts.restricts_requesters',
      'contracts.status',
      'customers.name as customer_name',
      eb
        .exists(
          eb
            .selectFrom('contract_requesters')
            .whereRef('contract_requesters.contract_id', '=', 'contracts.id')
            .where('contract_requesters.user_id', '=', userId),
        )
        .$castTo<boolean>()
        .as('is_requester'),
    ])
    .where('contracts.id', 'in', ids)
    .orderBy('contracts.id')
    .execute();
}

export async function findContract(db: Db, id: string) {
  return db
    .selectFrom('contracts')
    .select([
      'id',
      'customer_id',
      'offer',
      'free_changes_per_month',
      'token_price_eur',
      'time_zone',
      'status',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function usedFreeChanges(db: Db, contractIds: readonly string[], month: string) {
  if (contractIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('free_change_usage')
    .select(['contract_id', 'used'])
    .where('contract_id', 'in', contractIds)
    .where('month', '=', month)
    .execute();
  return new Map(rows.map((row) => [row.contract_id, row.used]));
}
