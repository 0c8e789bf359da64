import { DomainError } from '@guichet/domain';
import type { AssetPage, AssetView } from '@guichet/contracts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireGrant } from '../../http/access.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import * as catalogs from '../catalogs/catalogs.service.ts';
import * as repository from './inventory.repository.ts';

type AssetRow = NonNullable<Awaited<ReturnType<typeof repository.findAsset>>>;

export function toAssetView(row: AssetRow): AssetView {
  return {
    id: row.id,
    contractId: row.contract_id,
    reference: row.reference,
    label: row.label,
    type: row.type,
    site: row.site,
    solution: row.solution,
    attributes: row.attributes,
  };
}

/** The item picker: one page of the contract's items, optionally limited to a catalog's. */
export async function searchAssets(
  deps: Deps,
  auth: AuthContext,
  contractId: string,
  query: {
    q?: string | undefined;
    catalogId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<AssetPage> {
  requireGrant(auth, contractId, 'requests', 'viewer');
  const types = query.catalogId
    ? (await catalogs.catalogForContract(deps, contractId, query.catalogId)).assetTypes
    : undefined;
  const after = query.cursor ? (decodeCursor(query.cursor, 2) as [string, string]) : undefined;
  const { rows, total } = await repository.searchAssets(deps.db, {
    contractId,
    limit: query.limit,
    ...(query.q ? { q: query.q } : {}),
    ...(types ? { types } : {}),
    ...(after ? { after } : {}),
  });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(toAssetView),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.reference, last.id]) : null,
    total,
  };
}

/** An item the caller may see, or 404 (also for another customer's item). */
export async function getAsset(deps: Deps, auth: AuthContext, assetId: string): Promise<AssetRow> {
  const asset = await repository.findAsset(deps.db, assetId);
  if (!asset || !auth.grants.some((grant) => grant.contractId === asset.contract_id)) {
    throw new DomainError('not_found', 'Inventory item not found');
  }
  requireGrant(auth, asset.contract_id, 'requests', 'viewer');
  return asset;
}

/** The item, checked to belong to `contractId`; 404 otherwise. */
export async function assetOfContract(
  deps: Deps,
  contractId: string,
  assetId: string,
): Promise<AssetRow> {
  const asset = await repository.findAsset(deps.db, assetId);
  if (!asset || asset.contract_id !== contractId) {
    throw new DomainError('not_found', 'Inventory item not found', [
      { path: 'assetId', message: 'This item is not part of the contract' },
    ]);
  }
  return asset;
}
