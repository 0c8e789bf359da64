import {
  DomainError,
  contractsWith,
  hasProfile,
  migrateValues,
  requestActions,
  statusesInGroup,
} from '@guichet/domain';
import type { FormDefinition, FormValues } from '@guichet/domain';
import type { FormChanges, RequestDetail, RequestListQuery, RequestPage } from '@guichet/contracts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { keysetOf, keysetPage } from '../../lib/cursor.ts';
import { eventChanges } from '../../lib/event-changes.ts';
import { omitEmpty } from '../../lib/omit-empty.ts';
import * as catalogs from '../catalogs/catalogs.service.ts';
import * as dueDates from '../due-dates/due-dates.service.ts';
import { requestExecutionOf } from '../executions/executions.service.ts';
import { requestWindows } from '../execution-windows/execution-windows.service.ts';
import { openRequestViews } from './request-fields.ts';
import * as lists from './request-lists.repository.ts';
import type { RequestDetailRow } from './request-lists.repository.ts';
import { bilingual, presentRequestSummary } from './request-summary.presenter.ts';

export async function listRequests(
  deps: Deps,
  auth: AuthContext,
  query: RequestListQuery,
): Promise<RequestPage> {
  const { rows, total } = await lists.listRequests(deps.db, {
    contractIds: contractsWith(auth.grants, 'requests', 'viewer'),
    viewerId: auth.user.id,
    limit: query.limit,
    ...omitEmpty({
      statuses: query.group ? statusesInGroup(query.group) : undefined,
      q: query.q,
      contractId: query.contractId,
      assetId: query.assetId,
      // the keyset of a list cursor: the last row's `issued_at` and id
      after: keysetOf(query.cursor),
    }),
  });
  return {
    ...keysetPage(rows, query.limit, presentRequestSummary, (last) => [
      last.issued_at.toISOString(),
      last.id,
    ]),
    total,
  };
}

/** A request the caller may see (drafts: their author only), or 404. */
export async function getRequest(
  deps: Deps,
  auth: AuthContext,
  id: string,
): Promise<RequestDetail> {
  const row = await lists.findRequest(deps.db, id);
  const visible =
    row !== undefined &&
    hasProfile(auth.grants, row.contract_id, 'requests', 'viewer') &&
    (row.status !== 'draft' || row.author_id === auth.user.id);
  if (!row || !visible) throw new DomainError('not_found', 'Request not found');
  const events = await lists.listEvents(deps.db, id);
  const moved = row.status === 'draft' ? await draftOnCurrentVersion(deps, row) : null;
  const execution = row.status === 'draft' ? null : await requestExecutionOf(deps, id);
  const windows = await requestWindows(deps, id);
  const dueDate = row.status === 'draft' ? undefined : await dueDates.customerDueDateOf(deps, id);
  return {
    ...presentRequestSummary(row),
    assetId: row.asset_id,
    assetRetiredAt: row.asset_retired_at?.toISOString() ?? null,
    catalogId: row.catalog_id,
    categoryName: bilingual(row.category_name_fr, row.category_name_en),
    articleId: row.article_id,
    articleVersionId: moved?.versionId ?? row.article_version_id,
    form: moved?.form ?? row.form ?? null,
    values: moved?.values ?? row.values,
    comment: row.comment,
    outsideBusinessHours: row.outside_business_hours,
    ...windows,
    billing: row.billing ?? null,
    version: row.version,
    canEdit:
      row.status === 'draft' &&
      row.author_id === auth.user.id &&
      hasProfile(auth.grants, row.contract_id, 'requests', 'manager'),
    events: events.map((event) => ({
      at: event.at.toISOString(),
      kind: event.kind,
      actorName: event.actor_name,
      fromStatus: event.from_status,
      toStatus: event.to_status,
      action: requestActions.find((action) => action === event.data['action']) ?? null,
      note: typeof event.data['note'] === 'string' ? event.data['note'] : null,
      ...eventChanges(event.data),
      ...(typeof event.data['onBehalfOfName'] === 'string'
        ? { onBehalfOfName: event.data['onBehalfOfName'] }
        : {}),
    })),
    ...(moved ? { formChanges: moved.formChanges } : {}),
    ...(execution ? { execution } : {}),
    ...(dueDate ? { dueDate } : {}),
  };
}

/**
 * A draft started on an older version of its article, moved to the current one: the values
 * that still fit and what changed (issue 5). Only shown: the next save stores it. Null when
 * the draft is on the current version, or its article is no longer offered on the contract.
 */
async function draftOnCurrentVersion(
  deps: Deps,
  row: RequestDetailRow,
): Promise<{
  versionId: string;
  form: FormDefinition;
  values: FormValues;
  formChanges: FormChanges;
} | null> {
  if (row.article_id === null || row.article_version_id === null || row.form === null) return null;
  const current = await catalogs
    .currentArticle(deps, {
      contractId: row.contract_id,
      catalogId: row.catalog_id,
      articleId: row.article_id,
      assetType: null,
    })
    .catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found') return null;
      throw error;
    });
  if (!current || current.version_id === row.article_version_id) return null;
  const previous = await catalogs.findVersion(deps, row.article_version_id);
  const form = current.form;
  const { values, changes } = migrateValues(row.form, form, row.values);
  return {
    versionId: current.version_id,
    form,
    values,
    formChanges: { fromVersion: previous?.version ?? 0, toVersion: current.version, changes },
  };
}

export async function openRequestsOnAsset(deps: Deps, assetId: string) {
  return openRequestViews(await lists.openRequestsOnAsset(deps.db, assetId));
}
