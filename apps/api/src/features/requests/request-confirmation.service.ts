import { createHash, randomUUID } from 'node:crypto';
import {
  DomainError,
  billingMonth,
  denialReason,
  formatRequestNumber,
  nextOutcome,
  nextStatus,
  outcomeTaking,
  pruneHidden,
  requestNumberParts,
} from '@guichet/domain';
import type { FormDefinition, PricedDecision, RequestStatus } from '@guichet/domain';
import type {
  ConfirmDraftBody,
  CreateRequestBody,
  RequestDetail,
  RequestFields,
} from '@guichet/contracts';
import type { Db } from '@guichet/db';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireGrant } from '../../http/access.ts';
import * as approvals from '../approvals/approvals.service.ts';
import * as contracts from '../contracts/contracts.service.ts';
import * as contractRights from '../contract-rights/contract-rights.service.ts';
import * as dueDates from '../due-dates/due-dates.service.ts';
import * as notifications from '../notifications/notifications.service.ts';
import * as windows from '../execution-windows/execution-windows.service.ts';
import * as confirmation from './request-confirmation.repository.ts';
import type { ConfirmationContext } from './request-confirmation.repository.ts';
import {
  billingNotAcknowledged,
  checkForConfirmation,
  invalidForm,
  judgeConfirmation,
  planOf,
  requireDraftValues,
  resolveFields,
} from './request-fields.ts';
import type { ArticleChoice, ConfirmationTerms, Resolved } from './request-fields.ts';
import { bilingual, presentRequestSummary } from './request-summary.presenter.ts';
import { getRequest } from './request-views.service.ts';
import * as repository from './requests.repository.ts';
import type { RequestRow } from './requests.repository.ts';

/**
 * Everything a confirmation checks and writes, inside the caller's transaction: complete
 * form, valid values, exact billing, a gapless number, the event.
 */
export async function confirmInTransaction(
  deps: Deps,
  trx: Db,
  auth: AuthContext,
  resolved: Resolved,
  options: { acknowledgeBilling: boolean; existingVersion: number | null },
): Promise<void> {
  const { row } = resolved;
  await contractRights.requireAuthorisedRequester(deps, auth, row.contractId);
  const now = deps.clock();
  const checked = await checkForConfirmation({ ...deps, db: trx }, auth, resolved, now);
  const { contract, article } = checked;
  if (checked.errors.length > 0 || !article) throw invalidForm(checked);
  const window =
    resolved.window &&
    windows.requireWindow(resolved.window, contract.time_zone, auth.user.locale, {
      path: 'executionWindow',
      now,
    });
  row.values = checked.values;
  const month = billingMonth(now, contract.time_zone);
  const plan = planOf(article, contract, {
    outsideBusinessHours: row.outsideBusinessHours,
    acknowledgeBilling: options.acknowledgeBilling,
  });
  const scoped = { ...deps, db: trx };
  // Approvals (decision 0034): judged on the decision confirming now would take; a held
  // request takes no free change and has no billing month until it reaches the provider.
  const provisionally = async () =>
    nextOutcome(plan, await contracts.freeChangesUsed(scoped, contract.id, month));
  const approval =
    row.catalogId && row.articleId
      ? await approvals.approvalNeeded(scoped, {
          contractId: contract.id,
          requesterId: auth.user.id,
          catalogId: row.catalogId,
          articleId: row.articleId,
          billing: async () => (await provisionally()).billing,
        })
      : null;
  const took =
    approval === null && article.billing_mode === 'counted'
      ? await repository.takeFreeChange(trx, contract.id, month, contract.free_changes_per_month)
      : null;
  const outcome =
    approval === null
      ? outcomeTaking(plan, took)
      : {
          ...(await provisionally()),
          status: nextStatus('draft', 'confirm_for_approval', 'customer'),
        };
  if (outcome.isRefused) throw billingNotAcknowledged(auth);
  const { status, billing } = outcome;
  const number = formatRequestNumber(
    Number(month.slice(0, 4)),
    await repository.nextSequence(trx, Number(month.slice(0, 4))),
  );
  const write = {
    ...row,
    status,
    number,
    billing,
    billingMonth: approval === null ? month : null,
    at: now,
    heldForApproval: approval !== null,
  };
  if (options.existingVersion === null) {
    await repository.insertRequest(trx, { ...write, authorId: auth.user.id });
    await repository.insertEvent(trx, {
      requestId: row.id,
      actorId: auth.user.id,
      kind: 'created',
      fromStatus: null,
      toStatus: 'draft',
      at: now,
    });
  } else if (
    !(await repository.updateRequest(trx, { ...write, expectedVersion: options.existingVersion }))
  ) {
    throw new DomainError('conflict', 'The draft was changed meanwhile');
  }
  await windows.saveAskedWindow(trx, row.id, window);
  await repository.insertEvent(trx, {
    requestId: row.id,
    actorId: auth.user.id,
    kind: 'confirmed',
    fromStatus: 'draft',
    toStatus: status,
    at: now,
    data: { billing },
  });
  await dueDates.refreshClock({ ...deps, db: trx }, row.id);
  await notifications.notifyRequestConfirmed(
    scoped,
    { id: row.id, number, authorId: auth.user.id, assigneeId: null },
    status,
  );
  if (approval !== null) {
    await approvals.openApproval(
      scoped,
      { id: row.id, number, contractId: contract.id, author: auth.user },
      approval,
      billing,
    );
  }
}

