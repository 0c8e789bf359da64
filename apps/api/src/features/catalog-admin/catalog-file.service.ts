import type {
  ArticleDefinition,
  ArticleFileEntry,
  CatalogChange,
  CatalogExport,
  CatalogFile,
  CatalogFileEntry,
  CatalogImportBody,
  CatalogImportResult,
} from '@guichet/contracts';
import { inTransaction, type Db } from '@guichet/db';
import {
  DomainError,
  automaticExecutionProblem,
  executionTimeLimitMinutes,
  ruleDetail,
} from '@guichet/domain';
import type { ErrorDetail, FormDefinition, Locale } from '@guichet/domain';
import type { AuthContext, Deps } from '../../http/context.ts';
import * as executions from '../executions/executions.service.ts';
import * as repository from './catalog-admin.repository.ts';
import {
  articleIdOf,
  canonicalJson,
  catalogIdOf,
  categoryIdOf,
  publishVersion,
  requireCatalogManager,
  sameDefinition,
  versionIdOf,
} from './catalog-admin.service.ts';
import { articlePaths, articlesOf, catalogFileToYaml, parseCatalogFile } from './catalog-file.ts';

/**
 * Who carries out an article's published version (decision 0032): an executor and its time
 * limit, or null for an agent (`manual`, and what a file without the key says).
 */
type Execution = { executorId: string; timeLimitMinutes: number } | null;

function executionOf(article: ArticleFileEntry): Execution {
  return article.execution?.mode === 'automatic'
    ? {
        executorId: article.execution.executor,
        timeLimitMinutes: article.execution.timeLimitMinutes,
      }
    : null;
}

function sameExecution(left: Execution, right: Execution): boolean {
  return (
    left?.executorId === right?.executorId && left?.timeLimitMinutes === right?.timeLimitMinutes
  );
}

interface ArticleState {
  id: string;
  category: string | null;
  definition: ArticleDefinition | null;
  publishedVersion: number | null;
  /** The published version's id and its execution (null: manual, or nothing published). */
  versionId: string | null;
  execution: Execution;
}
interface CatalogState {
  id: string;
  entry: CatalogFileEntry;
  categoryIds: Map<string, string>;
  /** Category codes, then article codes per category (null: none), in their order. */
  categoryOrder: string[];
  articleOrder: Map<string | null, string[]>;
  articles: Map<string, ArticleState>;
}

