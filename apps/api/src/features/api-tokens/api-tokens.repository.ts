import type { Db, RowOf } from '@guichet/db';
import { grantOf, grantRows } from '../../lib/grant-rows.ts';
import type { Grant, OperatorRole } from '@guichet/domain';

/**
 * A new token: a customer's (a customer, its grants, no role) or an operator's (no customer, no
 * grants, maybe a role it is limited to).
 */
export async function insertToken(
  db: Db,
  token: {
    id: string;
    userId: string;
    customerId: string | null;
    role: OperatorRole | null;
    name: string;
    tokenHash: string;
    prefix: string;
    at: Date;
    expiresAt: Date | null;
    grants: readonly Grant[];
  },
): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: token.id,
      user_id: token.userId,
      customer_id: token.customerId,
      operator_role: token.role,
      name: token.name,
      token_hash: token.tokenHash,
      prefix: token.prefix,
      created_at: token.at,
      expires_at: token.expiresAt,
    })
    .execute();
  if (token.grants.length === 0) return;
  await db
    .insertInto('api_token_grants')
    .values(grantRows(token.grants, { token_id: token.id }))
    .execute();
}

function tokensQuery(db: Db) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('customers', 'customers.id', 'api_tokens.customer_id')
    .select([
      'api_tokens.id',
      'api_tokens.user_id',
      'api_tokens.name',
      'api_tokens.prefix',
      'api_tokens.created_at',
      'api_tokens.expires_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
      'customers.id as customer_id',
      'customers.name as customer_name',
    ]);
}

export type TokenRow = RowOf<typeof tokensQuery>;

export async function listTokens(db: Db, userId: string): Promise<TokenRow[]> {
  return tokensQuery(db)
    .where('api_tokens.user_id', '=', userId)
    .orderBy('api_tokens.created_at', 'desc')
    .orderBy('api_tokens.id')
    .execute();
}

export async function findToken(db: Db, userId: string, id: string) {
  return tokensQuery(db)
    .where('api_tokens.user_id', '=', userId)
    .where('api_tokens.id', '=', id)
    .executeTakeFirst();
}

export async function grantsOfTokens(db: Db, tokenIds: readonly string[]) {
  if (tokenIds.length === 0) return [];
  const rows = await db
    .selectFrom('api_token_grants')
    .select(['token_id', 'contract_id', 'section', 'profile'])
    .where('token_id', 'in', tokenIds)
    .orderBy('contract_id')
    .orderBy('section')
    .execute();
  return rows.map((row) => ({ tokenId: row.token_id, ...grantOf(row) }));
}

export async function revokeToken(db: Db, userId: string, id: string, at: Date) {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * A token that is neither revoked nor expired, of an owner who is not deactivated. An
 * operator's token has no customer (`customer_id` null) and maybe a role limit. A service
 * account's token (decision 0031) comes with the account's creator.
 */
export async function findLiveToken(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .leftJoin('customers', 'customers.id', 'api_tokens.customer_id')
    .leftJoin('service_accounts', 'service_accounts.user_id', 'api_tokens.user_id')
    .leftJoin('users as creators', 'creators.id', 'service_accounts.created_by')
    .select([
      'api_tokens.id',
      'api_tokens.last_used_at',
      'service_accounts.created_by as service_account_creator_id',
      'creators.deactivated_at as creator_deactivated_at',
      'api_tokens.operator_role as role_limit',
      'customers.id as customer_id',
      'customers.name as customer_name',
      'users.id as user_id',
      'users.email',
      'users.display_name',
      'users.locale',
      'users.kind',
      'users.operator_role',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.deactivated_at', 'is', null)
    .where((eb) =>
      eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]),
    )
    .executeTakeFirst();
}

/** Of these tokens, those neither revoked nor expired at `now` (the test is the one above). */
export async function findLiveTokenIds(
  db: Db,
  ids: readonly string[],
  now: Date,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('api_tokens')
    .select('id')
    .where('id', 'in', [...ids])
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .execute();
  return rows.map((row) => row.id);
}

/** The owner's current grants on the contracts of one customer. */
export async function ownerGrantsAt(db: Db, userId: string, customerId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('grants')
    .innerJoin('contracts', 'contracts.id', 'grants.contract_id')
    .select(['grants.contract_id', 'grants.section', 'grants.profile'])
    .where('grants.user_id', '=', userId)
    .where('contracts.customer_id', '=', customerId)
    .execute();
  return rows.map(grantOf);
}

export async function touchToken(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** What a token's row says of it to its owner: never its hash. */
export const tokenColumns = [
  'id',
  'user_id',
  'name',
  'prefix',
  'created_at',
  'expires_at',
  'last_used_at',
  'revoked_at',
] as const;

function operatorTokensQuery(db: Db) {
  return db
    .selectFrom('api_tokens')
    .select([...tokenColumns, 'operator_role'])
    .where('customer_id', 'is', null);
}

export type OperatorTokenRow = RowOf<typeof operatorTokensQuery>;

export async function listOperatorTokens(db: Db, userId: string): Promise<OperatorTokenRow[]> {
  return operatorTokensQuery(db)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function findOperatorToken(db: Db, userId: string, id: string) {
  return operatorTokensQuery(db)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Revokes every live token of the user (customer or operator tokens alike). */
export async function revokeTokensOf(db: Db, userId: string, at: Date): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
