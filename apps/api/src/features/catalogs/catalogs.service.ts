import { DomainError } from '@guichet/domain';
import type { ArticleView, CatalogView } from '@guichet/contracts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireGrant } from '../../http/access.ts';
import * as contracts from '../contracts/contracts.service.ts';
import * as repository from './catalogs.repository.ts';
import { nameAndHelp, optionalText } from '../../lib/localized-text.ts';

type ArticleRow = Awaited<ReturnType<typeof repository.listCurrentArticles>>[number];

function toArticleView(row: ArticleRow): ArticleView {
  return {
    id: row.article_id,
    code: row.code,
    ...nameAndHelp(row),
    billingMode: row.billing_mode,
    priceTokens: row.price_tokens,
    versionId: row.version_id,
    version: row.version,
    form: row.form,
  };
}

/**
 * The catalogs a contract's offer gives access to, with categories and current articles;
 * with an item, only those that apply to its type (DESIGN §2 step 5).
 */
export async function catalogsFor(
  deps: Deps,
  auth: AuthContext,
  contractId: string,
  assetType?: string,
): Promise<CatalogView[]> {
  requireGrant(auth, contractId, 'requests', 'viewer');
  const contract = await contracts.getContract(deps, contractId);
  const catalogs = await repository.listCatalogs(deps.db, {
    offer: contract.offer,
    contractId,
    ...(assetType ? { assetType } : {}),
  });
  const ids = catalogs.map((catalog) => catalog.id);
  const [categories, articles] = await Promise.all([
    repository.listCategories(deps.db, ids),
    repository.listCurrentArticles(deps.db, { catalogIds: ids }),
  ]);
  return catalogs.map((catalog) => ({
    id: catalog.id,
    code: catalog.code,
    name: { fr: catalog.name_fr, en: catalog.name_en },
    help: optionalText(catalog.help_fr, catalog.help_en),
    articles: articles
      .filter((article) => article.catalog_id === catalog.id && article.category_id === null)
      .map(toArticleView),
    categories: categories
      .filter((category) => category.catalog_id === catalog.id)
      .map((category) => ({
        id: category.id,
        code: category.code,
        name: { fr: category.name_fr, en: category.name_en },
        help: optionalText(category.help_fr, category.help_en),
        articles: articles
          .filter((article) => article.category_id === category.id)
          .map(toArticleView),
      })),
  }));
}

/** A catalog the contract's offer gives access to, or 404. */
export async function catalogForContract(deps: Deps, contractId: string, catalogId: string) {
  const contract = await contracts.getContract(deps, contractId);
  const [catalog] = await repository.listCatalogs(deps.db, {
    offer: contract.offer,
    contractId,
    catalogId,
  });
  if (!catalog) {
    throw new DomainError('not_found', 'Change catalog not found', [
      { path: 'catalogId', message: 'This catalog is not available on the contract' },
    ]);
  }
  return { id: catalog.id, assetTypes: catalog.asset_types };
}

/**
 * The current version of an article of `catalogId`, checked to apply to the contract and
 * to the item's type; 404 with the field's path otherwise.
 */
export async function currentArticle(
  deps: Deps,
  target: {
    contractId: string;
    catalogId?: string | null;
    articleId: string;
    assetType: string | null;
  },
) {
  let catalogId = target.catalogId ?? null;
  if (catalogId === null) {
    const [found] = await repository.listCurrentArticles(deps.db, { articleId: target.articleId });
    if (!found) {
      throw new DomainError('not_found', 'Change article not found', [
        { path: 'articleId', message: 'Unknown article' },
      ]);
    }
    catalogId = found.catalog_id;
  }
  const catalog = await catalogForContract(deps, target.contractId, catalogId);
  if (target.assetType !== null && !catalog.assetTypes.includes(target.assetType)) {
    throw new DomainError('not_found', 'Change catalog not available for this item', [
      { path: 'catalogId', message: 'This catalog does not apply to the chosen item' },
    ]);
  }
  const [article] = await repository.listCurrentArticles(deps.db, {
    catalogIds: [catalog.id],
    articleId: target.articleId,
  });
  if (!article) {
    throw new DomainError('not_found', 'Change article not found', [
      { path: 'articleId', message: 'This article is not part of the catalog' },
    ]);
  }
  return article;
}

export async function findVersion(deps: Deps, versionId: string) {
  return repository.findVersion(deps.db, versionId);
}
