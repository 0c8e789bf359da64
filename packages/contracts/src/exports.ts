import { z } from 'zod';
import { isTimeZone, portalGroups, requestStatuses } from '@guichet/domain';
import { QueueQuery, queueSorts } from './back-office.ts';
import { ContractId, Uuid, searchText, singleLineText } from './common.ts';
import { queueDueFilters } from './due-dates.ts';
import { RequestListQuery } from './requests.ts';
import { CsvQuery } from './statements.ts';

/**
 * A CSV export's own fields (decision 0033): the separator, and the time zone its dates are
 * written in — the user's (the web app sends the browser's), Paris when left out.
 */
export const CsvExportFields = CsvQuery.extend({
  timeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, { message: 'An IANA time zone, such as Europe/Paris' })
    .default('Europe/Paris'),
});

/** The customer's list as CSV: the list's filters, every page. */
export const RequestExportQuery = RequestListQuery.omit({ limit: true, cursor: true }).extend(
  CsvExportFields.shape,
);
export type RequestExportQuery = z.infer<typeof RequestExportQuery>;

/** The back-office's queue as CSV: the queue's filters and sort, every page. */
export const QueueExportQuery = QueueQuery.omit({ limit: true, cursor: true }).extend(
  CsvExportFields.shape,
);
export type QueueExportQuery = z.infer<typeof QueueExportQuery>;

// ---- saved views ---------------------------------------------------------------------------

/**
 * A customer's view: the list's URL parameters (`/demandes?group=…`), as the page reads them.
 * Unknown parameters are refused, so that what is stored is what the page understands.
 */
export const RequestViewParams = z
  .object({
    group: z.enum(portalGroups).optional(),
    q: searchText(),
    contractId: ContractId.optional(),
    assetId: Uuid.optional(),
  })
  .strict()
  .meta({ id: 'RequestViewParams' });
export type RequestViewParams = z.infer<typeof RequestViewParams>;

/** An operator's view: the queue's URL parameters (`/back-office?statut=…&tri=…`). */
export const QueueViewParams = z
  .object({
    statut: z
      .enum([
        'open',
        'all',
        'transmise',
        'en_cours',
        'terminee',
        ...requestStatuses.filter((status) => status !== 'draft'),
      ])
      .optional(),
    vue: z.enum(['all', 'mine', 'unassigned']).optional(),
    client: Uuid.optional(),
    contrat: ContractId.optional(),
    catalogue: Uuid.optional(),
    article: Uuid.optional(),
    attribuee: Uuid.optional(),
    anciennete: z.enum(['1', '3', '7', '30']).optional(),
    q: searchText(),
    tri: z.enum(queueSorts).optional(),
    /** « En retard » / « À risque » (decision 0036). */
    echeance: z.enum(queueDueFilters).optional(),
  })
  .strict()
  .meta({ id: 'QueueViewParams' });
export type QueueViewParams = z.infer<typeof QueueViewParams>;

/** A view's name: one line, stored as sent, not blank. */
export const SavedViewName = singleLineText(80).refine((name) => name.trim() !== '', {
  message: 'A name is required',
  params: { rule: 'required' },
});

const savedViewFields = {
  id: Uuid,
  name: z.string(),
  /** The caller made it: only they rename, share or delete it. */
  isMine: z.boolean(),
  ownerName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const RequestView = z
  .object({
    ...savedViewFields,
    params: RequestViewParams,
    /** Shared with the users who may read this contract's requests; null: the owner's only. */
    sharedContractId: ContractId.nullable(),
  })
  .meta({ id: 'RequestView' });
export type RequestView = z.infer<typeof RequestView>;
export const RequestViewList = z.object({ items: z.array(RequestView) });
export type RequestViewList = z.infer<typeof RequestViewList>;

export const CreateRequestViewBody = z
  .object({
    name: SavedViewName,
    params: RequestViewParams,
    sharedContractId: ContractId.nullable().default(null),
  })
  .strict();
export type CreateRequestViewBody = z.infer<typeof CreateRequestViewBody>;

export const UpdateRequestViewBody = z
  .object({
    name: SavedViewName.optional(),
    params: RequestViewParams.optional(),
    sharedContractId: ContractId.nullable().optional(),
  })
  .strict();
export type UpdateRequestViewBody = z.infer<typeof UpdateRequestViewBody>;

export const QueueView = z
  .object({
    ...savedViewFields,
    params: QueueViewParams,
    /** Shared with every operator who works the queue. */
    isShared: z.boolean(),
  })
  .meta({ id: 'QueueView' });
export type QueueView = z.infer<typeof QueueView>;
export const QueueViewList = z.object({ items: z.array(QueueView) });
export type QueueViewList = z.infer<typeof QueueViewList>;

export const CreateQueueViewBody = z
  .object({
    name: SavedViewName,
    params: QueueViewParams,
    isShared: z.boolean().default(false),
  })
  .strict();
export type CreateQueueViewBody = z.infer<typeof CreateQueueViewBody>;

export const UpdateQueueViewBody = z
  .object({
    name: SavedViewName.optional(),
    params: QueueViewParams.optional(),
    isShared: z.boolean().optional(),
  })
  .strict();
export type UpdateQueueViewBody = z.infer<typeof UpdateQueueViewBody>;
