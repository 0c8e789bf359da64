import {
  DomainError,
  allowedActions,
  localDate,
  operatorRoles,
  requestActions,
  rolesWith,
  statusesInGroup,
} from '@guichet/domain';
import type { OperatorRole, RequestAction, RequestStatus } from '@guichet/domain';
import { operatorActions } from '@guichet/contracts';
import type {
  BackOfficeRequestDetail,
  MoveBody,
  OperatorAction,
  OperatorCommentBody,
  OperatorList,
  OperatorView,
  QueueFilterOptions,
  QueueItem,
  QueuePage,
  QueueQuery,
  RequestEventView,
  ScheduleBody,
  SendQuoteBody,
} from '@guichet/contracts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireOperator } from '../../http/access.ts';
import { keysetOf, keysetPage } from '../../lib/cursor.ts';
import { eventChanges } from '../../lib/event-changes.ts';
import { omitEmpty } from '../../lib/omit-empty.ts';
import * as dueDates from '../due-dates/due-dates.service.ts';
import { backOfficeExecutionOf } from '../executions/executions.service.ts';
import * as processing from '../processing/processing.service.ts';
import * as windows from '../execution-windows/execution-windows.service.ts';
import type { Acting, LockedRequest } from '../processing/processing.service.ts';
import { bilingual, presentRequestSummary } from '../requests/request-summary.presenter.ts';
import * as repository from './back-office.repository.ts';
import type { QueueFilter, QueueRow } from './back-office.repository.ts';

const processingRoles = rolesWith('process_requests');

export function operatorOf(auth: AuthContext): Acting & { id: string; kind: 'operator' } {
  requireOperator(auth, processingRoles);
  return { kind: 'operator', id: auth.user.id, name: auth.user.displayName };
}

function roleOf(value: string | null): OperatorRole {
  return operatorRoles.find((role) => role === value) ?? 'agent';
}

function toQueueItem(row: QueueRow, now: Date): QueueItem {
  return {
    ...presentRequestSummary(row),
    customerId: row.customer_id,
    customerName: row.customer_name,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    dueAt: row.next_due_at?.toISOString() ?? null,
    ...omitEmpty({ dueState: queueDueState(row, now) }),
  };
}

/** The queue's due state from the stored next due date (decision 0036). */
function queueDueState(row: QueueRow, now: Date): QueueItem['dueState'] {
  if (row.next_due_at === null) return row.due_paused ? 'paused' : undefined;
  if (now.getTime() >= row.next_due_at.getTime()) return 'late';
  if (row.next_risk_at !== null && now.getTime() >= row.next_risk_at.getTime()) return 'at_risk';
  return 'on_time';
}

function statusesOf(
  query: Pick<QueueQuery, 'status' | 'group'>,
): readonly RequestStatus[] | undefined {
  if (query.status) return [query.status];
  if (query.group === 'open')
    return [...statusesInGroup('transmise'), ...statusesInGroup('en_cours')];
  if (query.group) return statusesInGroup(query.group);
  return undefined;
}

/** The repository's filter for the queue's query (the list and its export alike). */
export function queueFilterOf(
  deps: Deps,
  auth: AuthContext,
  query: Omit<QueueQuery, 'limit' | 'cursor'>,
): Omit<QueueFilter, 'limit' | 'after'> {
  const statuses = statusesOf(query);
  const assigneeId =
    query.assignee === 'me' ? auth.user.id : query.assignee === 'none' ? null : query.assignee;
  return {
    sort: query.sort,
    ...omitEmpty({
      statuses,
      customerId: query.customerId,
      contractId: query.contractId,
      catalogId: query.catalogId,
      articleId: query.articleId,
      assigneeId,
      submittedBefore:
        query.minAgeDays === undefined
          ? undefined
          : new Date(deps.clock().getTime() - query.minAgeDays * 86_400_000),
      q: query.q,
      due: query.due ? { state: query.due, now: deps.clock() } : undefined,
    }),
  };
}

/** The queue: every customer's requests, filtered, searched, sorted, by pages. */
export async function listQueue(
  deps: Deps,
  auth: AuthContext,
  query: QueueQuery,
): Promise<QueuePage> {
  operatorOf(auth);
  const after = keysetOf(query.cursor);
  const { rows, total } = await repository.listQueue(deps.db, {
    ...queueFilterOf(deps, auth, query),
    limit: query.limit,
    ...omitEmpty({ after }),
  });
  const now = deps.clock();
  return {
    ...keysetPage(
      rows,
      query.limit,
      (row) => toQueueItem(row, now),
      (last) => repository.cursorOf(last, query.sort),
    ),
    total,
  };
}

export async function listOperators(deps: Deps, auth: AuthContext): Promise<OperatorList> {
  operatorOf(auth);
  const rows = await repository.listOperators(deps.db, processingRoles);
  return {
    items: rows.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      email: row.email,
      role: roleOf(row.operator_role),
    })),
  };
}

