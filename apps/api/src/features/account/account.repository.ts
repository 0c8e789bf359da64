import { personName } from '@guichet/domain';
import type { Db } from '@guichet/db';

export async function findAccount(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'login',
      'email',
      'first_name',
      'last_name',
      'display_name',
      'phone',
      'kind',
      'password_hash',
    ])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function updateContact(
  db: Db,
  userId: string,
  contact: { firstName: string; lastName: string; phone: string | null },
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      first_name: contact.firstName,
      last_name: contact.lastName,
      display_name: personName(contact),
      phone: contact.phone,
    })
    .where('id', '=', userId)
    .execute();
}

export async function updatePassword(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash })
    .where('id', '=', userId)
    .execute();
}

/** Ends the user's other sessions: a changed password logs out every other browser. */
export async function deleteOtherSessions(db: Db, userId: string, keepSessionId: string) {
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '<>', keepSessionId)
    .execute();
}
