import type { Db } from './connect.ts';

/**
 * Takes one of the contract's free changes of `month` if any is left. The upsert holds the
 * counter row's lock until commit, so concurrent takers are counted one after the other.
 * Returns the number used after this one, or null when none was left. Shared by the
 * confirmation and the approval that lets a held request reach the provider (decision 0034).
 */
export async function takeFreeChange(db: Db, contractId: string, month: string, limit: number) {
  if (limit <= 0) return null;
  const row = await db
    .insertInto('free_change_usage')
    .values({ contract_id: contractId, month, used: 1 })
    .onConflict((oc) =>
      oc
        .columns(['contract_id', 'month'])
        .doUpdateSet((eb) => ({ used: eb('free_change_usage.used', '+', 1) }))
        .where('free_change_usage.used', '<', limit),
    )
    .returning('used')
    .executeTakeFirst();
  return row ? row.used : null;
}
