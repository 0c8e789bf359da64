import { DomainError, lintForm, toJsonSchema, conflictOn } from '@guichet/domain';
import type { ErrorDetail, FormDefinition, OperatorRole } from '@guichet/domain';
import type {
  ArticleAdminSummary,
  ArticleAdminView,
  ArticleCreate,
  ArticleDefinition,
  ArticleDraftBody,
  ArticlePlacement,
  ArticlePreview,
  ArticleVersionView,
  CatalogAdminView,
  CatalogInput,
  CatalogUpdate,
  CategoryAdminView,
  CategoryInput,
  CategoryUpdate,
  PreviewAsset,
} from '@guichet/contracts';
import type { Db } from '@guichet/db';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireOperator } from '../../http/access.ts';
import { stableId } from '../../seed/stable-id.ts';
import * as repository from './catalog-admin.repository.ts';
import { nameAndHelp, optionalText } from '../../lib/localized-text.ts';

/** Who may shape catalogs (DESIGN §3: operators' roles). */
export const catalogManagerRoles: readonly OperatorRole[] = ['catalog_manager', 'admin'];

export function requireCatalogManager(auth: AuthContext): void {
  requireOperator(auth, catalogManagerRoles);
}

/** Ids follow the codes, so an environment built from a catalogs file has the seed's ids. */
export const catalogIdOf = (catalog: string) => stableId(`catalog:${catalog}`);
export const categoryIdOf = (catalog: string, category: string) =>
  stableId(`category:${catalog}:${category}`);
export const articleIdOf = (catalog: string, article: string) =>
  stableId(`article:${catalog}:${article}`);
export const versionIdOf = (catalog: string, article: string, version: number) =>
  stableId(`article-version:${catalog}:${article}:${version}`);

/** Key-order-free JSON, to tell whether two definitions say the same thing. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([left], [right]) =>
            left < right ? -1 : left > right ? 1 : 0,
          ),
        )
      : inner,
  );
}

export function sameDefinition(left: ArticleDefinition, right: ArticleDefinition): boolean {
  return canonicalJson(left) === canonicalJson(right);
}

function publishedDefinition(row: repository.ArticleRow): ArticleDefinition | null {
  if (row.current_version === null || row.current_form === null) return null;
  return {
    name: { fr: row.current_name_fr ?? '', en: row.current_name_en ?? '' },
    help: optionalText(row.current_help_fr, row.current_help_en),
    billingMode: row.current_billing_mode ?? 'included',
    priceTokens: row.current_price_tokens ?? 0,
    form: row.current_form as FormDefinition,
  };
}

/** The draft when there is one, else the published definition (an article always has one). */
function workingDefinition(row: repository.ArticleRow): ArticleDefinition {
  const definition = (row.draft as ArticleDefinition | null) ?? publishedDefinition(row) ?? null;
  if (!definition) throw new Error(`article ${row.id} has neither a draft nor a version`);
  return definition;
}

/** What stops a definition from being published, with paths under `definition.`. */
export function lintDefinition(definition: ArticleDefinition, locale: 'fr' | 'en'): ErrorDetail[] {
  return lintForm(definition.form, locale).map((issue) => ({
    ...issue,
    path: `definition.form.${issue.path}`,
  }));
}

function toSummary(row: repository.ArticleRow): ArticleAdminSummary {
  const definition = workingDefinition(row);
  return {
    id: row.id,
    code: row.code,
    categoryId: row.category_id,
    position: row.position,
    name: definition.name,
    billingMode: definition.billingMode,
    priceTokens: definition.priceTokens,
    publishedVersion: row.current_version,
    hasDraft: row.draft !== null,
  };
}

function toCategoryView(
  row: Awaited<ReturnType<typeof repository.listCategories>>[number],
): CategoryAdminView {
  return {
    id: row.id,
    code: row.code,
    ...nameAndHelp(row),
    position: row.position,
  };
}

async function catalogViews(
  db: Db,
  catalogs: repository.CatalogRow[],
): Promise<CatalogAdminView[]> {
  const ids = catalogs.map((catalog) => catalog.id);
  const [categories, articles] = await Promise.all([
    repository.listCategories(db, ids),
    repository.listArticles(db, ids),
  ]);
  return catalogs.map((catalog) => ({
    id: catalog.id,
    code: catalog.code,
    name: { fr: catalog.name_fr, en: catalog.name_en },
    help: optionalText(catalog.help_fr, catalog.help_en),
    assetTypes: catalog.asset_types,
    offers: catalog.offers,
    contractIds: catalog.contract_ids,
    position: catalog.position,
    categories: categories
      .filter((category) => category.catalog_id === catalog.id)
      .map(toCategoryView),
    articles: articles.filter((article) => article.catalog_id === catalog.id).map(toSummary),
  }));
}

