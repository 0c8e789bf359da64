import { sql } from 'kysely';
import type { Db } from '@guichet/db';
import { stableId } from './stable-id.ts';

/** Serialises seeds: the transaction holds the lock until it ends. */
export async function lockSeed(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('guichet:seed'))`.execute(db);
}

export async function setLoginIfMissing(db: Db, userId: string, login: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ login })
    .where('id', '=', userId)
    .where('login', 'is', null)
    .execute();
}

export async function contractExists(db: Db, id: string): Promise<boolean> {
  return (
    (await db.selectFrom('contracts').select('id').where('id', '=', id).executeTakeFirst()) !==
    undefined
  );
}

/** The test builders' (the seed gives grants through the users feature). */
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

/** The test builders' (the seed's items go in through the inventory sync). */
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