/** The catalogs as they are: what customers get (published versions), in their order. */
async function currentState(
  db: Db,
): Promise<{ file: CatalogFile; catalogs: Map<string, CatalogState> }> {
  const catalogRows = await repository.listCatalogs(db);
  const ids = catalogRows.map((catalog) => catalog.id);
  const [categoryRows, articleRows] = await Promise.all([
    repository.listCategories(db, ids),
    repository.listArticles(db, ids),
  ]);
  const settings = new Map(
    (
      await executions.articleExecutionsOf(
        db,
        articleRows.flatMap((row) =>
          row.current_version_id === null ? [] : [row.current_version_id],
        ),
      )
    ).map((row) => [
      row.article_version_id,
      { executorId: row.executor_id, timeLimitMinutes: row.time_limit_minutes },
    ]),
  );
  const catalogs = new Map<string, CatalogState>();
  const entries: CatalogFileEntry[] = [];
  for (const catalog of catalogRows) {
    const categories = categoryRows.filter((category) => category.catalog_id === catalog.id);
    const codeOfCategory = new Map(categories.map((category) => [category.id, category.code]));
    const articles = new Map<string, ArticleState>();
    const articleOrder = new Map<string | null, string[]>();
    const fileArticles = new Map<string | null, ArticleFileEntry[]>();
    for (const row of articleRows.filter((article) => article.catalog_id === catalog.id)) {
      const category =
        row.category_id === null ? null : (codeOfCategory.get(row.category_id) ?? null);
      const definition: ArticleDefinition | null =
        row.current_version === null || row.current_form === null
          ? null
          : {
              name: { fr: row.current_name_fr ?? '', en: row.current_name_en ?? '' },
              help:
                row.current_help_fr === null
                  ? null
                  : { fr: row.current_help_fr, en: row.current_help_en ?? row.current_help_fr },
              billingMode: row.current_billing_mode ?? 'included',
              priceTokens: row.current_price_tokens ?? 0,
              form: row.current_form as FormDefinition,
            };
      const execution =
        row.current_version_id === null ? null : (settings.get(row.current_version_id) ?? null);
      articles.set(row.code, {
        id: row.id,
        category,
        definition,
        publishedVersion: row.current_version,
        versionId: row.current_version_id,
        execution,
      });
      articleOrder.set(category, [...(articleOrder.get(category) ?? []), row.code]);
      // Articles never published are drafts only: not part of what customers get.
      if (definition) {
        fileArticles.set(category, [
          ...(fileArticles.get(category) ?? []),
          {
            code: row.code,
            name: definition.name,
            ...(definition.help ? { help: definition.help } : {}),
            billingMode: definition.billingMode,
            priceTokens: definition.priceTokens,
            // Manual is the default: left out, so that files of manual catalogs stay as they were.
            ...(execution
              ? {
                  execution: {
                    mode: 'automatic' as const,
                    executor: execution.executorId,
                    timeLimitMinutes: execution.timeLimitMinutes,
                  },
                }
              : {}),
            form: definition.form,
          },
        ]);
      }
    }
    const entry: CatalogFileEntry = {
      code: catalog.code,
      name: { fr: catalog.name_fr, en: catalog.name_en },
      ...(catalog.help_fr === null
        ? {}
        : { help: { fr: catalog.help_fr, en: catalog.help_en ?? catalog.help_fr } }),
      assetTypes: catalog.asset_types,
      offers: catalog.offers,
      contractIds: catalog.contract_ids,
      categories: categories.map((category) => ({
        code: category.code,
        name: { fr: category.name_fr, en: category.name_en },
        ...(category.help_fr === null
          ? {}
          : { help: { fr: category.help_fr, en: category.help_en ?? category.help_fr } }),
        articles: fileArticles.get(category.code) ?? [],
      })),
      articles: fileArticles.get(null) ?? [],
    };
    entries.push(entry);
    catalogs.set(catalog.code, {
      id: catalog.id,
      entry,
      categoryIds: new Map(categories.map((category) => [category.code, category.id])),
      categoryOrder: categories.map((category) => category.code),
      articleOrder,
      articles,
    });
  }
  return { file: { catalogs: entries }, catalogs };
}

export async function exportCatalogs(deps: Deps, auth: AuthContext): Promise<CatalogExport> {
  requireCatalogManager(auth);
  const { file } = await currentState(deps.db);
  const day = deps.clock().toISOString().slice(0, 10);
  return { fileName: `guichet-catalogues-${day}.yaml`, yaml: catalogFileToYaml(file) };
}

function sameJson(left: unknown, right: unknown): boolean {
  return canonicalJson(left ?? null) === canonicalJson(right ?? null);
}

/** Codes whose place among the codes both lists share differs. */
function moved(current: readonly string[], incoming: readonly string[]): Set<string> {
  const shared = new Set(current.filter((code) => incoming.includes(code)));
  const before = current.filter((code) => shared.has(code));
  const after = incoming.filter((code) => shared.has(code));
  return new Set(after.filter((code, index) => before[index] !== code));
}

function definitionOf(article: ArticleFileEntry): ArticleDefinition {
  return {
    name: article.name,
    help: article.help ?? null,
    billingMode: article.billingMode,
    priceTokens: article.priceTokens,
    form: article.form,
  };
}

/** A created article's fields worth saying: its execution when automatic. */
function createdFields(article: ArticleFileEntry): string[] {
  return executionOf(article) === null ? [] : ['execution'];
}

function definitionFields(current: ArticleDefinition, incoming: ArticleDefinition): string[] {
  return (['name', 'help', 'billingMode', 'priceTokens', 'form'] as const).filter(
    (key) => !sameJson(current[key], incoming[key]),
  );
}

/**
 * What importing `incoming` would change, in the order it would be done. Catalogs,
 * categories and articles are matched by code; what the file leaves out is left as it is.
 */
