import { z } from 'zod';
import { billingModes } from '@guichet/domain';
import type { FormDefinition } from '@guichet/domain';
import { ContractId, LocalizedText, Uuid, page, pageQuery, searchText } from './common.ts';

export const AssetView = z.object({
  id: Uuid,
  contractId: ContractId,
  reference: z.string(),
  label: z.string(),
  type: z.string(),
  site: z.string().nullable(),
  solution: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  /** When the provider's inventory stopped holding the item (a `full` sync); null while held. */
  retiredAt: z.string().nullable(),
});
export type AssetView = z.infer<typeof AssetView>;

export const AssetSearchQuery = z.object({
  q: searchText(),
  catalogId: Uuid.optional(),
  ...pageQuery(20, 50, 200),
});
export const AssetPage = page(AssetView);
export type AssetPage = z.infer<typeof AssetPage>;
export const AssetContractParams = z.object({ contractId: ContractId });

export const OpenRequestRef = z.object({ id: Uuid, number: z.string(), status: z.string() });
export const AssetDetail = AssetView.extend({ openRequests: z.array(OpenRequestRef) });
export type AssetDetail = z.infer<typeof AssetDetail>;

/** A form definition is data validated where it is authored; here it travels as is. */
export const FormDefinitionSchema = z.custom<FormDefinition>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { fields?: unknown }).fields),
);

export const ArticleView = z.object({
  id: Uuid,
  code: z.string(),
  name: LocalizedText,
  help: LocalizedText.nullable(),
  billingMode: z.enum(billingModes),
  priceTokens: z.number().int(),
  versionId: Uuid,
  version: z.number().int(),
  form: FormDefinitionSchema,
});
export type ArticleView = z.infer<typeof ArticleView>;

/** What names a catalog or one of its categories to customers. */
const catalogEntry = {
  id: Uuid,
  code: z.string(),
  name: LocalizedText,
  help: LocalizedText.nullable(),
};

export const CategoryView = z.object({
  ...catalogEntry,
  articles: z.array(ArticleView),
});

export type CategoryView = z.infer<typeof CategoryView>;

export const CatalogView = z.object({
  ...catalogEntry,
  /** Catalogs without categories list their articles here. */
  articles: z.array(ArticleView),
  categories: z.array(CategoryView),
});
export type CatalogView = z.infer<typeof CatalogView>;
export const CatalogList = z.object({ items: z.array(CatalogView) });
export type CatalogList = z.infer<typeof CatalogList>;

export const CatalogQuery = z.object({ assetId: Uuid.optional() });
