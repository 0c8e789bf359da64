import type { Database, Db } from '@guichet/db';
import { sql } from 'kysely';
import type { ExpressionBuilder, SqlBool } from 'kysely';
import { containsPattern } from '../../lib/cursor.ts';
import { betweenFields, countedMatches } from './item-index.ts';
import type { ItemRecord } from './item-index.ts';

const assetColumns = [
  'assets.id',
  'assets.contract_id',
  'assets.reference',
  'assets.label',
  'assets.type',
  'assets.site',
  'assets.solution',
  'assets.attributes',
  'assets.retired_at',
] as const;

/** Contracts with fewer items than this are searched by reading all their index entries. */
const smallContract = 2000;

export interface AssetSearch {
  contractId: string;
  q?: string;
  types?: string[];
  after?: [string, string];
  limit: number;
}

export interface AssetProbe {
  /** The contract has more than 2000 items (of the searched types). */
  isLarge: boolean;
  matched: number;
  /** A small contract's page (one more item when there are more). */
  page: AssetRecord[];
}

/**
 * How the item picker's search matches `q` in an item's reference or label, in PostgreSQL.
 *
 * Small contracts (most of them) are read whole from the covering index (contract_id,
 * reference, id) INCLUDE (label, type): a few thousand index entries, no table row, whatever
 * `q` is. Large ones (when the item index cannot hold them, decision 0011) go through the
 * (contract_id, trigrams) GIN index. The planner cannot tell the two apart (it prices a
 * trigram scan as cheap, and it is not when `q` holds common trigrams such as a contract
 * number: 15 ms on a 300-item contract), so the small path writes the match as
 * `lower(x) LIKE lower(p)`, which is what ILIKE computes but which the GIN index does not
 * serve.
 */
function searchParts(db: Db, filter: AssetSearch) {
  const pattern = filter.q ? containsPattern(filter.q) : null;
  const types = filter.types ? (filter.types.length > 0 ? filter.types : ['']) : null;
  const scoped = db
    .selectFrom('assets')
    .where('assets.contract_id', '=', filter.contractId)
    .where('assets.retired_at', 'is', null)
    .$if(types !== null, (query) => query.where('assets.type', 'in', types ?? []));
  const matches = (eb: ExpressionBuilder<Database, 'assets'>, isSmall: boolean) => {
    if (pattern === null) return eb.lit(true);
    if (isSmall) {
      const like = eb.fn<string>('lower', [eb.val(pattern)]);
      return eb.or([
        eb(eb.fn('lower', ['assets.reference']), 'like', like),
        eb(eb.fn('lower', ['assets.label']), 'like', like),
      ]);
    }
    return eb.or([eb('assets.reference', 'ilike', pattern), eb('assets.label', 'ilike', pattern)]);
  };
  return { scoped, matches };
}

/**
 * Reads up to 2 001 of the contract's index entries, once: small or large, the matches and,
 * for a small contract, the page (one statement: the page of a small contract is never
 * read twice).
 */
export async function probeAssets(db: Db, filter: AssetSearch): Promise<AssetProbe> {
  const rows = await probeQuery(db, filter).execute();
  const counts = rows[0];
  if (!counts) throw new Error('no row from an aggregate');
  return {
    isLarge: Number(counts.scanned) > smallContract,
    matched: Number(counts.matched),
    page: rows.flatMap(({ scanned: _, matched: __, ...row }) =>
      row.id === null ? [] : [row as AssetRecord],
    ),
  };
}

/** The statement of `probeAssets`, not run (the SQL snapshot prints it). */
export function probeQuery(db: Db, filter: AssetSearch) {
  const { scoped, matches } = searchParts(db, filter);
  const after = filter.after;
  return db
    .with(
      (cte) => cte('scoped').materialized(),
      () =>
        scoped
          .select((eb) => ['assets.id', 'assets.reference', matches(eb, true).as('is_match')])
          .orderBy('assets.reference')
          .orderBy('assets.id')
          .limit(smallContract + 1),
    )
    .selectFrom((eb) =>
      eb
        .selectFrom('scoped')
        .select((inner) => [
          inner.fn.countAll<string>().as('scanned'),
          inner.fn.countAll<string>().filterWhere('scoped.is_match', '=', true).as('matched'),
        ])
        .as('counts'),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('scoped')
          .select(['scoped.id', 'scoped.reference'])
          .where('scoped.is_match', '=', true)
          .$if(after !== undefined, (query) =>
            query.where(
              sql<SqlBool>`(scoped.reference, scoped.id) > (${after?.[0] ?? ''}, ${after?.[1] ?? null}::uuid)`,
            ),
          )
          .orderBy('scoped.reference')
          .orderBy('scoped.id')
          .limit(filter.limit + 1)
          .as('hit'),
      (join) => join.onTrue(),
    )
    .leftJoin('assets', 'assets.id', 'hit.id')
    .select(['counts.scanned', 'counts.matched', ...assetColumns])
    .orderBy('hit.reference')
    .orderBy('hit.id');
}