export function diffCatalogs(
  catalogs: Map<string, CatalogState>,
  incoming: CatalogFile,
): CatalogChange[] {
  const changes: CatalogChange[] = [];
  const catalogMoves = moved(
    [...catalogs.keys()],
    incoming.catalogs.map((catalog) => catalog.code),
  );
  for (const entry of incoming.catalogs) {
    const current = catalogs.get(entry.code);
    if (!current) {
      changes.push({ action: 'create', target: 'catalog', path: entry.code, fields: [] });
      for (const category of entry.categories) {
        changes.push({
          action: 'create',
          target: 'category',
          path: `${entry.code}/${category.code}`,
          fields: [],
        });
      }
      for (const { article } of articlesOf(entry)) {
        changes.push({
          action: 'create',
          target: 'article',
          path: `${entry.code}/${article.code}`,
          fields: createdFields(article),
          version: 1,
        });
      }
      continue;
    }
    const was = current.entry;
    const fields = [
      ...(!sameJson(was.name, entry.name) ? ['name'] : []),
      ...(!sameJson(was.help, entry.help) ? ['help'] : []),
      ...(!sameJson(was.assetTypes, entry.assetTypes) ? ['assetTypes'] : []),
      ...(!sameJson(was.offers, entry.offers) ? ['offers'] : []),
      ...(!sameJson(was.contractIds, entry.contractIds) ? ['contractIds'] : []),
      ...(catalogMoves.has(entry.code) ? ['position'] : []),
    ];
    if (fields.length > 0) {
      changes.push({ action: 'update', target: 'catalog', path: entry.code, fields });
    }
    const categoryMoves = moved(
      current.categoryOrder,
      entry.categories.map((category) => category.code),
    );
    for (const category of entry.categories) {
      const path = `${entry.code}/${category.code}`;
      const before = was.categories.find((candidate) => candidate.code === category.code);
      if (!current.categoryIds.has(category.code) || !before) {
        changes.push({ action: 'create', target: 'category', path, fields: [] });
        continue;
      }
      const categoryFields = [
        ...(!sameJson(before.name, category.name) ? ['name'] : []),
        ...(!sameJson(before.help, category.help) ? ['help'] : []),
        ...(categoryMoves.has(category.code) ? ['position'] : []),
      ];
      if (categoryFields.length > 0) {
        changes.push({ action: 'update', target: 'category', path, fields: categoryFields });
      }
    }
    const placed = articlesOf(entry);
    const groups = new Set(placed.map((item) => item.category));
    const articleMoves = new Set(
      [...groups].flatMap((group) => [
        ...moved(
          current.articleOrder.get(group) ?? [],
          placed.filter((item) => item.category === group).map((item) => item.article.code),
        ),
      ]),
    );
    for (const { article, category } of placed) {
      const path = `${entry.code}/${article.code}`;
      const state = current.articles.get(article.code);
      if (!state) {
        changes.push({
          action: 'create',
          target: 'article',
          path,
          fields: createdFields(article),
          version: 1,
        });
        continue;
      }
      const definition = definitionOf(article);
      const publishes = state.definition === null || !sameDefinition(state.definition, definition);
      // A new version takes the file's execution; else the published one changes in place.
      const execution = sameExecution(state.execution, executionOf(article)) ? [] : ['execution'];
      const placement = [
        ...(state.category !== category ? ['category'] : []),
        ...(state.category === category && articleMoves.has(article.code) ? ['position'] : []),
        ...(publishes ? [] : execution),
      ];
      if (placement.length > 0) {
        changes.push({ action: 'update', target: 'article', path, fields: placement });
      }
      if (publishes) {
        changes.push({
          action: 'publish',
          target: 'article',
          path,
          fields: [
            ...(state.definition === null
              ? ['name', 'help', 'billingMode', 'priceTokens', 'form']
              : definitionFields(state.definition, definition)),
            ...execution,
          ],
          version: (state.publishedVersion ?? 0) + 1,
        });
      }
    }
  }
  return changes;
}

function catalogWrite(entry: CatalogFileEntry, position: number) {
  return {
    nameFr: entry.name.fr,
    nameEn: entry.name.en,
    helpFr: entry.help?.fr ?? null,
    helpEn: entry.help?.en ?? null,
    assetTypes: entry.assetTypes,
    offers: entry.offers,
    contractIds: entry.contractIds,
    position,
  };
}

/**
 * The executors the file names, checked as the article editor checks them: each an enabled
 * provider subscription of kind `executor`, never for an article on quote. An executor
 * disabled since an article was marked with it may stay named on that article (the setting
 * is inert, not wrong): a file exported then imported again is not refused for it.
 */