export async function listCatalogs(deps: Deps, auth: AuthContext): Promise<CatalogAdminView[]> {
  requireCatalogManager(auth);
  return catalogViews(deps.db, await repository.listCatalogs(deps.db));
}

async function catalogOrNotFound(db: Db, id: string): Promise<repository.CatalogRow> {
  const catalog = await repository.findCatalog(db, id);
  if (!catalog) throw new DomainError('not_found', 'Catalog not found');
  return catalog;
}

export async function getCatalog(
  deps: Deps,
  auth: AuthContext,
  id: string,
): Promise<CatalogAdminView> {
  requireCatalogManager(auth);
  const [view] = await catalogViews(deps.db, [await catalogOrNotFound(deps.db, id)]);
  if (!view) throw new DomainError('not_found', 'Catalog not found');
  return view;
}

function catalogWrite(input: CatalogUpdate): Omit<repository.CatalogWrite, 'code'> {
  return {
    nameFr: input.name.fr.trim(),
    nameEn: input.name.en.trim(),
    helpFr: input.help?.fr.trim() || null,
    helpEn: input.help?.en.trim() || null,
    assetTypes: [...new Set(input.assetTypes)],
    offers: [...new Set(input.offers)],
    contractIds: [...new Set(input.contractIds)],
    position: input.position,
  };
}

export async function createCatalog(
  deps: Deps,
  auth: AuthContext,
  input: CatalogInput,
): Promise<CatalogAdminView> {
  requireCatalogManager(auth);
  const id = catalogIdOf(input.code);
  const inserted = await repository.insertCatalog(
    deps.db,
    id,
    { code: input.code, ...catalogWrite(input) },
    deps.clock(),
  );
  if (!inserted) {
    throw conflictOn('code', 'unique', 'A catalog already has this code');
  }
  return getCatalog(deps, auth, id);
}

export async function updateCatalog(
  deps: Deps,
  auth: AuthContext,
  id: string,
  input: CatalogUpdate,
): Promise<CatalogAdminView> {
  requireCatalogManager(auth);
  if (!(await repository.updateCatalog(deps.db, id, catalogWrite(input), deps.clock()))) {
    throw new DomainError('not_found', 'Catalog not found');
  }
  return getCatalog(deps, auth, id);
}

function categoryWrite(input: CategoryUpdate): Omit<repository.CategoryWrite, 'code'> {
  return {
    nameFr: input.name.fr.trim(),
    nameEn: input.name.en.trim(),
    helpFr: input.help?.fr.trim() || null,
    helpEn: input.help?.en.trim() || null,
    position: input.position,
  };
}

export async function createCategory(
  deps: Deps,
  auth: AuthContext,
  catalogId: string,
  input: CategoryInput,
): Promise<CatalogAdminView> {
  requireCatalogManager(auth);
  const catalog = await catalogOrNotFound(deps.db, catalogId);
  const inserted = await repository.insertCategory(
    deps.db,
    categoryIdOf(catalog.code, input.code),
    catalog.id,
    { code: input.code, ...categoryWrite(input) },
  );
  if (!inserted) {
    throw conflictOn('code', 'unique', 'A category of this catalog already has this code');
  }
  return getCatalog(deps, auth, catalog.id);
}

export async function updateCategory(
  deps: Deps,
  auth: AuthContext,
  id: string,
  input: CategoryUpdate,
): Promise<CatalogAdminView> {
  requireCatalogManager(auth);
  const category = await repository.findCategory(deps.db, id);
  if (!category) throw new DomainError('not_found', 'Category not found');
  await repository.updateCategory(deps.db, id, categoryWrite(input));
  return getCatalog(deps, auth, category.catalog_id);
}

/** A category of the catalog, or 404 with the field's path. */
async function checkCategory(db: Db, catalogId: string, categoryId: string | null) {
  if (categoryId === null) return;
  const category = await repository.findCategory(db, categoryId);
  if (!category || category.catalog_id !== catalogId) {
    throw new DomainError('not_found', 'Category not found', [
      { path: 'categoryId', message: 'This category is not part of the catalog' },
    ]);
  }
}

/** How many of the catalog's contracts the publication dialog names. */
const audienceSample = 10;