function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/**
 * Creates a request (draft or confirmed). With an idempotency key, a replay of the same body
 * answers with the request the first call created and writes nothing; concurrent replays
 * wait for the first one to commit (or roll back, and then one of them goes ahead).
 */
export async function createRequest(
  deps: Deps,
  auth: AuthContext,
  body: CreateRequestBody,
  idempotencyKey?: string,
): Promise<{ request: RequestDetail; replayed: boolean }> {
  requireGrant(auth, body.contractId, 'requests', 'manager');
  if (body.action === 'confirm') {
    const confirmed = await confirmNew(deps, auth, body, idempotencyKey);
    if (confirmed !== null) return confirmed;
  }
  return createInTransaction(deps, auth, body, idempotencyKey);
}
/** The general path: every check and write in one transaction, statement by statement. */
async function createInTransaction(
  deps: Deps,
  auth: AuthContext,
  body: CreateRequestBody,
  idempotencyKey: string | undefined,
): Promise<{ request: RequestDetail; replayed: boolean }> {
  let id: string = randomUUID();
  let replayed = false;
  await deps.db.transaction().execute(async (trx) => {
    if (idempotencyKey !== undefined) {
      const fingerprint = fingerprintOf(body);
      const claimed = await repository.claimIdempotencyKey(trx, {
        userId: auth.user.id,
        key: idempotencyKey,
        fingerprint,
        requestId: id,
        at: deps.clock(),
      });
      if (claimed !== null) {
        assertSameBody(claimed.fingerprint, fingerprint);
        id = claimed.requestId;
        replayed = true;
        return;
      }
    }
    const scoped = { ...deps, db: trx };
    await contracts.requireContractAllows(
      scoped,
      body.contractId,
      body.action === 'confirm' ? 'confirm' : 'save_draft',
    );
    const resolved = await resolveFields(scoped, id, body);
    if (body.action === 'confirm') {
      await confirmInTransaction(scoped, trx, auth, resolved, {
        acknowledgeBilling: body.acknowledgeBilling,
        existingVersion: null,
      });
      return;
    }
    requireDraftValues(auth, resolved);
    const now = deps.clock();
    await repository.insertRequest(trx, {
      ...resolved.row,
      authorId: auth.user.id,
      status: 'draft',
      number: null,
      billing: null,
      billingMonth: null,
      at: now,
    });
    await repository.insertEvent(trx, {
      requestId: id,
      actorId: auth.user.id,
      kind: 'created',
      fromStatus: null,
      toStatus: 'draft',
      at: now,
    });
    await windows.keepDraftWindow(scoped, auth, resolved.row, resolved.window);
  });
  return { request: await getRequest(deps, auth, id), replayed };
}

function assertSameBody(claimed: string, fingerprint: string): void {
  if (claimed !== fingerprint) {
    throw new DomainError('conflict', 'This Idempotency-Key was already used with another body');
  }
}

/**
 * Confirms a new request in two round trips (decision 0010): one read of everything it
 * refers to, then one statement that writes it whole (see `insertConfirmedRequest`). The
 * checks are those of `confirmInTransaction`, in the same order; whatever this path does
 * not settle itself — an unknown or foreign id, a missing field, a contract that keeps
 * authorised requesters the caller is not one of, a billable change not acknowledged with
 * an idempotency key — answers null, and the general path gives the usual answer.
 */
