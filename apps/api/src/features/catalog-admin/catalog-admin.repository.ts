import { sql } from 'kysely';
import type { Db, RowOf } from '@guichet/db';

/** The write side of the catalogs: what catalog managers shape (the customers' read side is features/catalogs). */

const catalogColumns = [
  'id',
  'code',
  'name_fr',
  'name_en',
  'help_fr',
  'help_en',
  'asset_types',
  'offers',
  'contract_ids',
  'position',
] as const;

export async function listCatalogs(db: Db) {
  return db
    .selectFrom('catalogs')
    .select(catalogColumns)
    .orderBy('position')
    .orderBy('code')
    .execute();
}

export async function findCatalog(db: Db, id: string) {
  return db.selectFrom('catalogs').select(catalogColumns).where('id', '=', id).executeTakeFirst();
}

export async function findCatalogByCode(db: Db, code: string) {
  return db
    .selectFrom('catalogs')
    .select(catalogColumns)
    .where('code', '=', code)
    .executeTakeFirst();
}

export type CatalogRow = NonNullable<Awaited<ReturnType<typeof findCatalog>>>;

export interface CatalogWrite {
  code: string;
  nameFr: string;
  nameEn: string;
  helpFr: string | null;
  helpEn: string | null;
  assetTypes: string[];
  offers: string[];
  contractIds: string[];
  position: number;
}

