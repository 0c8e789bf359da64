import { DomainError } from '@guichet/domain';
import type { AssetPage, AssetView } from '@guichet/contracts';
import type { Db } from '@guichet/db';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireGrant } from '../../http/access.ts';
import { keysetOf, keysetPage } from '../../lib/cursor.ts';
import { omitEmpty } from '../../lib/omit-empty.ts';
import * as catalogs from '../catalogs/catalogs.service.ts';
import * as repository from './inventory.repository.ts';
import type { AssetSearch } from './inventory.repository.ts';
import { ItemIndex, countedMatches, indexItems, itemIdAt, scanItems } from './item-index.ts';
import type { IndexedItems } from './item-index.ts';

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
    retiredAt: row.retired_at?.toISOString() ?? null,
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
  const { rows, total } = await searchItems(deps.db, {
    contractId,
    limit: query.limit,
    ...omitEmpty({ q: query.q, types, after: keysetOf(query.cursor) }),
  });
  return {
    ...keysetPage(rows, query.limit, toAssetView, (last) => [last.reference, last.id]),
    total,
  };
}

/**
 * Items held per process for the item picker (decision 0011): contracts of more than 2 000
 * items, at most this many items in all (about 100 bytes each: 40 MB), least recently searched out.
 */
const indexedItemsCapacity = 400_000;
const itemIndexes = new WeakMap<Db, ItemIndex>();

/** The process's item index for this database (`capacity`: when first asked, for tests). */
export function itemIndexOf(db: Db, capacity = indexedItemsCapacity): ItemIndex {
  let index = itemIndexes.get(db);
  if (!index) itemIndexes.set(db, (index = new ItemIndex(capacity)));
  return index;
}

async function loadItems(db: Db, index: ItemIndex, contractId: string) {
  return index.load(contractId, async () =>
    indexItems(contractId, await repository.readIndexedItems(db, contractId)),
  );
}

type Found = Awaited<ReturnType<typeof repository.searchLargeContract>>;

/** The page from the item index, or why it cannot answer. */
async function searchIndexed(
  db: Db,
  items: IndexedItems,
  filter: AssetSearch,
): Promise<Found | 'stale' | 'unknown_cursor'> {
  const scan = scanItems(items, filter);
  if (scan === null) return 'unknown_cursor';
  const ids = scan.page.map((position) => itemIdAt(items, position));
  const { version, assets } = await repository.findIndexedAssets(db, items.contractId, ids);
  const byId = new Map(assets.map((asset) => [asset.id, asset]));
  const rows = ids.map((id) => byId.get(id));
  if (version !== items.version || rows.some((row) => row === undefined)) return 'stale';
  return { rows: rows as Found['rows'], total: scan.total };
}

/**
 * Small contracts are searched in PostgreSQL; large ones in the process's item index,
 * loaded at their first search and again when their items have changed since. The index
 * never answers from changed items: the page is read with the contract's version.
 */
async function searchItems(db: Db, filter: AssetSearch): Promise<Found> {
  const index = itemIndexOf(db);
  let items = index.get(filter.contractId);
  if (!items) {
    const probe = await repository.probeAssets(db, filter);
    if (!probe.isLarge || index.refuses(filter.contractId)) {
      return searchInDatabase(db, filter, probe);
    }
    items = (await loadItems(db, index, filter.contractId)) ?? undefined;
    if (!items) return searchInDatabase(db, filter, probe);
  }
  let found = await searchIndexed(db, items, filter);
  if (found === 'stale') {
    // a search running alongside may have loaded them again already
    let fresh: IndexedItems | null | undefined = index.get(filter.contractId);
    if (fresh === items || fresh === undefined) {
      index.drop(filter.contractId);
      fresh = await loadItems(db, index, filter.contractId);
    }
    if (fresh) found = await searchIndexed(db, fresh, filter);
  }
  if (typeof found !== 'string') return found;
  return searchInDatabase(db, filter, await repository.probeAssets(db, filter));
}

/** A small contract's page comes with the probe; a large one's takes the trigram path. */
async function searchInDatabase(
  db: Db,
  filter: AssetSearch,
  probe: repository.AssetProbe,
): Promise<Found> {
  return probe.isLarge
    ? repository.searchLargeContract(db, filter, probe.matched)
    : { rows: probe.page, total: Math.min(probe.matched, countedMatches) };
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

/** The item, checked to belong to `contractId` and to be held (not retired); 404 otherwise. */
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
  if (asset.retired_at !== null) {
    throw new DomainError('not_found', 'Inventory item retired', [
      {
        path: 'assetId',
        rule: 'retired',
        message: 'This item was retired from the inventory: no new request may name it',
      },
    ]);
  }
  return asset;
}
