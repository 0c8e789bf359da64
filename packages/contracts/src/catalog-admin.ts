import { z } from 'zod';
import { billingModes } from '@guichet/domain';
import { ContractId, Uuid, emptyOnceTrimmed } from './common.ts';
import { ExecutionTimeLimit } from './executions.ts';
import { FormDefinitionInput, FormText } from './forms.ts';

/**
 * The catalog managers' surface (`/api/back-office/catalogs…`, role `catalog_manager` or
 * `admin`): catalogs, categories and articles, article drafts published as immutable
 * versions, previews, and catalogs as YAML files.
 */

/** Codes name things in files and URLs: lower case, digits and dashes. */
export const CatalogCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Lower-case letters, digits and dashes (max 63)');
const Name = FormText.refine(
  (text) => text.fr.trim() !== '' && text.en.trim() !== '',
  'A name in French and in English',
);
const Help = z.object({ fr: z.string().max(2000), en: z.string().max(2000) }).strict();
const AssetType = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'An item type, e.g. fe_tenant');
const Offer = z.string().trim().min(1, emptyOnceTrimmed).max(100);
const Position = z.number().int().min(0).max(10_000);

export const CatalogInput = z
  .object({
    code: CatalogCode,
    name: Name,
    help: Help.nullable().default(null),
    /** Item types the catalog applies to (DESIGN §3). */
    assetTypes: z.array(AssetType).min(1).max(50),
    /** Offers whose every contract gets the catalog (e.g. `Flexible Engine`). */
    offers: z.array(Offer).max(20).default([]),
    /** Contracts that get the catalog besides those of its offers. */
    contractIds: z.array(ContractId).max(1000).default([]),
    position: Position.default(0),
  })
  .strict();
export type CatalogInput = z.infer<typeof CatalogInput>;
/** The code names the catalog in files: it never changes. */
export const CatalogUpdate = CatalogInput.omit({ code: true });
export type CatalogUpdate = z.infer<typeof CatalogUpdate>;

export const CategoryInput = z
  .object({
    code: CatalogCode,
    name: Name,
    help: Help.nullable().default(null),
    position: Position.default(0),
  })
  .strict();
export type CategoryInput = z.infer<typeof CategoryInput>;
export const CategoryUpdate = CategoryInput.omit({ code: true });
export type CategoryUpdate = z.infer<typeof CategoryUpdate>;

/** What an article version holds: names, help, billing and its form. */
export const ArticleDefinition = z
  .object({
    name: Name,
    help: Help.nullable().default(null),
    billingMode: z.enum(billingModes),
    priceTokens: z.number().int().min(0).max(1_000_000),
    form: FormDefinitionInput,
  })
  .strict();
export type ArticleDefinition = z.infer<typeof ArticleDefinition>;

export const ArticleCreate = z
  .object({
    code: CatalogCode,
    categoryId: Uuid.nullable().default(null),
    position: Position.default(0),
    definition: ArticleDefinition,
  })
  .strict();
export type ArticleCreate = z.infer<typeof ArticleCreate>;

/** Where the article shows (live at once: not versioned). */
export const ArticlePlacement = z
  .object({ categoryId: Uuid.nullable(), position: Position })
  .strict();
export type ArticlePlacement = z.infer<typeof ArticlePlacement>;

/** Saves the draft; `revision` is the one read (409 when another manager saved since). */
export const ArticleDraftBody = z
  .object({ definition: ArticleDefinition, revision: z.number().int().min(1) })
  .strict();
export type ArticleDraftBody = z.infer<typeof ArticleDraftBody>;
export const RevisionBody = z.object({ revision: z.number().int().min(1) }).strict();
export type RevisionBody = z.infer<typeof RevisionBody>;

const LintIssue = z.object({
  path: z.string(),
  message: z.string(),
  rule: z.string().optional(),
});

export const CategoryAdminView = z.object({
  id: Uuid,
  code: z.string(),
  name: FormText,
  help: Help.nullable(),
  position: z.number().int(),
});
export type CategoryAdminView = z.infer<typeof CategoryAdminView>;

export const ArticleAdminSummary = z.object({
  id: Uuid,
  code: z.string(),
  categoryId: Uuid.nullable(),
  position: z.number().int(),
  /** The draft's name when there is one, else the published version's. */
  name: FormText,
  billingMode: z.enum(billingModes),
  priceTokens: z.number().int(),
  /** The version customers get; null until first published. */
  publishedVersion: z.number().int().nullable(),
  hasDraft: z.boolean(),
});
export type ArticleAdminSummary = z.infer<typeof ArticleAdminSummary>;

export const CatalogAdminView = z.object({
  id: Uuid,
  code: z.string(),
  name: FormText,
  help: Help.nullable(),
  assetTypes: z.array(z.string()),
  offers: z.array(z.string()),
  contractIds: z.array(z.string()),
  position: z.number().int(),
  categories: z.array(CategoryAdminView),
  articles: z.array(ArticleAdminSummary),
});
export type CatalogAdminView = z.infer<typeof CatalogAdminView>;
export const CatalogAdminList = z.object({ items: z.array(CatalogAdminView) });
export type CatalogAdminList = z.infer<typeof CatalogAdminList>;

export const ArticleVersionSummary = z.object({
  id: Uuid,
  version: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
});
export type ArticleVersionSummary = z.infer<typeof ArticleVersionSummary>;