async function executionProblems(
  db: Db,
  incoming: CatalogFile,
  catalogs: Map<string, CatalogState>,
  locale: Locale,
): Promise<ErrorDetail[]> {
  const named = incoming.catalogs.flatMap((catalog, index) =>
    articlePaths(catalog, `catalogs.${index}`).flatMap(({ article, path }) => {
      const execution = executionOf(article);
      return execution === null ? [] : [{ catalog: catalog.code, article, path, execution }];
    }),
  );
  if (named.length === 0) return [];
  const subscriptions = new Map(
    (
      await executions.providerSubscriptionsOf(db, [
        ...new Set(named.map((entry) => entry.execution.executorId)),
      ])
    ).map((row) => [row.id, row]),
  );
  return named.flatMap(({ catalog, article, path, execution }) => {
    const subscription = subscriptions.get(execution.executorId);
    const problem = automaticExecutionProblem({
      billingMode: article.billingMode,
      executor: subscription
        ? { kind: subscription.kind, isEnabled: subscription.is_enabled }
        : null,
      timeLimitMinutes: execution.timeLimitMinutes,
    });
    if (problem === null) return [];
    const current = catalogs.get(catalog)?.articles.get(article.code)?.execution;
    if (problem.rule === 'executor_disabled' && current?.executorId === execution.executorId) {
      return [];
    }
    const { min, max } = executionTimeLimitMinutes;
    return [
      problem.rule === 'time_limit'
        ? ruleDetail(`${path}.execution.timeLimitMinutes`, 'time_limit', { min, max }, locale)
        : ruleDetail(
            `${path}.execution.executor`,
            problem.rule === 'executor_disabled' || problem.rule === 'quote_article'
              ? problem.rule
              : 'executor_missing',
            {},
            locale,
          ),
    ];
  });
}

/** The file's executors checked against the state it is imported onto, else refused whole. */
async function requireExecutors(
  db: Db,
  incoming: CatalogFile,
  catalogs: Map<string, CatalogState>,
  locale: Locale,
): Promise<void> {
  const problems = await executionProblems(db, incoming, catalogs, locale);
  if (problems.length > 0) {
    throw new DomainError(
      'validation_failed',
      locale === 'fr' ? 'Ce fichier ne peut pas être importé' : 'This file cannot be imported',
      problems,
    );
  }
}