async function confirmNew(
  deps: Deps,
  auth: AuthContext,
  body: CreateRequestBody,
  idempotencyKey: string | undefined,
  retried = false,
): Promise<{ request: RequestDetail; replayed: boolean } | null> {
  const context = await confirmation.findConfirmationContext(deps.db, {
    contractId: body.contractId,
    assetId: body.assetId ?? null,
    catalogId: body.catalogId ?? null,
    articleId: body.articleId ?? null,
    userId: auth.user.id,
    idempotencyKey: idempotencyKey ?? null,
  });
  const fingerprint = idempotencyKey === undefined ? '' : fingerprintOf(body);
  if (context?.claimed_request_id) {
    assertSameBody(context.claimed_fingerprint ?? '', fingerprint);
    return { request: await getRequest(deps, auth, context.claimed_request_id), replayed: true };
  }
  // A contract with approval rules takes the general path (decision 0034).
  if (context?.has_approval_rules) return null;
  const prepared = context ? prepareWrite(deps, auth, context, body, randomUUID()) : null;
  if (!context || !prepared) return null;
  // A claimed key must not stay behind a refusal: that case takes the general path.
  if (idempotencyKey !== undefined && prepared.plan.outcomes[0]?.isRefused) return null;
  const { row, article, now } = prepared;
  const written = await confirmation.insertConfirmedRequest(deps.db, {
    ...prepared.write,
    idempotency: idempotencyKey === undefined ? null : { key: idempotencyKey, fingerprint },
  });
  if (!written.claimed) {
    // Used meanwhile by a concurrent call, now committed: answer as its replay.
    if (retried) throw new DomainError('conflict', 'This Idempotency-Key is being used');
    return confirmNew(deps, auth, body, idempotencyKey, true);
  }
  if (written.number === null || written.status === null || written.billing === null) {
    throw billingNotAcknowledged(auth);
  }
  // The due dates at once for the queue's sort (decision 0036): the one statement's event
  // marked the clock stale, so a failure here only leaves it to the watch job.
  // The clock computed once: what it wrote is what the answer shows.
  const clock = await deps.db
    .transaction()
    .execute((trx) => dueDates.refreshClock({ ...deps, db: trx }, row.id))
    .then((view) => ({ view }))
    .catch(() => null);
  const dueDate = clock
    ? dueDates.customerDueDateFrom(clock.view)
    : await dueDates.customerDueDateOf(deps, row.id);
  return {
    replayed: false,
    request: {
      ...confirmedDetail(auth, context, {
        row,
        form: article.form,
        number: written.number,
        status: written.status,
        billing: written.billing,
        at: now,
      }),
      ...(dueDate ? { dueDate } : {}),
    },
  };
}

/**
 * Everything the one-statement writer needs, from the context read: the plan, the judged
 * values, the month, the number's parts and the receipts. Null when the read does not
 * settle the confirmation (the general path answers); throws when the form is invalid.
 */
function prepareWrite(
  deps: Deps,
  auth: AuthContext,
  context: ConfirmationContext,
  body: RequestFields & { acknowledgeBilling: boolean },
  id: string,
) {
  const settled = settledFields(context, body);
  // A window asked is judged and kept by the general path (decision 0037).
  if (!settled || body.executionWindow) return null;
  const plan = planOf(
    settled.article,
    context,
    {
      outsideBusinessHours: body.outsideBusinessHours,
      acknowledgeBilling: body.acknowledgeBilling,
    },
    {
      contractStatus: context.contract_status,
      restrictsRequesters: context.restricts_requesters,
      isRequester: context.is_requester,
      // the context reads no retired item: its confirmation takes the general path
      isItemRetired: false,
    },
  );
  // A refusal before any price (contract inactive, requester not authorised): the general
  // path gives its coded answer.
  if (plan.refusal !== null) return null;
  const now = deps.clock();
  const resolved: Resolved = {
    asset: settled.asset,
    article: settled.article,
    window: null,
    row: {
      id,
      contractId: body.contractId,
      assetId: settled.asset.id,
      catalogId: settled.article.catalog_id,
      articleId: settled.article.article_id,
      articleVersionId: settled.article.version_id,
      values: pruneHidden(settled.article.form, body.values),
      customerReference: body.customerReference || null,
      comment: body.comment || null,
      outsideBusinessHours: body.outsideBusinessHours,
    },
  };
  const contract: ConfirmationTerms = {
    id: context.contract_id,
    time_zone: context.time_zone,
    free_changes_per_month: context.free_changes_per_month,
    token_price_eur: context.token_price_eur,
  };
  const checked = judgeConfirmation(auth, contract, resolved, now);
  if (checked.errors.length > 0 || !checked.article) throw invalidForm(checked);
  const month = billingMonth(now, contract.time_zone);
  const year = Number(month.slice(0, 4));
  const placeholder = `GUICHET${randomUUID().replaceAll('-', '')}`;
  const receipt = notifications.confirmationReceipts(
    deps,
    { id, author: auth.user },
    plan.statuses,
    placeholder,
  );
  const { prefix, digits } = requestNumberParts(year);
  const row = { ...resolved.row, values: checked.values };
  return {
    plan,
    row,
    article: checked.article,
    now,
    write: {
      ...row,
      authorId: auth.user.id,
      at: now,
      billingMonth: month,
      year,
      numberPrefix: prefix,
      numberDigits: digits,
      outcomes: plan.outcomes,
      receipt: receipt && { mailId: randomUUID(), placeholder, ...receipt },
    },
  };
}

