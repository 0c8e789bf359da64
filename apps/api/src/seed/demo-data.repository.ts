import { sql } from 'kysely';
import type { Db } from '@guichet/db';
import { stableId } from './stable-id.ts';

/** Serialises seeds: the transaction holds the lock until it ends. */
export async function lockSeed(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('guichet:seed'))`.execute(db);
}

export async function userExists(db: Db, email: string): Promise<boolean> {
  return (
    (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) !==
    undefined
  );
}

export async function insertUser(
  db: Db,
  user: {
    id: string;
    email: string;
    displayName: string;
    passwordHash: string;
    operatorRole: 'agent' | 'catalog_manager' | 'admin' | null;
  },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      email: user.email,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      kind: user.operatorRole ? 'operator' : 'customer',
      operator_role: user.operatorRole,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
}

export async function setLoginIfMissing(db: Db, userId: string, login: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ login })
    .where('id', '=', userId)
    .where('login', 'is', null)
    .execute();
}

export async function setReferentIfMissing(
  db: Db,
  contractId: string,
  userId: string,
): Promise<void> {
  await db
    .updateTable('contracts')
    .set({ referent_user_id: userId })
    .where('id', '=', contractId)
    .where('referent_user_id', 'is', null)
    .execute();
}

export async function upsertGrant(
  db: Db,
  grant: {
    userId: string;
    contractId: string;
    section: 'requests' | 'inventory' | 'users' | 'contracts';
    profile: 'viewer' | 'manager';
  },
): Promise<void> {
  await db
    .insertInto('grants')
    .values({
      user_id: grant.userId,
      contract_id: grant.contractId,
      section: grant.section,
      profile: grant.profile,
    })
    .onConflict((oc) => oc.columns(['user_id', 'contract_id', 'section']).doNothing())
    .execute();
}

export async function upsertAsset(
  db: Db,
  asset: {
    contractId: string;
    reference: string;
    label: string;
    type: string;
    site: string;
    solution: string;
    attributes: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('assets')
    .values({
      id: stableId(`asset:${asset.contractId}:${asset.reference}`),
      contract_id: asset.contractId,
      reference: asset.reference,
      label: asset.label,
      type: asset.type,
      site: asset.site,
      solution: asset.solution,
      attributes: JSON.stringify(asset.attributes),
    })
    .onConflict((oc) => oc.columns(['contract_id', 'reference']).doNothing())
    .execute();
}

export async function countRequests(db: Db, contractId: string): Promise<number> {
  const row = await db
    .selectFrom('requests')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('contract_id', '=', contractId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Contracts among these that hold at least one item (retired ones included). */
export async function contractsWithItems(db: Db, contractIds: string[]): Promise<Set<string>> {
  if (contractIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('assets')
    .select('contract_id')
    .distinct()
    .where('contract_id', 'in', contractIds)
    .execute();
  return new Set(rows.map((row) => row.contract_id));
}
