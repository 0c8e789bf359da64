import { personName } from '@guichet/domain';
import { insertInvitedUser, type Db, type RowOf } from '@guichet/db';
import type { OperatorRole } from '@guichet/domain';
import { containsPattern } from '../../lib/cursor.ts';

function operatorsQuery(db: Db) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'first_name',
      'last_name',
      'display_name',
      'operator_role',
      'locale',
      'created_at',
      'activated_at',
      'deactivated_at',
    ])
    .where('kind', '=', 'operator')
    .where('is_service_account', '=', false);
}

export type OperatorRow = RowOf<typeof operatorsQuery>;

export async function listOperators(
  db: Db,
  query: {
    q?: string;
    status?: 'active' | 'deactivated';
    limit: number;
    after?: [string, string];
  },
): Promise<{ rows: OperatorRow[]; total: number }> {
  let filtered = operatorsQuery(db);
  if (query.q) {
    const pattern = containsPattern(query.q);
    filtered = filtered.where((eb) =>
      eb.or([eb('display_name', 'ilike', pattern), eb('email', 'ilike', pattern)]),
    );
  }
  if (query.status === 'active') filtered = filtered.where('deactivated_at', 'is', null);
  if (query.status === 'deactivated') filtered = filtered.where('deactivated_at', 'is not', null);
  const after = query.after;
  const [rows, count] = await Promise.all([
    (after
      ? filtered.where((eb) =>
          eb(eb.refTuple('display_name', 'id'), '>', eb.tuple(after[0], after[1])),
        )
      : filtered
    )
      .orderBy('display_name')
      .orderBy('id')
      .limit(query.limit + 1)
      .execute(),
    filtered
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.count) };
}

export async function findOperator(db: Db, id: string): Promise<OperatorRow | undefined> {
  return operatorsQuery(db).where('id', '=', id).executeTakeFirst();
}

export async function isEmailTaken(db: Db, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertOperator(
  db: Db,
  operator: {
    id: string;
    email: string;
    firstName: string;
    lastName: string;
    role: OperatorRole;
    locale: 'fr' | 'en';
    at: Date;
  },
): Promise<void> {
  const { role, ...person } = operator;
  await insertInvitedUser(db, {
    ...person,
    displayName: personName(person),
    kind: 'operator',
    operatorRole: role,
  });
}

/**
 * Locks the active operators holding one of `roles` (in id order, so that concurrent changes
 * wait for each other rather than deadlock) and returns their ids. A change committed by a
 * concurrent transaction meanwhile is seen: PostgreSQL re-reads a locked row that changed and
 * drops it when it no longer matches.
 */
export async function lockActiveOperatorsWithRoles(
  db: Db,
  roles: readonly OperatorRole[],
): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('kind', '=', 'operator')
    .where('is_service_account', '=', false)
    .where('deactivated_at', 'is', null)
    .where('operator_role', 'in', roles)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((row) => row.id);
}

/** The operator, locked until the end of the transaction. */
export async function lockOperator(db: Db, id: string): Promise<OperatorRow | undefined> {
  return operatorsQuery(db).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setRole(db: Db, id: string, role: OperatorRole): Promise<void> {
  await db.updateTable('users').set({ operator_role: role }).where('id', '=', id).execute();
}

export async function setDeactivated(
  db: Db,
  id: string,
  deactivation: { at: Date; by: string } | null,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      deactivated_at: deactivation?.at ?? null,
      deactivated_by: deactivation?.by ?? null,
    })
    .where('id', '=', id)
    .execute();
}
