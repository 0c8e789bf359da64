import { portalGroup } from '@guichet/domain';
import type { RequestStatus } from '@guichet/domain';
import type { RequestSummary } from '@guichet/contracts';

/** The columns a request's summary is built from, as the customer list and the queue read them. */
export interface SummaryFields {
  id: string;
  number: string | null;
  request_type: RequestSummary['requestType'];
  status: RequestStatus;
  contract_id: string;
  asset_reference: string | null;
  asset_label: string | null;
  catalog_name_fr: string | null;
  catalog_name_en: string | null;
  article_name_fr: string | null;
  article_name_en: string | null;
  customer_reference: string | null;
  author_name: string;
  created_at: Date;
  submitted_at: Date | null;
  updated_at: Date;
}

/** A name in both languages, or null when there is none (a missing English one shows blank). */
export function bilingual(fr: string | null, en: string | null) {
  return fr === null ? null : { fr, en: en ?? '' };
}

/** A request's summary, the same for the customer's list and the back-office's queue. */
export function presentRequestSummary(row: SummaryFields): RequestSummary {
  return {
    id: row.id,
    number: row.number,
    requestType: row.request_type,
    status: row.status,
    group: portalGroup(row.status),
    contractId: row.contract_id,
    assetReference: row.asset_reference,
    assetLabel: row.asset_label,
    catalogName: bilingual(row.catalog_name_fr, row.catalog_name_en),
    articleName: bilingual(row.article_name_fr, row.article_name_en),
    customerReference: row.customer_reference,
    authorName: row.author_name,
    createdAt: row.created_at.toISOString(),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}
