import type { ChangePeriodKind, Interval, RequestStatus } from '@guichet/domain';
import type { Db } from '@guichet/db';

export interface ChangePeriodRow {
  id: string;
  kind: ChangePeriodKind;
  label: string;
  offer: string | null;
  region: string | null;
  starts_at: Date;
  ends_at: Date;
  updated_at: Date;
  version: number;
}

const periodColumns = [
  'id',
  'kind',
  'label',
  'offer',
  'region',
  'starts_at',
  'ends_at',
  'updated_at',
  'version',
] as const;

/** The periods still running at `after` (all of them with null), by start. */
export async function listPeriods(
  db: Db,
  filter: { kind?: ChangePeriodKind; endingAfter: Date | null; startingBefore?: Date },
): Promise<ChangePeriodRow[]> {
  let query = db.selectFrom('change_periods').select(periodColumns);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.endingAfter) query = query.where('ends_at', '>', filter.endingAfter);
  if (filter.startingBefore) query = query.where('starts_at', '<', filter.startingBefore);
  return query.orderBy('starts_at').orderBy('id').limit(1000).execute();
}

export async function findPeriod(db: Db, id: string): Promise<ChangePeriodRow | undefined> {
  return db
    .selectFrom('change_periods')
    .select(periodColumns)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface PeriodWrite {
  kind: ChangePeriodKind;
  label: string;
  offer: string | null;
  region: string | null;
  startsAt: Date;
  endsAt: Date;
}

/** The columns a period's author writes, at its creation and each edit alike. */
function periodRow(period: PeriodWrite) {
  return {
    kind: period.kind,
    label: period.label,
    offer: period.offer,
    region: period.region,
    starts_at: period.startsAt,
    ends_at: period.endsAt,
  };
}

export async function insertPeriod(
  db: Db,
  period: PeriodWrite & { id: string; createdBy: string; at: Date },
): Promise<void> {
  await db
    .insertInto('change_periods')
    .values({
      id: period.id,
      ...periodRow(period),
      created_by: period.createdBy,
      created_at: period.at,
      updated_at: period.at,
    })
    .execute();
}

/** Rewrites a period if it still has `expectedVersion`; false otherwise. */
export async function updatePeriod(
  db: Db,
  id: string,
  period: PeriodWrite & { expectedVersion: number; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('change_periods')
    .set((eb) => ({
      ...periodRow(period),
      updated_at: period.at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', period.expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function deletePeriod(db: Db, id: string): Promise<ChangePeriodRow | undefined> {
  return db
    .deleteFrom('change_periods')
    .where('id', '=', id)
    .returning(periodColumns)
    .executeTakeFirst();
}

/** The window the customer asked (null: none), kept beside the request. */
export async function saveAskedWindow(
  db: Db,
  requestId: string,
  window: Interval | null,
): Promise<void> {
  const asked = {
    asked_starts_at: window?.startsAt ?? null,
    asked_ends_at: window?.endsAt ?? null,
  };
  if (window === null) {
    await db
      .updateTable('request_windows')
      .set(asked)
      .where('request_id', '=', requestId)
      .execute();
    return;
  }
  await db
    .insertInto('request_windows')
    .values({ request_id: requestId, ...asked })
    .onConflict((oc) => oc.column('request_id').doUpdateSet(asked))
    .execute();
}

export async function savePlannedWindow(
  db: Db,
  requestId: string,
  window: Interval,
): Promise<void> {
  const planned = { planned_starts_at: window.startsAt, planned_ends_at: window.endsAt };
  await db
    .insertInto('request_windows')
    .values({ request_id: requestId, asked_starts_at: null, asked_ends_at: null, ...planned })
    .onConflict((oc) => oc.column('request_id').doUpdateSet(planned))
    .execute();
}

/** A request's windows with its contract's time zone and what scopes its periods. */
export async function findRequestWindows(db: Db, requestId: string) {
  return db
    .selectFrom('requests as r')
    .innerJoin('contracts as c', 'c.id', 'r.contract_id')
    .leftJoin('request_windows as w', 'w.request_id', 'r.id')
    .leftJoin('assets as a', 'a.id', 'r.asset_id')
    .select([
      'c.time_zone',
      'c.offer',
      'a.site',
      'a.attributes',
      'w.asked_starts_at',
      'w.asked_ends_at',
      'w.planned_starts_at',
      'w.planned_ends_at',
    ])
    .where('r.id', '=', requestId)
    .executeTakeFirst();
}

/** What scopes the periods of a change on this item: its contract's offer, its site and region. */
export async function findItemScope(db: Db, assetId: string) {
  return db
    .selectFrom('assets as a')
    .innerJoin('contracts as c', 'c.id', 'a.contract_id')
    .select(['c.offer', 'c.time_zone', 'a.site', 'a.attributes'])
    .where('a.id', '=', assetId)
    .executeTakeFirst();
}

/**
 * The other open requests on an item that have a window (planned, else asked) ending after
 * `after`, with their contract's time zone.
 */
export async function windowedRequestsOnAsset(
  db: Db,
  filter: { assetId: string; statuses: readonly RequestStatus[]; exceptId?: string; after: Date },
) {
  let query = db
    .selectFrom('request_windows as w')
    .innerJoin('requests as r', 'r.id', 'w.request_id')
    .innerJoin('contracts as c', 'c.id', 'r.contract_id')
    .select((eb) => [
      'r.id',
      'r.number',
      'r.status',
      'c.time_zone',
      eb.fn.coalesce('w.planned_starts_at', 'w.asked_starts_at').as('starts_at'),
      eb.fn.coalesce('w.planned_ends_at', 'w.asked_ends_at').as('ends_at'),
    ])
    .$narrowType<{ status: RequestStatus }>()
    .where('r.asset_id', '=', filter.assetId)
    .where('r.status', 'in', filter.statuses)
    .where((eb) => eb.fn.coalesce('w.planned_ends_at', 'w.asked_ends_at'), '>', filter.after);
  if (filter.exceptId) query = query.where('r.id', '<>', filter.exceptId);
  return query.orderBy('r.issued_at').limit(50).execute();
}
