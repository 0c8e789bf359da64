/**
 * Types of `@guichet/contracts` schemas that the package does not export as types yet
 * (it exports the schemas only). Inferred here, never redefined, so they follow the schemas.
 */
import type { z } from 'zod';
import type {
  CatalogView,
  ContractList,
  LocaleBody as LocaleBodySchema,
  PerimeterBody as PerimeterBodySchema,
  RequestDetail,
} from '@guichet/contracts';

export type ContractListView = z.infer<typeof ContractList>;
export type CategoryView = CatalogView['categories'][number];
export type RequestEvent = RequestDetail['events'][number];
export type PerimeterBody = z.infer<typeof PerimeterBodySchema>;
export type LocaleBody = z.infer<typeof LocaleBodySchema>;
