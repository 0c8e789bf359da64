import type { Db } from '@guichet/db';
import { sql } from 'kysely';
import { containsPattern } from '../../lib/cursor.ts';

const assetColumns = [
  'assets.id',
  'assets.contract_id',
  'assets.reference',
  'assets.label',
  'assets.type',
  'assets.site',
  'assets.solution',
  'assets.attributes',
] as const;

export async function searchAssets(
  db: Db,
  filter: {
    contractId: string;
    q?: string;
    types?: string[];
    after?: [string, string];
    limit: number;
  },
) {
  let query = db
    .selectFrom('assets')
    .select(assetColumns)
    .where('assets.contract_id', '=', filter.contractId);
  if (filter.types)
    query = query.where('assets.type', 'in', filter.types.length > 0 ? filter.types : ['']);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) =>
      eb.or([eb('assets.reference', 'ilike', pattern), eb('assets.label', 'ilike', pattern)]),
    );
  }
  const counted = await query
    .clearSelect()
    .select(sql<number>`1`.as('one'))
    .limit(1001)
    .execute();
  if (filter.after) {
    const [reference, id] = filter.after;
    query = query.where(sql<boolean>`(assets.reference, assets.id) > (${reference}, ${id}::uuid)`);
  }
  const rows = await query
    .orderBy('assets.reference')
    .orderBy('assets.id')
    .limit(filter.limit + 1)
    .execute();
  return { rows, total: counted.length };
}

export async function findAsset(db: Db, id: string) {
  return db
    .selectFrom('assets')
    .select(assetColumns)
    .where('assets.id', '=', id)
    .executeTakeFirst();
}
