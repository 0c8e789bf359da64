import type { Db, InventorySyncRunsTable, RowOf } from '@guichet/db';
import { sql } from 'kysely';

/** One item line as it goes to the database (`isValid` false: refused, kept for its key). */
export interface ItemRow {
  line: number;
  isValid: boolean;
  id: string;
  contractId: string;
  reference: string;
  label: string;
  type: string;
  site: string | null;
  solution: string | null;
  attributes: Record<string, unknown>;
}

/**
 * One sync at a time across every process: two runs interleaving their writes on the same
 * contracts could deadlock, and a `full` run must retire against a stable set.
 */
export async function lockSync(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(72917316)`.execute(db);
  // A run's statements are batches, but the retirement reads every item of the contracts.
  await sql`SET LOCAL statement_timeout = '10min'`.execute(db);
}

/**
 * The keys the file held so far live in PostgreSQL, not in the process: duplicates across a
 * million lines and the `full` retirement are answered there. Dropped with the transaction.
 */
export async function createSeenKeys(db: Db): Promise<void> {
  await sql`CREATE TEMPORARY TABLE inventory_sync_seen (
    contract_id text NOT NULL,
    reference text NOT NULL,
    line integer NOT NULL,
    PRIMARY KEY (contract_id, reference)
  ) ON COMMIT DROP`.execute(db);
}

export async function listAssetTypes(db: Db) {
  return db.selectFrom('asset_types').select(['type', 'attributes_schema']).execute();
}

/** Which of these contract ids exist. */
export async function existingContracts(db: Db, ids: string[]): Promise<string[]> {
  const rows = await db.selectFrom('contracts').select('id').where('id', 'in', ids).execute();
  return rows.map((row) => row.id);
}

/**
 * Writes one batch in one statement: its keys join the file's seen keys (a key seen before is
 * a duplicate, not written), and its valid new keys are inserted or updated by (contract,
 * reference) — an item whose fields are all the same is not rewritten. Every write goes
 * through `assets`, so its triggers move the contracts' item versions (migration 0011).
 */
export async function writeBatch(
  db: Db,
  rows: ItemRow[],
): Promise<{ created: number; updated: number; duplicates: number[] }> {
  const input = JSON.stringify(
    rows.map((row) => ({
      line: row.line,
      is_valid: row.isValid,
      id: row.id,
      contract_id: row.contractId,
      reference: row.reference,
      label: row.label,
      type: row.type,
      site: row.site,
      solution: row.solution,
      attributes: row.attributes,
    })),
  );
  const { rows: result } = await sql<{ created: string; updated: string; duplicates: number[] }>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS x(
        line integer, is_valid boolean, id uuid, contract_id text, reference text, label text,
        type text, site text, solution text, attributes jsonb)
    ),
    fresh AS (
      INSERT INTO inventory_sync_seen (contract_id, reference, line)
      SELECT contract_id, reference, line FROM input ORDER BY line
      ON CONFLICT DO NOTHING
      RETURNING line
    ),
    -- Read first: an unchanged item is then neither locked nor written (ON CONFLICT would
    -- lock its row even when its WHERE finds nothing to change).
    changed AS (
      SELECT input.* FROM input
      JOIN fresh ON fresh.line = input.line
      LEFT JOIN assets held
        ON held.contract_id = input.contract_id AND held.reference = input.reference
      WHERE input.is_valid
        AND (held.id IS NULL
          OR (held.label, held.type, held.site, held.solution, held.attributes, held.retired_at)
            IS DISTINCT FROM (input.label, input.type, input.site, input.solution,
              input.attributes, NULL))
    ),
    written AS (
      INSERT INTO assets AS current (id, contract_id, reference, label, type, site, solution, attributes)
      SELECT id, contract_id, reference, label, type, site, solution, attributes
      FROM changed
      ORDER BY contract_id, reference
      ON CONFLICT (contract_id, reference) DO UPDATE SET
        label = excluded.label, type = excluded.type, site = excluded.site,
        solution = excluded.solution, attributes = excluded.attributes, retired_at = NULL
      WHERE (current.label, current.type, current.site, current.solution, current.attributes,
             current.retired_at)
        IS DISTINCT FROM (excluded.label, excluded.type, excluded.site, excluded.solution,
             excluded.attributes, NULL)
      RETURNING xmax = 0 AS is_new
    )
    SELECT
      (SELECT count(*) FILTER (WHERE is_new) FROM written) AS created,
      (SELECT count(*) FILTER (WHERE NOT is_new) FROM written) AS updated,
      array(SELECT line FROM input
            WHERE is_valid AND NOT EXISTS (SELECT FROM fresh WHERE fresh.line = input.line)
            ORDER BY line) AS duplicates`.execute(db);
  const counts = result[0];
  if (!counts) throw new Error('no row from the batch statement');
  return {
    created: Number(counts.created),
    updated: Number(counts.updated),
    duplicates: counts.duplicates,
  };
}

/** `full`: retires the held items of these contracts that the file did not name. */
export async function retireUnseen(db: Db, contractIds: string[], at: Date): Promise<number> {
  if (contractIds.length === 0) return 0;
  await sql`ANALYZE inventory_sync_seen`.execute(db);
  const result = await sql`
    UPDATE assets SET retired_at = ${at}
    WHERE contract_id = ANY(${contractIds}::text[]) AND retired_at IS NULL
      AND NOT EXISTS (SELECT FROM inventory_sync_seen seen
                      WHERE seen.contract_id = assets.contract_id
                        AND seen.reference = assets.reference)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export type RunRow = Omit<InventorySyncRunsTable, 'errors'> & {
  errors: { line: number; path: string; code: string; message: string }[];
};

export async function insertRun(db: Db, run: RunRow): Promise<void> {
  await db
    .insertInto('inventory_sync_runs')
    .values({ ...run, errors: JSON.stringify(run.errors) })
    .execute();
}

function runsQuery(db: Db) {
  return db
    .selectFrom('inventory_sync_runs as runs')
    .leftJoin('users', 'users.id', 'runs.actor_id')
    .selectAll('runs')
    .select('users.display_name as actor_name');
}

export type StoredRun = RowOf<typeof runsQuery>;

/** Runs newest first, after the cursor's (started_at, id). */
export async function listRuns(
  db: Db,
  filter: { before?: [string, string]; limit: number },
): Promise<StoredRun[]> {
  const before = filter.before;
  return runsQuery(db)
    .$if(before !== undefined, (query) =>
      query.where(
        sql<boolean>`(runs.started_at, runs.id) < (${before?.[0] ?? null}::timestamptz, ${before?.[1] ?? null}::uuid)`,
      ),
    )
    .orderBy('runs.started_at', 'desc')
    .orderBy('runs.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

export async function findRun(db: Db, id: string): Promise<StoredRun | undefined> {
  return runsQuery(db).where('runs.id', '=', id).executeTakeFirst();
}