export async function filterOptions(deps: Deps, auth: AuthContext): Promise<QueueFilterOptions> {
  operatorOf(auth);
  const [customers, contracts, catalogs, articles, operators] = await Promise.all([
    repository.listCustomers(deps.db),
    repository.listContracts(deps.db),
    repository.listCatalogs(deps.db),
    repository.listArticles(deps.db),
    listOperators(deps, auth),
  ]);
  return {
    customers,
    contracts: contracts.map((contract) => ({
      id: contract.id,
      customerId: contract.customer_id,
    })),
    catalogs: catalogs.map((catalog) => ({
      id: catalog.id,
      name: { fr: catalog.name_fr, en: catalog.name_en },
    })),
    articles: articles.map((article) => ({
      id: article.id,
      catalogId: article.catalog_id,
      name: { fr: article.name_fr, en: article.name_en },
    })),
    operators: operators.items,
  };
}

function isRequestAction(value: unknown): value is RequestAction {
  return requestActions.some((action) => action === value);
}

function toEventView(
  event: Awaited<ReturnType<typeof processing.listEvents>>[number],
): RequestEventView {
  const action = event.data['action'];
  const note = event.data['note'];
  return {
    at: event.at.toISOString(),
    kind: event.kind,
    actorName: event.actor_name,
    fromStatus: event.from_status as RequestStatus | null,
    toStatus: event.to_status as RequestStatus | null,
    action: isRequestAction(action) ? action : null,
    note: typeof note === 'string' ? note : null,
    ...eventChanges(event.data),
  };
}

/** Everything about one request, for the operator: internal comments and events included. */
export async function getRequest(
  deps: Deps,
  auth: AuthContext,
  id: string,
): Promise<BackOfficeRequestDetail> {
  operatorOf(auth);
  const row = await repository.findRequest(deps.db, id);
  if (!row) throw new DomainError('not_found', 'Request not found');
  const [events, activity, windowViews, proposedWindow, due, execution] = await Promise.all([
    processing.listEvents(deps, id),
    processing.loadActivity(deps, id, { includeInternal: true }),
    windows.requestWindows(deps, id),
    windows.proposalFor(deps, id),
    dueDates.dueDatesOf(deps, id),
    backOfficeExecutionOf(deps, id),
  ]);
  const possible = allowedActions(row.status, 'operator');
  const assignee: OperatorView | null =
    row.assignee_id === null
      ? null
      : {
          id: row.assignee_id,
          displayName: row.assignee_name ?? '',
          email: row.assignee_email ?? '',
          role: roleOf(row.assignee_role),
        };
  return {
    ...toQueueItem(row, deps.clock()),
    assetId: row.asset_id,
    assetRetiredAt: row.asset_retired_at?.toISOString() ?? null,
    catalogId: row.catalog_id,
    categoryName: bilingual(row.category_name_fr, row.category_name_en),
    articleId: row.article_id,
    articleVersionId: row.article_version_id,
    form: row.form ?? null,
    values: row.values,
    comment: row.comment,
    outsideBusinessHours: row.outside_business_hours,
    ...windowViews,
    billing: row.billing ?? null,
    version: row.version,
    events: events.map(toEventView),
    customer: { id: row.customer_id, name: row.customer_name },
    contract: {
      id: row.contract_id,
      offer: row.offer,
      supportLevel: row.support_level,
      freeChangesPerMonth: row.free_changes_per_month,
      tokenPriceEur: Number(row.token_price_eur),
      timeZone: row.time_zone,
    },
    articleVersion:
      row.article_version === null || row.billing_mode === null || row.price_tokens === null
        ? null
        : {
            version: row.article_version,
            billingMode: row.billing_mode,
            priceTokens: row.price_tokens,
          },
    authorEmail: row.author_email,
    assignee,
    ...activity,
    allowedActions: operatorActions.filter((action) => possible.includes(action)),
    proposedWindow: possible.includes('schedule') ? proposedWindow : null,
    ...omitEmpty({ dueDates: due }),
    ...(execution ? { execution } : {}),
  };
}

/**
 * The request as the back-office may reach it, else 404: drafts are their authors' only, and a
 * request held for approval has not reached the provider yet.
 */
function inBackOffice<Row extends { status: string; held_for_approval: boolean }>(
  row: Row | undefined,
): Row {
  if (!row || row.status === 'draft' || row.held_for_approval) {
    throw new DomainError('not_found', 'Request not found');
  }
  return row;
}

/**
 * Runs `work` on the confirmed request, locked, in one transaction; then answers its detail.
 * Drafts are their authors' only: unknown to the back-office.
 */
export async function withLockedRequest(
  deps: Deps,
  auth: AuthContext,
  id: string,
  work: (scoped: Deps, locked: LockedRequest) => Promise<void>,
): Promise<BackOfficeRequestDetail> {
  operatorOf(auth);
  await deps.db.transaction().execute(async (trx) => {
    const scoped = { ...deps, db: trx };
    await work(scoped, inBackOffice(await processing.lockRequest(scoped, id)));
  });
  return getRequest(deps, auth, id);
}