/** Inserts a catalog; false when its code is taken (nothing written). */
export async function insertCatalog(
  db: Db,
  id: string,
  catalog: CatalogWrite,
  at: Date,
): Promise<boolean> {
  const inserted = await db
    .insertInto('catalogs')
    .values({
      id,
      code: catalog.code,
      name_fr: catalog.nameFr,
      name_en: catalog.nameEn,
      help_fr: catalog.helpFr,
      help_en: catalog.helpEn,
      asset_types: catalog.assetTypes,
      offers: catalog.offers,
      contract_ids: catalog.contractIds,
      position: catalog.position,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateCatalog(
  db: Db,
  id: string,
  catalog: Omit<CatalogWrite, 'code'>,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('catalogs')
    .set({
      name_fr: catalog.nameFr,
      name_en: catalog.nameEn,
      help_fr: catalog.helpFr,
      help_en: catalog.helpEn,
      asset_types: catalog.assetTypes,
      offers: catalog.offers,
      contract_ids: catalog.contractIds,
      position: catalog.position,
      updated_at: at,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

const categoryColumns = [
  'id',
  'catalog_id',
  'code',
  'name_fr',
  'name_en',
  'help_fr',
  'help_en',
  'position',
] as const;

export async function listCategories(db: Db, catalogIds?: readonly string[]) {
  if (catalogIds?.length === 0) return [];
  let query = db.selectFrom('categories').select(categoryColumns);
  if (catalogIds) query = query.where('catalog_id', 'in', catalogIds);
  return query.orderBy('position').orderBy('code').execute();
}

export async function findCategory(db: Db, id: string) {
  return db
    .selectFrom('categories')
    .select(categoryColumns)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface CategoryWrite {
  code: string;
  nameFr: string;
  nameEn: string;
  helpFr: string | null;
  helpEn: string | null;
  position: number;
}

export async function insertCategory(
  db: Db,
  id: string,
  catalogId: string,
  category: CategoryWrite,
): Promise<boolean> {
  const inserted = await db
    .insertInto('categories')
    .values({
      id,
      catalog_id: catalogId,
      code: category.code,
      name_fr: category.nameFr,
      name_en: category.nameEn,
      help_fr: category.helpFr,
      help_en: category.helpEn,
      position: category.position,
    })
    .onConflict((oc) => oc.columns(['catalog_id', 'code']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateCategory(
  db: Db,
  id: string,
  category: Omit<CategoryWrite, 'code'>,
): Promise<void> {
  await db
    .updateTable('categories')
    .set({
      name_fr: category.nameFr,
      name_en: category.nameEn,
      help_fr: category.helpFr,
      help_en: category.helpEn,
      position: category.position,
    })
    .where('id', '=', id)
    .execute();
}

const articleColumns = [
  'articles.id',
  'articles.catalog_id',
  'articles.category_id',
  'articles.code',
  'articles.position',
  'articles.current_version_id',
  'articles.draft',
  'articles.draft_revision',
  'articles.draft_updated_at',
  'catalogs.code as catalog_code',
  'draft_author.display_name as draft_updated_by_name',
  'current.version as current_version',
  'current.name_fr as current_name_fr',
  'current.name_en as current_name_en',
  'current.help_fr as current_help_fr',
  'current.help_en as current_help_en',
  'current.billing_mode as current_billing_mode',
  'current.price_tokens as current_price_tokens',
  'current.form as current_form',
] as const;

function articlesQuery(db: Db) {
  return db
    .selectFrom('articles')
    .innerJoin('catalogs', 'catalogs.id', 'articles.catalog_id')
    .leftJoin('article_versions as current', 'current.id', 'articles.current_version_id')
    .leftJoin('users as draft_author', 'draft_author.id', 'articles.draft_updated_by')
    .select(articleColumns);
}

export type ArticleRow = RowOf<typeof articlesQuery>;

export async function listArticles(db: Db, catalogIds?: readonly string[]) {
  if (catalogIds?.length === 0) return [];
  let query = articlesQuery(db);
  if (catalogIds) query = query.where('articles.catalog_id', 'in', catalogIds);
  return query.orderBy('articles.position').orderBy('articles.code').execute();
}

export async function findArticle(db: Db, id: string) {
  return articlesQuery(db).where('articles.id', '=', id).executeTakeFirst();
}

/** The article's row, locked until the transaction ends (drafts and publishing). */
export async function lockArticle(db: Db, id: string) {
  return db
    .selectFrom('articles')
    .select(['id', 'draft_revision', 'current_version_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertArticle(
  db: Db,
  article: {
    id: string;
    catalogId: string;
    categoryId: string | null;
    code: string;
    position: number;
    draft: Record<string, unknown> | null;
    userId: string | null;
    at: Date;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('articles')
    .values({
      id: article.id,
      catalog_id: article.catalogId,
      category_id: article.categoryId,
      code: article.code,
      position: article.position,
      draft: article.draft === null ? null : JSON.stringify(article.draft),
      draft_updated_at: article.draft === null ? null : article.at,
      draft_updated_by: article.draft === null ? null : article.userId,
      created_at: article.at,
    })
    .onConflict((oc) => oc.columns(['catalog_id', 'code']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updatePlacement(
  db: Db,
  id: string,
  placement: { categoryId: string | null; position: number },
): Promise<void> {
  await db
    .updateTable('articles')
    .set({ category_id: placement.categoryId, position: placement.position })
    .where('id', '=', id)
    .execute();
}

/** Writes (or clears) the draft if it still has `revision`; false when someone saved since. */
export async function writeDraft(
  db: Db,
  change: {
    id: string;
    revision: number;
    draft: Record<string, unknown> | null;
    userId: string;
    at: Date;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set((eb) => ({
      draft: change.draft === null ? null : JSON.stringify(change.draft),
      draft_updated_at: change.draft === null ? null : change.at,
      draft_updated_by: change.draft === null ? null : change.userId,
      draft_revision: eb('draft_revision', '+', 1),
    }))
    .where('id', '=', change.id)
    .where('draft_revision', '=', change.revision)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function nextVersionNumber(db: Db, articleId: string): Promise<number> {
  const row = await db
    .selectFrom('article_versions')
    .select((eb) => eb.fn.max('version').as('last'))
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertVersion(
  db: Db,
  version: {
    id: string;
    articleId: string;
    version: number;
    nameFr: string;
    nameEn: string;
    helpFr: string | null;
    helpEn: string | null;
    billingMode: 'included' | 'counted' | 'quote';
    priceTokens: number;
    form: object;
    jsonSchema: Record<string, unknown>;
    publishedBy: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('article_versions')
    .values({
      id: version.id,
      article_id: version.articleId,
      version: version.version,
      name_fr: version.nameFr,
      name_en: version.nameEn,
      help_fr: version.helpFr,
      help_en: version.helpEn,
      billing_mode: version.billingMode,
      price_tokens: version.priceTokens,
      form: JSON.stringify(version.form),
      json_schema: JSON.stringify(version.jsonSchema),
      published_at: version.at,
      published_by: version.publishedBy,
    })
    .execute();
}

/** Makes `versionId` the one customers get; a pending draft is cleared when asked. */
export async function setCurrentVersion(
  db: Db,
  articleId: string,
  versionId: string,
  options: { clearDraft: boolean },
): Promise<void> {
  await db
    .updateTable('articles')
    .set((eb) => ({
      current_version_id: versionId,
      ...(options.clearDraft
        ? {
            draft: null,
            draft_updated_at: null,
            draft_updated_by: null,
            draft_revision: eb('draft_revision', '+', 1),
          }
        : {}),
    }))
    .where('id', '=', articleId)
    .execute();
}

export async function listVersions(db: Db, articleId: string) {
  return db
    .selectFrom('article_versions')
    .leftJoin('users', 'users.id', 'article_versions.published_by')
    .select([
      'article_versions.id',
      'article_versions.version',
      'article_versions.published_at',
      'users.display_name as published_by_name',
    ])
    .where('article_versions.article_id', '=', articleId)
    .orderBy('article_versions.version', 'desc')
    .execute();
}

export async function findVersion(db: Db, articleId: string, version: number) {
  return db
    .selectFrom('article_versions')
    .leftJoin('users', 'users.id', 'article_versions.published_by')
    .select([
      'article_versions.id',
      'article_versions.article_id',
      'article_versions.version',
      'article_versions.name_fr',
      'article_versions.name_en',
      'article_versions.help_fr',
      'article_versions.help_en',
      'article_versions.billing_mode',
      'article_versions.price_tokens',
      'article_versions.form',
      'article_versions.json_schema',
      'article_versions.published_at',
      'users.display_name as published_by_name',
    ])
    .where('article_versions.article_id', '=', articleId)
    .where('article_versions.version', '=', version)
    .executeTakeFirst();
}

const assetColumns = ['id', 'reference', 'label', 'type', 'contract_id', 'attributes'] as const;

/**
 * A few held items of the given types (any customer's: operators see everything), to
 * preview with. Unordered on purpose: any will do, and sorting every item of a type costs at scale.
 */
export async function sampleAssets(db: Db, types: readonly string[], limit: number) {
  if (types.length === 0) return [];
  return db
    .selectFrom('assets')
    .select(assetColumns)
    .where('type', 'in', types)
    .where('retired_at', 'is', null)
    .limit(limit)
    .execute();
}

export async function findAsset(db: Db, id: string) {
  return db.selectFrom('assets').select(assetColumns).where('id', '=', id).executeTakeFirst();
}

/** Serialises catalog imports (until the transaction ends): each one diffs what it changes. */
export async function lockCatalogImports(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(72917305)`.execute(db);
}

export async function updateCatalogPosition(db: Db, id: string, position: number): Promise<void> {
  await db.updateTable('catalogs').set({ position }).where('id', '=', id).execute();
}

export async function updateCategoryPosition(db: Db, id: string, position: number): Promise<void> {
  await db.updateTable('categories').set({ position }).where('id', '=', id).execute();
}

/** Contracts not ended that get the catalog, by its offers or by name. */
function audienceQuery(db: Db, catalogId: string) {
  return db
    .selectFrom('contracts as c')
    .innerJoin('catalogs as cat', (join) =>
      join
        .on('cat.id', '=', catalogId)
        .on((eb) =>
          eb.or([
            eb('c.offer', '=', eb.fn.any('cat.offers')),
            eb('c.id', '=', eb.fn.any('cat.contract_ids')),
          ]),
        ),
    )
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .where('c.status', '!=', 'ended');
}

/** How many contracts and customers see the catalog, and the first `limit` contracts by customer. */
export async function catalogAudience(db: Db, catalogId: string, limit: number) {
  const [counts, contracts] = await Promise.all([
    audienceQuery(db, catalogId)
      .select((eb) => [
        eb.fn.countAll<string>().as('contract_count'),
        sql<string>`count(DISTINCT c.customer_id)`.as('customer_count'),
      ])
      .executeTakeFirstOrThrow(),
    audienceQuery(db, catalogId)
      .select(['c.id', 'cu.name as customer_name'])
      .orderBy('cu.name')
      .orderBy('c.id')
      .limit(limit)
      .execute(),
  ]);
  return {
    contractCount: Number(counts.contract_count),
    customerCount: Number(counts.customer_count),
    contracts: contracts.map((row) => ({ id: row.id, customerName: row.customer_name })),
  };
}
