import type { Db } from '@guichet/db';
import type { Grant } from '@guichet/domain';
import { grantRows } from '../../lib/grant-rows.ts';
import { tokenColumns } from './api-tokens.repository.ts';

/** Every token of these users (service accounts), newest first. */
export async function tokensOfUsers(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('api_tokens')
    .select([...tokenColumns, 'replaces_id'])
    .where('user_id', 'in', [...userIds])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export type ServiceAccountTokenRow = Awaited<ReturnType<typeof tokensOfUsers>>[number];

/** One user's token, locked for the rotation or revocation that follows. */
export async function lockTokenOf(db: Db, userId: string, id: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function setReplaces(db: Db, id: string, replacesId: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ replaces_id: replacesId })
    .where('id', '=', id)
    .execute();
}

export async function setExpiry(db: Db, id: string, expiresAt: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

/** Gives every token of the user not revoked these grants instead of theirs. */
export async function replaceGrantsOfTokens(
  db: Db,
  userId: string,
  grants: readonly Grant[],
): Promise<void> {
  const ids = (
    await db
      .selectFrom('api_tokens')
      .select('id')
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute()
  ).map((row) => row.id);
  if (ids.length === 0) return;
  await db.deleteFrom('api_token_grants').where('token_id', 'in', ids).execute();
  if (grants.length === 0) return;
  await db
    .insertInto('api_token_grants')
    .values(ids.flatMap((id) => grantRows(grants, { token_id: id })))
    .execute();
}
