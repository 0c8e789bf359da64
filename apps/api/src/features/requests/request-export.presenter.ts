import type { ExportedRequest } from '@guichet/domain';
import type { SummaryFields } from './request-summary.presenter.ts';
import { bilingual } from './request-summary.presenter.ts';

/** A listed row as the CSV export writes it: the customer's list and the queue alike. */
export function presentExportedRequest(
  row: SummaryFields & { customer_name?: string; assignee_name?: string | null },
): ExportedRequest {
  return {
    number: row.number,
    requestType: row.request_type,
    status: row.status,
    contractId: row.contract_id,
    customerName: row.customer_name ?? null,
    assetReference: row.asset_reference,
    assetLabel: row.asset_label,
    catalogName: bilingual(row.catalog_name_fr, row.catalog_name_en),
    articleName: bilingual(row.article_name_fr, row.article_name_en),
    customerReference: row.customer_reference,
    authorName: row.author_name,
    assigneeName: row.assignee_name ?? null,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
  };
}