/** Take (`assigneeId` = self), give to another operator, or release (null). */
export async function assign(
  deps: Deps,
  auth: AuthContext,
  id: string,
  assigneeId: string | null,
): Promise<BackOfficeRequestDetail> {
  const actor = operatorOf(auth);
  let assignee: { id: string; name: string } | null = null;
  if (assigneeId !== null) {
    const operator = await processing.findOperator(deps, assigneeId, processingRoles);
    if (!operator) {
      throw new DomainError('not_found', 'Operator not found', [
        { path: 'assigneeId', message: 'No operator may be given requests under this id' },
      ]);
    }
    assignee = { id: operator.id, name: operator.display_name };
  }
  return withLockedRequest(deps, auth, id, (scoped, locked) =>
    processing.assign(scoped, locked, actor, assignee),
  );
}

type SimpleMove = Exclude<OperatorAction, 'send_quote' | 'reject' | 'schedule' | 'ask_customer'>;

/** start review, ask for a quote, mark done. */
export async function move(
  deps: Deps,
  auth: AuthContext,
  id: string,
  action: SimpleMove,
  body: MoveBody,
): Promise<BackOfficeRequestDetail> {
  const actor = operatorOf(auth);
  return withLockedRequest(deps, auth, id, async (scoped, locked) => {
    await processing.applyMove(scoped, locked, {
      action,
      actor,
      note: body.note ?? null,
      takeIfUnassigned: action === 'start_review',
    });
  });
}

export async function reject(
  deps: Deps,
  auth: AuthContext,
  id: string,
  reason: string,
): Promise<BackOfficeRequestDetail> {
  const actor = operatorOf(auth);
  return withLockedRequest(deps, auth, id, async (scoped, locked) => {
    await processing.applyMove(scoped, locked, { action: 'reject', actor, note: reason });
  });
}

/**
 * Schedules the change: the request goes in progress (« En cours de réalisation »), with the
 * planned day, if given, in its history, and the planned window, if given, kept with the
 * request (refused inside a freeze, decision 0037).
 */
export async function schedule(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: ScheduleBody,
): Promise<BackOfficeRequestDetail> {
  const actor = operatorOf(auth);
  return withLockedRequest(deps, auth, id, async (scoped, locked) => {
    if (body.plannedFor && body.plannedFor < localDate(deps.clock(), locked.time_zone)) {
      throw new DomainError('validation_failed', 'The planned day is already past', [
        { path: 'plannedFor', message: 'The planned day is already past', rule: 'in_the_past' },
      ]);
    }
    const planned = body.plannedWindow
      ? await windows.planWindow(scoped, id, body.plannedWindow, auth.user.locale)
      : null;
    const when = planned
      ? `${planned.local.startsAt.replace('T', ' ')} → ${planned.local.endsAt.replace('T', ' ')} (${planned.timeZone})`
      : body.plannedFor;
    await processing.applyMove(scoped, locked, {
      action: 'schedule',
      actor,
      note: when ? `${when}${body.note ? ` — ${body.note}` : ''}` : (body.note ?? null),
      data: {
        plannedFor: body.plannedFor ?? null,
        ...(planned
          ? { plannedWindow: { startsAt: planned.startsAt, endsAt: planned.endsAt } }
          : {}),
      },
    });
  });
}

export async function sendQuote(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: SendQuoteBody,
): Promise<BackOfficeRequestDetail> {
  const actor = operatorOf(auth);
  return withLockedRequest(deps, auth, id, (scoped, locked) =>
    processing.sendQuote(scoped, locked, actor, body),
  );
}

export async function addComment(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: OperatorCommentBody,
): Promise<BackOfficeRequestDetail> {
  const actor = operatorOf(auth);
  return withLockedRequest(deps, auth, id, async (scoped, locked) => {
    await processing.addComment(scoped, locked, actor, body);
  });
}

/** Checks the caller and the declared file before its bytes are read; then stores it. */
export async function addAttachment(
  deps: Deps,
  auth: AuthContext,
  id: string,
  upload: {
    fileName: string;
    mediaType: string;
    isInternal: boolean;
    read: () => Promise<Buffer>;
  },
): Promise<BackOfficeRequestDetail> {
  const actor = operatorOf(auth);
  inBackOffice(await processing.findRequestHeader(deps, id));
  processing.checkDeclaredFile(upload.fileName, upload.mediaType);
  const content = await upload.read();
  return withLockedRequest(deps, auth, id, async (scoped, locked) => {
    await processing.addAttachment(scoped, locked, actor, { ...upload, content });
  });
}

export async function readAttachment(
  deps: Deps,
  auth: AuthContext,
  id: string,
  attachmentId: string,
) {
  operatorOf(auth);
  inBackOffice(await processing.findRequestHeader(deps, id));
  return processing.readAttachment(deps, id, attachmentId, { includeInternal: true });
}