/** Carries out `changes` (from `diffCatalogs` on the same state) in the caller's transaction. */
async function applyChanges(
  db: Db,
  state: Map<string, CatalogState>,
  incoming: CatalogFile,
  changes: CatalogChange[],
  actor: { userId: string | null; at: Date },
): Promise<void> {
  const has = (target: CatalogChange['target'], path: string) =>
    changes.filter((change) => change.target === target && change.path === path);
  const reorderCatalogs = changes.some(
    (change) =>
      change.target === 'catalog' &&
      (change.action === 'create' || change.fields.includes('position')),
  );
  for (const [catalogIndex, entry] of incoming.catalogs.entries()) {
    const current = state.get(entry.code);
    const catalogId = current?.id ?? catalogIdOf(entry.code);
    const catalogChanges = has('catalog', entry.code);
    const position = reorderCatalogs ? catalogIndex : current ? undefined : catalogIndex;
    if (!current) {
      await repository.insertCatalog(
        db,
        catalogId,
        { code: entry.code, ...catalogWrite(entry, catalogIndex) },
        actor.at,
      );
    } else if (catalogChanges.length > 0) {
      const existing = await repository.findCatalog(db, catalogId);
      await repository.updateCatalog(
        db,
        catalogId,
        catalogWrite(entry, position ?? existing?.position ?? catalogIndex),
        actor.at,
      );
    } else if (position !== undefined) {
      await repository.updateCatalogPosition(db, catalogId, position);
    }

    const reorderCategories = changes.some(
      (change) =>
        change.target === 'category' &&
        change.path.startsWith(`${entry.code}/`) &&
        (change.action === 'create' || change.fields.includes('position')),
    );
    const categoryIds = new Map(current?.categoryIds ?? []);
    for (const [categoryIndex, category] of entry.categories.entries()) {
      const path = `${entry.code}/${category.code}`;
      const write = {
        nameFr: category.name.fr,
        nameEn: category.name.en,
        helpFr: category.help?.fr ?? null,
        helpEn: category.help?.en ?? null,
        position: categoryIndex,
      };
      const existingId = categoryIds.get(category.code);
      if (existingId === undefined) {
        const id = categoryIdOf(entry.code, category.code);
        await repository.insertCategory(db, id, catalogId, { code: category.code, ...write });
        categoryIds.set(category.code, id);
      } else if (has('category', path).length > 0) {
        const existing = await repository.findCategory(db, existingId);
        await repository.updateCategory(db, existingId, {
          ...write,
          position: reorderCategories ? categoryIndex : (existing?.position ?? categoryIndex),
        });
      } else if (reorderCategories) {
        await repository.updateCategoryPosition(db, existingId, categoryIndex);
      }
    }

    const placed = articlesOf(entry);
    const reorderGroups = new Set(
      placed
        .filter(({ article }) =>
          has('article', `${entry.code}/${article.code}`).some(
            (change) =>
              change.action === 'create' ||
              (change.action === 'update' && change.fields.some((field) => field !== 'execution')),
          ),
        )
        .map((item) => item.category),
    );
    for (const { article, category, position } of placed) {
      const path = `${entry.code}/${article.code}`;
      const state = current?.articles.get(article.code);
      const articleId = state?.id ?? articleIdOf(entry.code, article.code);
      const categoryId = category === null ? null : (categoryIds.get(category) ?? null);
      const articleChanges = has('article', path);
      if (!state) {
        await repository.insertArticle(db, {
          id: articleId,
          catalogId,
          categoryId,
          code: article.code,
          position,
          draft: null,
          userId: actor.userId,
          at: actor.at,
        });
      } else if (reorderGroups.has(category)) {
        await repository.updatePlacement(db, articleId, { categoryId, position });
      }
      const execution = executionOf(article);
      if (
        articleChanges.some((change) => change.action === 'publish' || change.action === 'create')
      ) {
        await repository.lockArticle(db, articleId);
        const version = await publishVersion(db, {
          catalogCode: entry.code,
          articleCode: article.code,
          articleId,
          definition: definitionOf(article),
          userId: actor.userId,
          at: actor.at,
          // A manager's pending draft stays: it is their work, to publish or discard.
          clearDraft: false,
        });
        // A new version starts manual (decision 0032): the file's executor, if it names one.
        if (execution !== null) {
          await executions.keepArticleExecution(
            db,
            versionIdOf(entry.code, article.code, version),
            execution,
            actor,
          );
        }
      } else if (
        state?.versionId &&
        articleChanges.some((change) => change.fields.includes('execution'))
      ) {
        await executions.keepArticleExecution(db, state.versionId, execution, actor);
      }
    }
  }
}

/**
 * Reads a catalogs file, says what importing it would change and, with `apply`, changes it
 * in one transaction (new versions are published for the articles whose definition differs).
 * `'system'` is the seed loading the demo catalogs (decision 0009): no manager, versions
 * published by nobody, in the caller's transaction when it has one.
 */
export async function importCatalogs(
  deps: Deps,
  actor: AuthContext | 'system',
  body: CatalogImportBody,
): Promise<CatalogImportResult> {
  if (actor !== 'system') requireCatalogManager(actor);
  const locale = actor === 'system' ? 'fr' : actor.user.locale;
  const incoming = parseCatalogFile(body.yaml, locale);
  if (!body.apply) {
    const { catalogs } = await currentState(deps.db);
    await requireExecutors(deps.db, incoming, catalogs, locale);
    return { applied: false, changes: diffCatalogs(catalogs, incoming) };
  }
  const work = async (trx: Db): Promise<CatalogImportResult> => {
    await repository.lockCatalogImports(trx);
    const { catalogs } = await currentState(trx);
    await requireExecutors(trx, incoming, catalogs, locale);
    const changes = diffCatalogs(catalogs, incoming);
    await applyChanges(trx, catalogs, incoming, changes, {
      userId: actor === 'system' ? null : actor.user.id,
      at: deps.clock(),
    });
    return { applied: true, changes };
  };
  return inTransaction(deps.db, work);
}

/** The catalogs as a file, for the round trip and the seed's checks. */
export async function catalogsAsFile(db: Db): Promise<CatalogFile> {
  return (await currentState(db)).file;
}