async function articleView(db: Db, id: string, locale: 'fr' | 'en'): Promise<ArticleAdminView> {
  const row = await repository.findArticle(db, id);
  if (!row) throw new DomainError('not_found', 'Article not found');
  const [versions, audience] = await Promise.all([
    repository.listVersions(db, id),
    repository.catalogAudience(db, row.catalog_id, audienceSample),
  ]);
  const definition = workingDefinition(row);
  return {
    id: row.id,
    code: row.code,
    catalogId: row.catalog_id,
    catalogCode: row.catalog_code,
    categoryId: row.category_id,
    position: row.position,
    revision: row.draft_revision,
    hasDraft: row.draft !== null,
    definition,
    lint: lintDefinition(definition, locale),
    publishedVersion: row.current_version,
    versions: versions.map((version) => ({
      id: version.id,
      version: version.version,
      publishedAt: version.published_at.toISOString(),
      publishedBy: version.published_by_name,
    })),
    draftUpdatedAt: row.draft_updated_at?.toISOString() ?? null,
    draftUpdatedBy: row.draft_updated_by_name,
    audience,
  };
}

export async function getArticle(
  deps: Deps,
  auth: AuthContext,
  id: string,
): Promise<ArticleAdminView> {
  requireCatalogManager(auth);
  return articleView(deps.db, id, auth.user.locale);
}

/** A new article: its definition is a draft until published (customers see nothing yet). */
export async function createArticle(
  deps: Deps,
  auth: AuthContext,
  catalogId: string,
  input: ArticleCreate,
): Promise<ArticleAdminView> {
  requireCatalogManager(auth);
  const id = await deps.db.transaction().execute(async (trx) => {
    const catalog = await catalogOrNotFound(trx, catalogId);
    await checkCategory(trx, catalog.id, input.categoryId);
    const articleId = articleIdOf(catalog.code, input.code);
    const inserted = await repository.insertArticle(trx, {
      id: articleId,
      catalogId: catalog.id,
      categoryId: input.categoryId,
      code: input.code,
      position: input.position,
      draft: input.definition,
      userId: auth.user.id,
      at: deps.clock(),
    });
    if (!inserted) {
      throw conflictOn('code', 'unique', 'An article of this catalog already has this code');
    }
    return articleId;
  });
  return articleView(deps.db, id, auth.user.locale);
}

export async function placeArticle(
  deps: Deps,
  auth: AuthContext,
  id: string,
  placement: ArticlePlacement,
): Promise<ArticleAdminView> {
  requireCatalogManager(auth);
  await deps.db.transaction().execute(async (trx) => {
    const row = await repository.findArticle(trx, id);
    if (!row) throw new DomainError('not_found', 'Article not found');
    await checkCategory(trx, row.catalog_id, placement.categoryId);
    await repository.updatePlacement(trx, id, placement);
  });
  return articleView(deps.db, id, auth.user.locale);
}

function revisionConflict(current: number): DomainError {
  return new DomainError(
    'conflict',
    `The article was changed meanwhile (now revision ${current}): reload it`,
  );
}

/**
 * Saves the draft. A draft identical to the published version is no draft: it is cleared.
 * Drafts may be unfinished (the answer's `lint` says what stops publishing).
 */
/**
 * Changes an article's draft in one transaction, the article locked and still at the
 * `revision` read (404 when gone, 409 when another manager saved since); answers the article.
 */
async function changeDraft(
  deps: Deps,
  auth: AuthContext,
  id: string,
  revision: number,
  change: (trx: Db, locked: LockedArticle) => Promise<void>,
): Promise<ArticleAdminView> {
  requireCatalogManager(auth);
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repository.lockArticle(trx, id);
    if (!locked) throw new DomainError('not_found', 'Article not found');
    if (locked.draft_revision !== revision) throw revisionConflict(locked.draft_revision);
    await change(trx, locked);
  });
  return articleView(deps.db, id, auth.user.locale);
}

type LockedArticle = NonNullable<Awaited<ReturnType<typeof repository.lockArticle>>>;

export function saveDraft(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: ArticleDraftBody,
): Promise<ArticleAdminView> {
  return changeDraft(deps, auth, id, body.revision, async (trx) => {
    const row = await repository.findArticle(trx, id);
    const published = row ? publishedDefinition(row) : null;
    const isPublished = published !== null && sameDefinition(published, body.definition);
    await repository.writeDraft(trx, {
      id,
      revision: body.revision,
      draft: isPublished ? null : body.definition,
      userId: auth.user.id,
      at: deps.clock(),
    });
  });
}

/** Drops the unpublished changes (an article never published keeps its draft). */
export function discardDraft(
  deps: Deps,
  auth: AuthContext,
  id: string,
  revision: number,
): Promise<ArticleAdminView> {
  return changeDraft(deps, auth, id, revision, async (trx, locked) => {
    if (locked.current_version_id === null) {
      throw new DomainError(
        'invalid_transition',
        'This article was never published: its draft is all it has',
      );
    }
    await repository.writeDraft(trx, {
      id,
      revision,
      draft: null,
      userId: auth.user.id,
      at: deps.clock(),
    });
  });
}