/** The contracts (not ended) that get the article's catalog: who sees a version once published. */
export const CatalogAudience = z.object({
  contractCount: z.number().int(),
  customerCount: z.number().int(),
  /** The first contracts by customer name, up to ten. */
  contracts: z.array(z.object({ id: z.string(), customerName: z.string() })),
});
export type CatalogAudience = z.infer<typeof CatalogAudience>;

export const ArticleAdminView = z.object({
  id: Uuid,
  code: z.string(),
  catalogId: Uuid,
  catalogCode: z.string(),
  categoryId: Uuid.nullable(),
  position: z.number().int(),
  /** Give it back when saving or publishing. */
  revision: z.number().int(),
  hasDraft: z.boolean(),
  /** The draft when there is one, else the published version's definition. */
  definition: ArticleDefinition,
  /** What stops `definition` from being published (empty: it may be). */
  lint: z.array(LintIssue),
  publishedVersion: z.number().int().nullable(),
  versions: z.array(ArticleVersionSummary),
  draftUpdatedAt: z.string().nullable(),
  draftUpdatedBy: z.string().nullable(),
  audience: CatalogAudience,
});
export type ArticleAdminView = z.infer<typeof ArticleAdminView>;

export const ArticleVersionView = ArticleVersionSummary.extend({
  articleId: Uuid,
  definition: ArticleDefinition,
  jsonSchema: z.record(z.string(), z.unknown()),
});
export type ArticleVersionView = z.infer<typeof ArticleVersionView>;
export const ArticleVersionParams = z.object({ id: Uuid, version: z.coerce.number().int().min(1) });

export const PreviewQuery = z.object({ assetId: Uuid.optional() });
export const PreviewAsset = z.object({
  id: Uuid,
  reference: z.string(),
  label: z.string(),
  type: z.string(),
  contractId: z.string(),
  attributes: z.record(z.string(), z.unknown()),
});
export type PreviewAsset = z.infer<typeof PreviewAsset>;
/** The form as a customer sees it: the definition, and items whose attributes prefill it. */
export const ArticlePreview = z.object({
  definition: ArticleDefinition,
  lint: z.array(LintIssue),
  asset: PreviewAsset.nullable(),
  /** A few items of the catalog's types to preview with. */
  assets: z.array(PreviewAsset),
});
export type ArticlePreview = z.infer<typeof ArticlePreview>;

// ---------------------------------------------------------------------------------------
// Catalogs as YAML files

/**
 * Who carries out the article's published version (decision 0032): `manual` (an agent, the
 * default when the key is left out) or `automatic` by an executor, a provider webhook
 * subscription of kind `executor` named by its id, with its time limit in minutes.
 */
export const ArticleFileExecution = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('manual') }).strict(),
  z
    .object({
      mode: z.literal('automatic'),
      executor: Uuid,
      timeLimitMinutes: ExecutionTimeLimit,
    })
    .strict(),
]);
export type ArticleFileExecution = z.infer<typeof ArticleFileExecution>;

export const ArticleFileEntry = z
  .object({
    code: CatalogCode,
    name: Name,
    help: Help.optional(),
    billingMode: z.enum(billingModes),
    priceTokens: z.number().int().min(0).max(1_000_000),
    execution: ArticleFileExecution.optional(),
    form: FormDefinitionInput,
  })
  .strict();
export type ArticleFileEntry = z.infer<typeof ArticleFileEntry>;

export const CategoryFileEntry = z
  .object({
    code: CatalogCode,
    name: Name,
    help: Help.optional(),
    articles: z.array(ArticleFileEntry).max(200).default([]),
  })
  .strict();
export type CategoryFileEntry = z.infer<typeof CategoryFileEntry>;

export const CatalogFileEntry = z
  .object({
    code: CatalogCode,
    name: Name,
    help: Help.optional(),
    assetTypes: z.array(AssetType).min(1).max(50),
    offers: z.array(Offer).max(20).default([]),
    contractIds: z.array(ContractId).max(1000).default([]),
    /** Categories in order; articles of a catalog without categories go in `articles`. */
    categories: z.array(CategoryFileEntry).max(100).default([]),
    articles: z.array(ArticleFileEntry).max(200).default([]),
  })
  .strict();
export type CatalogFileEntry = z.infer<typeof CatalogFileEntry>;

/** A catalogs file (docs/forms.md): catalogs in order, each with its categories and articles. */
export const CatalogFile = z.object({ catalogs: z.array(CatalogFileEntry).max(200) }).strict();
export type CatalogFile = z.infer<typeof CatalogFile>;

export const CatalogExport = z.object({ fileName: z.string(), yaml: z.string() });
export type CatalogExport = z.infer<typeof CatalogExport>;

export const CatalogImportBody = z
  .object({
    yaml: z.string().min(1).max(2_000_000),
    /** false: only say what the import would change; true: change it (one transaction). */
    apply: z.boolean().default(false),
  })
  .strict();
export type CatalogImportBody = z.infer<typeof CatalogImportBody>;

/**
 * One change an import makes: `create` a catalog, category or article, `update` some of its
 * `fields`, or `publish` a new version of an article whose definition differs.
 */
export const CatalogChange = z.object({
  action: z.enum(['create', 'update', 'publish']),
  target: z.enum(['catalog', 'category', 'article']),
  /** `catalog`, `catalog/category` or `catalog/article`. */
  path: z.string(),
  fields: z.array(z.string()),
  version: z.number().int().optional(),
});
export type CatalogChange = z.infer<typeof CatalogChange>;

export const CatalogImportResult = z.object({
  applied: z.boolean(),
  changes: z.array(CatalogChange),
});
export type CatalogImportResult = z.infer<typeof CatalogImportResult>;
