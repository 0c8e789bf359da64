import type { Db } from '@guichet/db';
import type { Grant } from '@guichet/domain';
import type { AuthUser } from '../../http/context.ts';

export async function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'display_name',
      'password_hash',
      'locale',
      'kind',
      'operator_role',
      'locked_until',
    ])
    .where('email', '=', email)
    .executeTakeFirst();
}

export async function insertSession(
  db: Db,
  session: { id: string; userId: string; perimeterCustomerId: string | null; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      perimeter_customer_id: session.perimeterCustomerId,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

function toAuthUser(row: {
  id: string;
  email: string;
  display_name: string;
  locale: 'fr' | 'en';
  kind: 'customer' | 'operator';
  operator_role: AuthUser['operatorRole'];
}): AuthUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    kind: row.kind,
    operatorRole: row.operator_role,
  };
}

export async function findUserById(db: Db, id: string): Promise<AuthUser | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'locale', 'kind', 'operator_role'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toAuthUser(row) : undefined;
}

export async function findLiveSession(db: Db, id: string, now: Date) {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.perimeter_customer_id as perimeterCustomerId',
      'users.id',
      'users.email',
      'users.display_name',
      'users.locale',
      'users.kind',
      'users.operator_role',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    sessionId: row.sessionId,
    perimeterCustomerId: row.perimeterCustomerId,
    user: toAuthUser(row),
  };
}

/** Every grant of the user, with the customer that owns each contract. */
export async function listGrantsWithCustomers(db: Db, userId: string) {
  const rows = await db
    .selectFrom('grants')
    .innerJoin('contracts', 'contracts.id', 'grants.contract_id')
    .innerJoin('customers', 'customers.id', 'contracts.customer_id')
    .select([
      'grants.contract_id',
      'grants.section',
      'grants.profile',
      'customers.id as customer_id',
      'customers.name as customer_name',
    ])
    .where('grants.user_id', '=', userId)
    .orderBy('customers.name')
    .orderBy('grants.contract_id')
    .execute();
  return rows.map((row) => ({
    grant: {
      contractId: row.contract_id,
      section: row.section,
      profile: row.profile,
    } satisfies Grant,
    customerId: row.customer_id,
    customerName: row.customer_name,
  }));
}

export async function setSessionPerimeter(
  db: Db,
  sessionId: string,
  customerId: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ perimeter_customer_id: customerId })
    .where('id', '=', sessionId)
    .execute();
}

export async function setUserLocale(db: Db, userId: string, locale: 'fr' | 'en'): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

/**
 * Counts a failed login; the `maxFailures`-th in a row locks the account until `lockUntil`.
 * Returns whether this failure locked it.
 */
export async function recordFailedLogin(
  db: Db,
  userId: string,
  maxFailures: number,
  lockUntil: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({
      failed_logins: eb
        .case()
        .when('failed_logins', '>=', maxFailures - 1)
        .then(0)
        .else(eb('failed_logins', '+', 1))
        .end(),
      locked_until: eb
        .case()
        .when('failed_logins', '>=', maxFailures - 1)
        .then(lockUntil)
        .else(eb.ref('locked_until'))
        .end(),
    }))
    .where('id', '=', userId)
    .returning('locked_until')
    .executeTakeFirst();
  return row?.locked_until?.getTime() === lockUntil.getTime();
}

export async function clearFailedLogins(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}
