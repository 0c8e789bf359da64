import { personName } from '@guichet/domain';
import { sql } from 'kysely';
import { insertInvitedUser, type Db } from '@guichet/db';
import type { Grant, Profile, Section } from '@guichet/domain';
import { containsPattern } from '../../lib/cursor.ts';
import { grantOf, grantRows } from '../../lib/grant-rows.ts';

const identityColumns = [
  'users.id',
  'users.login',
  'users.email',
  'users.first_name',
  'users.last_name',
  'users.display_name',
  'users.phone',
  'users.activated_at',
  'users.kind',
  'users.locale',
] as const;

export type IdentityRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export async function findUser(db: Db, id: string) {
  return db
    .selectFrom('users')
    .select(identityColumns)
    .where('users.id', '=', id)
    .executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(identityColumns)
    .where('users.email', '=', email)
    .executeTakeFirst();
}

export async function isLoginTaken(db: Db, login: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(login)`, '=', login.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertUser(
  db: Db,
  user: {
    id: string;
    /** Null for an account that logs in with its e-mail. */
    login: string | null;
    email: string;
    firstName: string;
    lastName: string;
    phone: string | null;
    locale: 'fr' | 'en';
    at: Date;
  },
): Promise<void> {
  await insertInvitedUser(db, {
    ...user,
    displayName: personName(user),
    kind: 'customer',
    operatorRole: null,
  });
}

/** Gives each grant, replacing the profile already held on the same contract and section. */
export async function upsertGrants(
  db: Db,
  userId: string,
  grants: readonly Grant[],
  at: Date,
): Promise<void> {
  if (grants.length === 0) return;
  await db
    .insertInto('grants')
    .values(grantRows(grants, { user_id: userId, created_at: at }))
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'contract_id', 'section'])
        .doUpdateSet((eb) => ({ profile: eb.ref('excluded.profile') })),
    )
    .execute();
}

/** The user's grants on the contract become exactly `grants` (sections left out: none). */
export async function replaceGrantsOnContract(
  db: Db,
  userId: string,
  contractId: string,
  grants: readonly { section: Section; profile: Profile }[],
  at: Date,
): Promise<void> {
  let removal = db
    .deleteFrom('grants')
    .where('user_id', '=', userId)
    .where('contract_id', '=', contractId);
  if (grants.length > 0) {
    removal = removal.where(
      'section',
      'not in',
      grants.map((grant) => grant.section),
    );
  }
  await removal.execute();
  await upsertGrants(
    db,
    userId,
    grants.map((grant) => ({ ...grant, contractId })),
    at,
  );
}

/** Removes every right of the user on the contract, authorised requester included. */
export async function removeAccess(db: Db, userId: string, contractId: string): Promise<number> {
  const removed = await db
    .deleteFrom('grants')
    .where('user_id', '=', userId)
    .where('contract_id', '=', contractId)
    .executeTakeFirst();
  await db
    .deleteFrom('contract_requesters')
    .where('user_id', '=', userId)
    .where('contract_id', '=', contractId)
    .execute();
  return Number(removed.numDeletedRows);
}

export async function grantsOf(
  db: Db,
  userIds: readonly string[],
  contractIds: readonly string[],
): Promise<(Grant & { userId: string })[]> {
  if (userIds.length === 0 || contractIds.length === 0) return [];
  const rows = await db
    .selectFrom('grants')
    .select(['user_id', 'contract_id', 'section', 'profile'])
    .where('user_id', 'in', userIds)
    .where('contract_id', 'in', contractIds)
    .orderBy('contract_id')
    .orderBy('section')
    .execute();
  return rows.map((row) => ({ userId: row.user_id, ...grantOf(row) }));
}

export async function referentContracts(
  db: Db,
  userIds: readonly string[],
  contractIds: readonly string[],
) {
  if (userIds.length === 0 || contractIds.length === 0) return [];
  return db
    .selectFrom('contracts')
    .select(['id', 'referent_user_id'])
    .where('referent_user_id', 'in', userIds)
    .where('id', 'in', contractIds)
    .orderBy('id')
    .execute();
}

export async function requesterContracts(
  db: Db,
  userIds: readonly string[],
  contractIds: readonly string[],
) {
  if (userIds.length === 0 || contractIds.length === 0) return [];
  return db
    .selectFrom('contract_requesters')
    .select(['contract_id', 'user_id'])
    .where('user_id', 'in', userIds)
    .where('contract_id', 'in', contractIds)
    .orderBy('contract_id')
    .execute();
}

export interface UserFilter {
  contractIds: readonly string[];
  q?: string;
  after?: [string, string];
  limit: number;
}

function usersOf(db: Db, filter: UserFilter) {
  let query = db.selectFrom('users').where((eb) =>
    eb.exists(
      eb
        .selectFrom('grants')
        .select(sql`1`.as('one'))
        .whereRef('grants.user_id', '=', 'users.id')
        .where('grants.contract_id', 'in', filter.contractIds),
    ),
  );
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        eb('users.display_name', 'ilike', pattern),
        eb('users.email', 'ilike', pattern),
        eb('users.login', 'ilike', pattern),
      ]),
    );
  }
  return query;
}

/** One page of the users holding a grant on one of the contracts, by name; and the total. */
export async function listUsers(db: Db, filter: UserFilter) {
  if (filter.contractIds.length === 0) return { rows: [], total: 0 };
  let page = usersOf(db, filter)
    .select(identityColumns)
    .orderBy('users.display_name')
    .orderBy('users.id')
    .limit(filter.limit + 1);
  if (filter.after) {
    const [name, id] = filter.after;
    page = page.where((eb) =>
      eb.or([
        eb('users.display_name', '>', name),
        eb.and([eb('users.display_name', '=', name), eb('users.id', '>', id)]),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    page.execute(),
    usersOf(db, filter)
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.count) };
}

export async function findContractCustomer(db: Db, contractId: string) {
  return db
    .selectFrom('contracts')
    .innerJoin('customers', 'customers.id', 'contracts.customer_id')
    .select([
      'contracts.id',
      'contracts.referent_user_id',
      'customers.id as customer_id',
      'customers.name as customer_name',
    ])
    .where('contracts.id', '=', contractId)
    .executeTakeFirst();
}

/** Whether a user holds any grant on one of the contracts. */
export async function holdsGrantOn(
  db: Db,
  userId: string,
  contractIds: readonly string[],
): Promise<boolean> {
  if (contractIds.length === 0) return false;
  const row = await db
    .selectFrom('grants')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('contract_id', 'in', contractIds)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
