import type { Db } from '@guichet/db';

export async function revokeOpenInvitations(db: Db, userId: string, at: Date): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertInvitation(
  db: Db,
  invitation: {
    id: string;
    userId: string;
    tokenHash: string;
    invitedBy: string | null;
    at: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('invitations')
    .values({
      id: invitation.id,
      user_id: invitation.userId,
      token_hash: invitation.tokenHash,
      invited_by: invitation.invitedBy,
      created_at: invitation.at,
      expires_at: invitation.expiresAt,
    })
    .execute();
}

/** An invitation that can still be used, with its user. */
export async function findLiveInvitation(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('invitations')
    .innerJoin('users', 'users.id', 'invitations.user_id')
    .select([
      'invitations.id',
      'invitations.expires_at',
      'users.id as user_id',
      'users.email',
      'users.login',
      'users.display_name',
    ])
    .where('invitations.token_hash', '=', tokenHash)
    .where('invitations.used_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', now)
    .executeTakeFirst();
}

/**
 * Uses the invitation if it still can be: the conditional update makes it single-use even
 * when two tabs submit at once. Returns the user's id, or undefined.
 */
export async function useInvitation(db: Db, tokenHash: string, now: Date) {
  const row = await db
    .updateTable('invitations')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

export async function setFirstPassword(
  db: Db,
  userId: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({
      password_hash: passwordHash,
      activated_at: eb.fn.coalesce('activated_at', eb.val(now)),
      failed_logins: 0,
      locked_until: null,
    }))
    .where('id', '=', userId)
    .execute();
}
