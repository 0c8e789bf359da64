import { sql } from 'kysely';
import type { Db } from '@guichet/db';
import { toJsonSchema } from '@guichet/domain';
import type { CatalogSeed } from './catalogs.ts';
import { stableId } from './stable-id.ts';

/** Serialises seeds: the transaction holds the lock until it ends. */
export async function lockSeed(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('guichet:seed'))`.execute(db);
}

export async function userExists(db: Db, email: string): Promise<boolean> {
  return (
    (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) !==
    undefined
  );
}

export async function insertUser(
  db: Db,
  user: {
    id: string;
    email: string;
    displayName: string;
    passwordHash: string;
    operatorRole: 'agent' | 'catalog_manager' | 'admin' | null;
  },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      email: user.email,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      kind: user.operatorRole ? 'operator' : 'customer',
      operator_role: user.operatorRole,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
}

export async function setLoginIfMissing(db: Db, userId: string, login: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ login })
    .where('id', '=', userId)
    .where('login', 'is', null)
    .execute();
}

export async function setReferentIfMissing(
  db: Db,
  contractId: string,
  userId: string,
): Promise<void> {
  await db
    .updateTable('contracts')
    .set({ referent_user_id: userId })
    .where('id', '=', contractId)
    .where('referent_user_id', 'is', null)
    .execute();
}

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

/** Inserts a catalog with its categories and articles, each article with a first version. */
export async function upsertCatalog(db: Db, catalog: CatalogSeed, position: number): Promise<void> {
  const catalogId = stableId(`catalog:${catalog.code}`);
  await db
    .insertInto('catalogs')
    .values({
      id: catalogId,
      code: catalog.code,
      name_fr: catalog.name.fr,
      name_en: catalog.name.en,
      help_fr: catalog.help?.fr ?? null,
      help_en: catalog.help?.en ?? null,
      asset_types: catalog.assetTypes,
      offers: catalog.offers,
      contract_ids: catalog.contractIds,
      position,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const groups = [
    { categoryId: null as string | null, articles: catalog.articles },
    ...catalog.categories.map((category) => ({
      categoryId: stableId(`category:${catalog.code}:${category.code}`),
      category,
      articles: category.articles,
    })),
  ];
  for (const [index, category] of catalog.categories.entries()) {
    await db
      .insertInto('categories')
      .values({
        id: stableId(`category:${catalog.code}:${category.code}`),
        catalog_id: catalogId,
        code: category.code,
        name_fr: category.name.fr,
        name_en: category.name.en,
        help_fr: category.help?.fr ?? null,
        help_en: category.help?.en ?? null,
        position: index,
      })
      .onConflict((oc) => oc.columns(['catalog_id', 'code']).doNothing())
      .execute();
  }
  for (const group of groups) {
    for (const [index, article] of group.articles.entries()) {
      const articleId = stableId(`article:${catalog.code}:${article.code}`);
      const versionId = stableId(`article-version:${catalog.code}:${article.code}:1`);
      await db
        .insertInto('articles')
        .values({
          id: articleId,
          catalog_id: catalogId,
          category_id: group.categoryId,
          code: article.code,
          position: index,
        })
        .onConflict((oc) => oc.columns(['catalog_id', 'code']).doNothing())
        .execute();
      await db
        .insertInto('article_versions')
        .values({
          id: versionId,
          article_id: articleId,
          version: 1,
          name_fr: article.name.fr,
          name_en: article.name.en,
          help_fr: article.help?.fr ?? null,
          help_en: article.help?.en ?? null,
          billing_mode: article.billingMode,
          price_tokens: article.priceTokens,
          form: JSON.stringify(article.form),
          json_schema: JSON.stringify(toJsonSchema(article.form)),
        })
        .onConflict((oc) => oc.columns(['article_id', 'version']).doNothing())
        .execute();
      await db
        .updateTable('articles')
        .set({ current_version_id: versionId })
        .where('id', '=', articleId)
        .where('current_version_id', 'is', null)
        .execute();
    }
  }
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
