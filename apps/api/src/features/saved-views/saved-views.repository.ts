import type { Db, RowOf } from '@guichet/db';

export type Surface = 'requests' | 'queue';

function viewQuery(db: Db) {
  return db
    .selectFrom('saved_views')
    .innerJoin('users as owner', 'owner.id', 'saved_views.owner_id')
    .select([
      'saved_views.id',
      'saved_views.owner_id',
      'saved_views.surface',
      'saved_views.customer_id',
      'saved_views.name',
      'saved_views.params',
      'saved_views.shared_contract_id',
      'saved_views.is_shared',
      'saved_views.created_at',
      'saved_views.updated_at',
      'owner.display_name as owner_name',
    ]);
}

export type SavedViewRow = RowOf<typeof viewQuery>;

/** Who may see which views: their own (in a perimeter, for a customer) and those shared with them. */
export interface ViewAudience {
  surface: Surface;
  userId: string;
  /** A customer's perimeter; null for an operator. */
  customerId: string | null;
  /** A customer's: the contracts whose requests they read (views shared there are theirs too). */
  readableContractIds: readonly string[];
  /** An operator's: the views shared with every operator. */
  seesOperatorsShared: boolean;
}

function visibleTo(query: ReturnType<typeof viewQuery>, audience: ViewAudience) {
  return query
    .where('saved_views.surface', '=', audience.surface)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('saved_views.owner_id', '=', audience.userId),
          audience.customerId === null
            ? eb('saved_views.customer_id', 'is', null)
            : eb('saved_views.customer_id', '=', audience.customerId),
        ]),
        ...(audience.readableContractIds.length > 0
          ? [
              eb(
                'saved_views.shared_contract_id',
                '=',
                eb.fn.any(eb.val(audience.readableContractIds)),
              ),
            ]
          : []),
        ...(audience.seesOperatorsShared ? [eb('saved_views.is_shared', '=', true)] : []),
      ]),
    );
}

export async function listViews(db: Db, audience: ViewAudience) {
  return visibleTo(viewQuery(db), audience)
    .orderBy('saved_views.name')
    .orderBy('saved_views.id')
    .limit(500)
    .execute();
}

export async function findVisibleView(db: Db, audience: ViewAudience, id: string) {
  return visibleTo(viewQuery(db), audience).where('saved_views.id', '=', id).executeTakeFirst();
}

export interface NewView {
  ownerId: string;
  surface: Surface;
  customerId: string | null;
  name: string;
  params: Record<string, string>;
  sharedContractId: string | null;
  isShared: boolean;
  at: Date;
}

export async function insertView(db: Db, view: NewView): Promise<string> {
  const row = await db
    .insertInto('saved_views')
    .values({
      owner_id: view.ownerId,
      surface: view.surface,
      customer_id: view.customerId,
      name: view.name,
      params: JSON.stringify(view.params),
      shared_contract_id: view.sharedContractId,
      is_shared: view.isShared,
      created_at: view.at,
      updated_at: view.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ViewChanges {
  name?: string;
  params?: Record<string, string>;
  sharedContractId?: string | null;
  isShared?: boolean;
  at: Date;
}

/** Changes the owner's view; false when it is not theirs (or no longer there). */
export async function updateView(
  db: Db,
  ownerId: string,
  id: string,
  changes: ViewChanges,
): Promise<boolean> {
  const result = await db
    .updateTable('saved_views')
    .set({
      updated_at: changes.at,
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.params !== undefined ? { params: JSON.stringify(changes.params) } : {}),
      ...(changes.sharedContractId !== undefined
        ? { shared_contract_id: changes.sharedContractId }
        : {}),
      ...(changes.isShared !== undefined ? { is_shared: changes.isShared } : {}),
    })
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteView(db: Db, ownerId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('saved_views')
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