/**
 * A large contract's page in PostgreSQL, in reference order, with its matches counted up to
 * 1001 (`matched`: what the probe counted in the contract's first 2 001 entries).
 */
export async function searchLargeContract(db: Db, filter: AssetSearch, matched: number) {
  const { scoped, matches } = searchParts(db, filter);
  const afterCursor = sql<SqlBool>`(matches.reference, matches.id) > (${filter.after?.[0] ?? ''}, ${filter.after?.[1] ?? null}::uuid)`;

  // Known from the probe when it saw more than 1000 already.
  let total: number | null = matched > 1000 ? countedMatches : null;
  if (total === null) {
    // A large contract with no sign yet of more than 1000 matches: take them all (up to
    // 1001) in one pass of the trigram index and, when they are the whole set, the page from
    // them; walking the contract in reference order could skip tens of thousands of items
    // when the matches sort last.
    const found = await db
      .with(
        (cte) => cte('matches').materialized(),
        () =>
          scoped
            .select(['assets.id', 'assets.reference'])
            .where((eb) => matches(eb, false))
            .limit(countedMatches),
      )
      .selectFrom('matches')
      .innerJoin('assets', 'assets.id', 'matches.id')
      .select([...assetColumns, sql<string>`(SELECT count(*) FROM matches)`.as('matched')])
      .$if(filter.after !== undefined, (query) => query.where(afterCursor))
      .orderBy('matches.reference')
      .orderBy('matches.id')
      .limit(filter.limit + 1)
      .execute();
    const all = found[0] ? Number(found[0].matched) : null;
    if (all !== null && all <= 1000) {
      return { rows: found.map(({ matched: _, ...row }) => row), total: all };
    }
    if (all === null && filter.after === undefined) return { rows: [], total: 0 };
    // More than 1000 (walk below), or a cursor past the last match (count them again).
    total =
      all ??
      (
        await scoped
          .select(sql<number>`1`.as('one'))
          .where((eb) => matches(eb, false))
          .limit(countedMatches)
          .execute()
      ).length;
  }

  // More than 1000 matches (dense enough to fill a page quickly): walk the covering index in
  // reference order.
  const page = db
    .selectFrom(
      scoped
        .select(['assets.id', 'assets.reference'])
        .where((eb) => matches(eb, false))
        .as('matches'),
    )
    .select(['matches.id', 'matches.reference'])
    .$if(filter.after !== undefined, (query) => query.where(afterCursor))
    .orderBy('matches.reference')
    .orderBy('matches.id')
    .limit(filter.limit + 1);
  const rows = await db
    .selectFrom(page.as('hit'))
    .innerJoin('assets', 'assets.id', 'hit.id')
    .select(assetColumns)
    .orderBy('assets.reference')
    .orderBy('assets.id')
    .execute();
  return { rows, total };
}

/** The version of a contract's items (`asset_versions`, migration 0011); 0 before any write. */
const itemsVersion = (contractId: string) =>
  sql<string>`coalesce((SELECT version FROM asset_versions WHERE contract_id = ${contractId}), 0)::text`;

/**
 * A contract's items for the process's item index (decision 0011), in reference order, each
 * with the version of the contract's items this statement saw (one statement, one snapshot).
 */
export async function readIndexedItems(db: Db, contractId: string): Promise<ItemRecord[]> {
  const { rows } = await sql<ItemRecord>`
    SELECT ${itemsVersion(contractId)} AS version,
           id::text || type AS key,
           reference || ${betweenFields} || label AS text
    FROM assets WHERE contract_id = ${contractId} AND retired_at IS NULL
    ORDER BY reference, id`.execute(db);
  return rows;
}

type AssetRecord = NonNullable<Awaited<ReturnType<typeof findAsset>>>;

/**
 * The items of a page found in the item index, read in the same statement (one snapshot) as
 * their contract's current version: when it is not the index's, the page must not be used.
 */
export async function findIndexedAssets(
  db: Db,
  contractId: string,
  ids: string[],
): Promise<{ version: string; assets: AssetRecord[] }> {
  const { rows } = await sql<
    { version: string } & { [K in keyof AssetRecord]: AssetRecord[K] | null }
  >`
    SELECT current.version, ${sql.join(assetColumns.map((column) => sql.ref(column)))}
    FROM (SELECT ${itemsVersion(contractId)} AS version) current
    LEFT JOIN assets ON assets.id = ANY(${ids}::uuid[]) AND assets.contract_id = ${contractId}`.execute(
    db,
  );
  return {
    version: rows[0]?.version ?? '0',
    assets: rows.filter((row): row is { version: string } & AssetRecord => row.id !== null),
  };
}

export async function findAsset(db: Db, id: string) {
  return db
    .selectFrom('assets')
    .select(assetColumns)
    .where('assets.id', '=', id)
    .executeTakeFirst();
}