/**
 * Publishes the draft as the next immutable version, which customers get from now on
 * (requests keep theirs; drafts move on when reopened). Refused while the linter finds a
 * problem, with each problem at its path under `definition.`.
 */
export function publish(
  deps: Deps,
  auth: AuthContext,
  id: string,
  revision: number,
): Promise<ArticleAdminView> {
  return changeDraft(deps, auth, id, revision, async (trx) => {
    const row = await repository.findArticle(trx, id);
    if (!row || row.draft === null) {
      throw new DomainError('invalid_transition', 'Nothing to publish: there is no draft');
    }
    const definition = row.draft as ArticleDefinition;
    const issues = lintDefinition(definition, auth.user.locale);
    if (issues.length > 0) {
      throw new DomainError('validation_failed', 'The form cannot be published', issues);
    }
    await publishVersion(trx, {
      catalogCode: row.catalog_code,
      articleCode: row.code,
      articleId: id,
      definition,
      userId: auth.user.id,
      at: deps.clock(),
      clearDraft: true,
    });
  });
}

/** Writes the next version of an article and makes it current (the caller holds its lock). */
export async function publishVersion(
  db: Db,
  target: {
    catalogCode: string;
    articleCode: string;
    articleId: string;
    definition: ArticleDefinition;
    userId: string | null;
    at: Date;
    clearDraft: boolean;
  },
): Promise<number> {
  const version = await repository.nextVersionNumber(db, target.articleId);
  const versionId = versionIdOf(target.catalogCode, target.articleCode, version);
  const { definition } = target;
  await repository.insertVersion(db, {
    id: versionId,
    articleId: target.articleId,
    version,
    nameFr: definition.name.fr,
    nameEn: definition.name.en,
    helpFr: definition.help?.fr || null,
    helpEn: definition.help?.en || null,
    billingMode: definition.billingMode,
    priceTokens: definition.priceTokens,
    form: definition.form,
    jsonSchema: toJsonSchema(definition.form),
    publishedBy: target.userId,
    at: target.at,
  });
  await repository.setCurrentVersion(db, target.articleId, versionId, {
    clearDraft: target.clearDraft,
  });
  return version;
}

export async function getVersion(
  deps: Deps,
  auth: AuthContext,
  articleId: string,
  version: number,
): Promise<ArticleVersionView> {
  requireCatalogManager(auth);
  const row = await repository.findVersion(deps.db, articleId, version);
  if (!row) throw new DomainError('not_found', 'Article version not found');
  return {
    id: row.id,
    articleId: row.article_id,
    version: row.version,
    publishedAt: row.published_at.toISOString(),
    publishedBy: row.published_by_name,
    definition: {
      ...nameAndHelp(row),
      billingMode: row.billing_mode,
      priceTokens: row.price_tokens,
      form: row.form as FormDefinition,
    },
    jsonSchema: row.json_schema,
  };
}

function toPreviewAsset(
  row: NonNullable<Awaited<ReturnType<typeof repository.findAsset>>>,
): PreviewAsset {
  return {
    id: row.id,
    reference: row.reference,
    label: row.label,
    type: row.type,
    contractId: row.contract_id,
    attributes: row.attributes,
  };
}

/**
 * The form as a customer sees it (the draft when there is one), with items of the catalog's
 * types whose attributes prefill it; `assetId` picks one (404 when its type does not apply).
 */
export async function preview(
  deps: Deps,
  auth: AuthContext,
  id: string,
  assetId: string | undefined,
): Promise<ArticlePreview> {
  requireCatalogManager(auth);
  const row = await repository.findArticle(deps.db, id);
  if (!row) throw new DomainError('not_found', 'Article not found');
  const catalog = await catalogOrNotFound(deps.db, row.catalog_id);
  const samples = (await repository.sampleAssets(deps.db, catalog.asset_types, 10)).map(
    toPreviewAsset,
  );
  let asset: PreviewAsset | null = samples[0] ?? null;
  if (assetId !== undefined) {
    const found = await repository.findAsset(deps.db, assetId);
    if (!found || !catalog.asset_types.includes(found.type)) {
      throw new DomainError('not_found', 'Inventory item not found', [
        { path: 'assetId', message: 'No item of a type this catalog applies to' },
      ]);
    }
    asset = toPreviewAsset(found);
  }
  const definition = workingDefinition(row);
  return {
    definition,
    lint: lintDefinition(definition, auth.user.locale),
    asset,
    assets: samples,
  };
}