/**
 * Confirms the caller's draft in two round trips, as `confirmNew` confirms a new request:
 * one read of everything it refers to and of the draft, then one statement that locks the
 * draft at the caller's version and rewrites it confirmed (see `updateConfirmedDraft`).
 * Answers false when this path does not settle it — not the caller's draft, another version
 * or contract, an id that does not agree, a refusal before any price, the draft confirmed,
 * changed or deleted meanwhile — and the general path gives the usual answer.
 */
export async function confirmDraftAtOnce(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: ConfirmDraftBody,
): Promise<boolean> {
  const context = await confirmation.findDraftConfirmationContext(deps.db, {
    draftId: id,
    contractId: body.contractId,
    assetId: body.assetId ?? null,
    catalogId: body.catalogId ?? null,
    articleId: body.articleId ?? null,
    userId: auth.user.id,
  });
  if (
    !context ||
    context.has_approval_rules ||
    context.draft_contract_id !== body.contractId ||
    context.draft_author_id !== auth.user.id ||
    context.draft_status !== 'draft' ||
    context.draft_version !== body.version ||
    denialReason(auth.grants, body.contractId, 'requests', 'manager') !== null
  ) {
    return false;
  }
  const prepared = prepareWrite(deps, auth, context, body, id);
  if (!prepared) return false;
  const written = await confirmation.updateConfirmedDraft(deps.db, {
    ...prepared.write,
    expectedVersion: body.version,
  });
  if (!written.claimed) return false;
  if (written.number === null) throw billingNotAcknowledged(auth);
  return true;
}

/** The item and article of a confirmation when every id given agrees; null otherwise. */
function settledFields(
  context: ConfirmationContext,
  body: RequestFields,
): { asset: NonNullable<Resolved['asset']>; article: ArticleChoice } | null {
  const c = context;
  if (
    c.asset_id === null ||
    c.asset_type === null ||
    c.asset_attributes === null ||
    c.catalog_id === null ||
    !(c.asset_types ?? []).includes(c.asset_type) ||
    c.article_id === null ||
    c.article_catalog_id !== c.catalog_id ||
    c.version_id === null ||
    c.billing_mode === null ||
    c.price_tokens === null ||
    c.json_schema === null ||
    c.form === null ||
    (body.catalogId && body.catalogId !== c.catalog_id)
  ) {
    return null;
  }
  return {
    asset: { id: c.asset_id, type: c.asset_type, attributes: c.asset_attributes },
    article: {
      version_id: c.version_id,
      catalog_id: c.catalog_id,
      article_id: c.article_id,
      form: c.form,
      json_schema: c.json_schema,
      billing_mode: c.billing_mode,
      price_tokens: c.price_tokens,
    },
  };
}

/**
 * The answer to a confirmation, from what it read and wrote: the same as `getRequest`
 * reads back (a route test compares them), without reading it back.
 */
function confirmedDetail(
  auth: AuthContext,
  context: ConfirmationContext,
  written: {
    row: RequestRow;
    form: FormDefinition;
    number: string;
    status: RequestStatus;
    billing: PricedDecision;
    at: Date;
  },
): RequestDetail {
  const { row, status, at } = written;
  const event = (kind: string, fromStatus: RequestStatus | null, toStatus: RequestStatus) => ({
    at: at.toISOString(),
    kind,
    actorName: auth.user.displayName,
    fromStatus,
    toStatus,
    action: null,
    note: null,
  });
  return {
    ...presentRequestSummary({
      id: row.id,
      number: written.number,
      request_type: 'change',
      status,
      contract_id: row.contractId,
      customer_reference: row.customerReference,
      created_at: at,
      submitted_at: at,
      updated_at: at,
      asset_reference: context.asset_reference,
      asset_label: context.asset_label,
      catalog_name_fr: context.catalog_name_fr,
      catalog_name_en: context.catalog_name_en,
      article_name_fr: context.article_name_fr,
      article_name_en: context.article_name_en,
      author_name: auth.user.displayName,
    }),
    assetId: row.assetId,
    // A confirmation on a retired item is refused: the item it names is held.
    assetRetiredAt: null,
    catalogId: row.catalogId,
    categoryName: bilingual(context.category_name_fr, context.category_name_en),
    articleId: row.articleId,
    articleVersionId: row.articleVersionId,
    form: written.form,
    values: row.values,
    comment: row.comment,
    outsideBusinessHours: row.outsideBusinessHours,
    // This path confirms only requests without a window (decision 0037).
    executionWindow: null,
    plannedWindow: null,
    billing: written.billing,
    version: 1,
    canEdit: false,
    events: [event('created', null, 'draft'), event('confirmed', 'draft', status)],
  };
}
