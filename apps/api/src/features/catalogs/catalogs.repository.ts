import type { Db } from '@guichet/db';
import type { FormDefinition } from '@guichet/domain';

/** Catalogs of a contract: those of its offer, and those given to the contract itself. */
export async function listCatalogs(
  db: Db,
  filter: { offer: string; contractId: string; assetType?: string; catalogId?: string },
) {
  let query = db
    .selectFrom('catalogs')
    .select(['id', 'code', 'name_fr', 'name_en', 'help_fr', 'help_en', 'asset_types', 'position'])
    .where((eb) =>
      eb.or([
        eb(eb.val(filter.offer), '=', eb.fn.any('offers')),
        eb(eb.val(filter.contractId), '=', eb.fn.any('contract_ids')),
      ]),
    );
  if (filter.assetType)
    query = query.where((eb) => eb(eb.val(filter.assetType), '=', eb.fn.any('asset_types')));
  if (filter.catalogId) query = query.where('id', '=', filter.catalogId);
  return query.orderBy('position').orderBy('code').execute();
}

export async function listCategories(db: Db, catalogIds: readonly string[]) {
  if (catalogIds.length === 0) return [];
  return db
    .selectFrom('categories')
    .select(['id', 'catalog_id', 'code', 'name_fr', 'name_en', 'help_fr', 'help_en'])
    .where('catalog_id', 'in', catalogIds)
    .orderBy('position')
    .orderBy('code')
    .execute();
}

const versionColumns = [
  'articles.id as article_id',
  'articles.catalog_id',
  'articles.category_id',
  'articles.code',
  'article_versions.id as version_id',
  'article_versions.version',
  'article_versions.name_fr',
  'article_versions.name_en',
  'article_versions.help_fr',
  'article_versions.help_en',
  'article_versions.billing_mode',
  'article_versions.price_tokens',
  'article_versions.form',
  'article_versions.json_schema',
] as const;

/** Articles with their current published version. */
export async function listCurrentArticles(
  db: Db,
  filter: { catalogIds?: readonly string[]; articleId?: string },
) {
  if (filter.catalogIds?.length === 0) return [];
  let query = db
    .selectFrom('articles')
    .innerJoin('article_versions', 'article_versions.id', 'articles.current_version_id')
    .select(versionColumns)
    .$narrowType<{ form: FormDefinition }>();
  if (filter.catalogIds) query = query.where('articles.catalog_id', 'in', filter.catalogIds);
  if (filter.articleId) query = query.where('articles.id', '=', filter.articleId);
  return query.orderBy('articles.position').orderBy('articles.code').execute();
}

export async function findVersion(db: Db, versionId: string) {
  return db
    .selectFrom('article_versions')
    .innerJoin('articles', 'articles.id', 'article_versions.article_id')
    .select(versionColumns)
    .$narrowType<{ form: FormDefinition }>()
    .where('article_versions.id', '=', versionId)
    .executeTakeFirst();
}
