import type { Db } from '@guichet/db';

/** The contract's row, locked until the transaction ends (one referent change at a time). */
export async function lockContract(db: Db, contractId: string) {
  return db
    .selectFrom('contracts')
    .select(['id', 'referent_user_id', 'restricts_requesters'])
    .where('id', '=', contractId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findContract(db: Db, contractId: string) {
  return db
    .selectFrom('contracts')
    .innerJoin('customers', 'customers.id', 'contracts.customer_id')
    .leftJoin('users as referent', 'referent.id', 'contracts.referent_user_id')
    .select([
      'contracts.id',
      'contracts.offer',
      'contracts.support_level',
      'contracts.free_changes_per_month',
      'contracts.token_price_eur',
      'contracts.restricts_requesters',
      'contracts.referent_user_id',
      'referent.display_name as referent_name',
      'customers.name as customer_name',
    ])
    .where('contracts.id', '=', contractId)
    .executeTakeFirst();
}

export async function listRequesters(db: Db, contractId: string) {
  return db
    .selectFrom('contract_requesters')
    .innerJoin('users', 'users.id', 'contract_requesters.user_id')
    .select(['users.id', 'users.display_name'])
    .where('contract_requesters.contract_id', '=', contractId)
    .orderBy('users.display_name')
    .orderBy('users.id')
    .execute();
}

export async function isRequester(db: Db, contractId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('contract_requesters')
    .select('user_id')
    .where('contract_id', '=', contractId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function setReferent(db: Db, contractId: string, userId: string): Promise<void> {
  await db
    .updateTable('contracts')
    .set({ referent_user_id: userId })
    .where('id', '=', contractId)
    .execute();
}

export async function replaceRequesters(
  db: Db,
  contractId: string,
  restricts: boolean,
  userIds: readonly string[],
  at: Date,
): Promise<void> {
  await db
    .updateTable('contracts')
    .set({ restricts_requesters: restricts })
    .where('id', '=', contractId)
    .execute();
  let removal = db.deleteFrom('contract_requesters').where('contract_id', '=', contractId);
  if (userIds.length > 0) removal = removal.where('user_id', 'not in', userIds);
  await removal.execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('contract_requesters')
    .values(userIds.map((userId) => ({ contract_id: contractId, user_id: userId, created_at: at })))
    .onConflict((oc) => oc.columns(['contract_id', 'user_id']).doNothing())
    .execute();
}

export async function findUserContact(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name'])
    .where('id', '=', userId)
    .executeTakeFirst();
}
