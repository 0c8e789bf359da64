import type { Db, RowOf } from '@guichet/db';
import { grantOf, grantRows } from '../../lib/grant-rows.ts';
import type { Grant, OperatorRole } from '@guichet/domain';

/**
 * Matches no password: a service account never signs in (the same form as the invitations'
 * marker, which argon2 cannot read either).
 */
const noPassword = '!service-account';

export async function insertServiceAccount(
  db: Db,
  account: {
    id: string;
    email: string;
    name: string;
    role: OperatorRole | null;
    customerId: string | null;
    description: string;
    createdBy: string;
    at: Date;
    grants: readonly Grant[];
  },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: account.id,
      email: account.email,
      display_name: account.name,
      password_hash: noPassword,
      kind: account.role === null ? 'customer' : 'operator',
      operator_role: account.role,
      created_at: account.at,
      activated_at: account.at,
      is_service_account: true,
    })
    .execute();
  await db
    .insertInto('service_accounts')
    .values({
      user_id: account.id,
      customer_id: account.customerId,
      description: account.description,
      created_by: account.createdBy,
      created_at: account.at,
    })
    .execute();
  if (account.grants.length > 0) {
    await db
      .insertInto('service_account_grants')
      .values(grantRows(account.grants, { user_id: account.id }))
      .execute();
  }
}

function accountsQuery(db: Db) {
  return db
    .selectFrom('service_accounts')
    .innerJoin('users', 'users.id', 'service_accounts.user_id')
    .innerJoin('users as creators', 'creators.id', 'service_accounts.created_by')
    .leftJoin('customers', 'customers.id', 'service_accounts.customer_id')
    .select([
      'users.id',
      'users.display_name as name',
      'users.operator_role as role',
      'users.deactivated_at',
      'service_accounts.description',
      'service_accounts.created_at',
      'service_accounts.customer_id',
      'customers.name as customer_name',
      'creators.id as creator_id',
      'creators.display_name as creator_name',
    ]);
}

export type ServiceAccountRow = RowOf<typeof accountsQuery>;

/** The provider's accounts (`customerId` null) or one customer's, newest first. */
export async function listServiceAccounts(
  db: Db,
  customerId: string | null,
): Promise<ServiceAccountRow[]> {
  return accountsQuery(db)
    .where((eb) =>
      customerId === null
        ? eb('service_accounts.customer_id', 'is', null)
        : eb('service_accounts.customer_id', '=', customerId),
    )
    .orderBy('service_accounts.created_at', 'desc')
    .orderBy('users.id')
    .execute();
}

/** One account of the provider (`customerId` null) or of that customer; another's is undefined. */
export async function findServiceAccount(db: Db, customerId: string | null, id: string) {
  return accountsQuery(db)
    .where('users.id', '=', id)
    .where((eb) =>
      customerId === null
        ? eb('service_accounts.customer_id', 'is', null)
        : eb('service_accounts.customer_id', '=', customerId),
    )
    .executeTakeFirst();
}

export async function grantsOfAccounts(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('service_account_grants')
    .select(['user_id', 'contract_id', 'section', 'profile'])
    .where('user_id', 'in', [...ids])
    .orderBy('contract_id')
    .orderBy('section')
    .execute();
  return rows.map((row) => ({ userId: row.user_id, ...grantOf(row) }));
}

export async function deactivateServiceAccount(
  db: Db,
  id: string,
  by: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ deactivated_at: at, deactivated_by: by })
    .where('id', '=', id)
    .where('is_service_account', '=', true)
    .where('deactivated_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Locks one account of the provider (`customerId` null) or of that customer for a change of
 * its rights, so that two editors at once apply one after the other; another's is undefined.
 */
export async function lockServiceAccount(db: Db, customerId: string | null, id: string) {
  return db
    .selectFrom('service_accounts')
    .innerJoin('users', 'users.id', 'service_accounts.user_id')
    .select(['users.id', 'users.operator_role as role', 'users.deactivated_at'])
    .where('users.id', '=', id)
    .where((eb) =>
      customerId === null
        ? eb('service_accounts.customer_id', 'is', null)
        : eb('service_accounts.customer_id', '=', customerId),
    )
    .forUpdate()
    .executeTakeFirst();
}

/** Replaces a customer's account's grants by these. */
export async function replaceGrants(db: Db, id: string, grants: readonly Grant[]): Promise<void> {
  await db.deleteFrom('service_account_grants').where('user_id', '=', id).execute();
  await db
    .insertInto('service_account_grants')
    .values(grantRows(grants, { user_id: id }))
    .execute();
}

/** Sets a provider's account's role. */
export async function setRole(db: Db, id: string, role: OperatorRole): Promise<void> {
  await db
    .updateTable('users')
    .set({ operator_role: role })
    .where('id', '=', id)
    .where('is_service_account', '=', true)
    .execute();
}
