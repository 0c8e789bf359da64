import { createHash, randomUUID } from 'node:crypto';
import {
  DomainError,
  billingMonth,
  calendarDay,
  migrateValues,
  draftValuesErrors,
  normalizeValues,
  pruneHidden,
  contractsWith,
  decideBilling,
  formatRequestNumber,
  possibleDecisions,
  requestNumberParts,
  hasProfile,
  contractStatusDenial,
  mayConfirmRequests,
  needsAcknowledgement,
  nextStatus,
  portalGroup,
  requestActions,
  statusesInGroup,
} from '@guichet/domain';
import type {
  BillingDecision,
  ErrorDetail,
  FormDefinition,
  FormValues,
  RequestStatus,
} from '@guichet/domain';
import type {
  BillingDecisionView,
  ConfirmDraftBody,
  CreateRequestBody,
  DryRunBody,
  DryRunView,
  FormChanges,
  PreviewBody,
  PreviewView,
  RequestDetail,
  RequestFields,
  RequestListQuery,
  RequestPage,
  RequestSummary,
  UpdateDraftBody,
} from '@guichet/contracts';
import type { Db } from '@guichet/db';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireGrant } from '../../http/access.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import * as catalogs from '../catalogs/catalogs.service.ts';
import * as contracts from '../contracts/contracts.service.ts';
import * as contractRights from '../contract-rights/contract-rights.service.ts';
import * as inventory from '../inventory/inventory.service.ts';
import * as notifications from '../notifications/notifications.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { formErrors } from './form-validation.ts';
import * as repository from './requests.repository.ts';
import type { SummaryRow } from './requests.repository.ts';

function toSummary(row: SummaryRow): RequestSummary {
  const status = row.status as RequestStatus;
  return {
    id: row.id,
    number: row.number,
    requestType: row.request_type,
    status,
    group: portalGroup(status),
    contractId: row.contract_id,
    assetReference: row.asset_reference,
    assetLabel: row.asset_label,
    catalogName:
      row.catalog_name_fr === null
        ? null
        : { fr: row.catalog_name_fr, en: row.catalog_name_en ?? '' },
    articleName:
      row.article_name_fr === null
        ? null
        : { fr: row.article_name_fr, en: row.article_name_en ?? '' },
    customerReference: row.customer_reference,
    authorName: row.author_name,
    createdAt: row.created_at.toISOString(),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listRequests(
  deps: Deps,
  auth: AuthContext,
  query: RequestListQuery,
): Promise<RequestPage> {
  const after = query.cursor ? (decodeCursor(query.cursor, 2) as [string, string]) : undefined;
  const { rows, total } = await repository.listRequests(deps.db, {
    contractIds: contractsWith(auth.grants, 'requests', 'viewer'),
    viewerId: auth.user.id,
    limit: query.limit,
    ...(query.group ? { statuses: statusesInGroup(query.group) } : {}),
    ...(query.q ? { q: query.q } : {}),
    ...(query.contractId ? { contractId: query.contractId } : {}),
    ...(query.assetId ? { assetId: query.assetId } : {}),
    ...(after ? { after } : {}),
  });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(toSummary),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([last.issued_at.toISOString(), last.id])
        : null,
    total,
  };
}

/** A request the caller may see (drafts: their author only), or 404. */
export async function getRequest(
  deps: Deps,
  auth: AuthContext,
  id: string,
): Promise<RequestDetail> {
  const row = await repository.findRequest(deps.db, id);
  const visible =
    row !== undefined &&
    hasProfile(auth.grants, row.contract_id, 'requests', 'viewer') &&
    (row.status !== 'draft' || row.author_id === auth.user.id);
  if (!row || !visible) throw new DomainError('not_found', 'Request not found');
  const events = await repository.listEvents(deps.db, id);
  const moved = row.status === 'draft' ? await draftOnCurrentVersion(deps, row) : null;
  return {
    ...toSummary(row),
    assetId: row.asset_id,
    assetRetiredAt: row.asset_retired_at?.toISOString() ?? null,
    catalogId: row.catalog_id,
    categoryName:
      row.category_name_fr === null
        ? null
        : { fr: row.category_name_fr, en: row.category_name_en ?? '' },
    articleId: row.article_id,
    articleVersionId: moved?.versionId ?? row.article_version_id,
    form: moved?.form ?? row.form ?? null,
    values: moved?.values ?? row.values,
    comment: row.comment,
    outsideBusinessHours: row.outside_business_hours,
    billing: (row.billing as BillingDecisionView | null) ?? null,
    version: row.version,
    canEdit:
      row.status === 'draft' &&
      row.author_id === auth.user.id &&
      hasProfile(auth.grants, row.contract_id, 'requests', 'manager'),
    events: events.map((event) => ({
      at: event.at.toISOString(),
      kind: event.kind,
      actorName: event.actor_name,
      fromStatus: event.from_status as RequestStatus | null,
      toStatus: event.to_status as RequestStatus | null,
      action: requestActions.find((action) => action === event.data['action']) ?? null,
      note: typeof event.data['note'] === 'string' ? event.data['note'] : null,
    })),
    ...(moved ? { formChanges: moved.formChanges } : {}),
  };
}

/**
 * A draft started on an older version of its article, moved to the current one: the values
 * that still fit and what changed (issue 5). Only shown: the next save stores it. Null when
 * the draft is on the current version, or its article is no longer offered on the contract.
 */
async function draftOnCurrentVersion(
  deps: Deps,
  row: NonNullable<Awaited<ReturnType<typeof repository.findRequest>>>,
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
  const form = current.form as FormDefinition;
  const { values, changes } = migrateValues(row.form as FormDefinition, form, row.values);
  return {
    versionId: current.version_id,
    form,
    values,
    formChanges: { fromVersion: previous?.version ?? 0, toVersion: current.version, changes },
  };
}

/** The article version a request is filled on, as confirming needs it. */
type ArticleChoice = Pick<
  Awaited<ReturnType<typeof catalogs.currentArticle>>,
  | 'version_id'
  | 'catalog_id'
  | 'article_id'
  | 'form'
  | 'json_schema'
  | 'billing_mode'
  | 'price_tokens'
>;

interface Resolved {
  row: repository.RequestRow;
  asset: { id: string; type: string; attributes: Record<string, unknown> } | null;
  article: ArticleChoice | null;
}

/** The contract's terms a confirmation applies. */
interface ContractTerms {
  id: string;
  time_zone: string;
  free_changes_per_month: number;
  token_price_eur: string;
}

/**
 * Checks what the form refers to, as a draft needs it: the item belongs to the contract, the
 * catalog applies to it, the article is in the catalog. Values are kept as typed.
 */
async function resolveFields(deps: Deps, id: string, fields: RequestFields): Promise<Resolved> {
  const asset = fields.assetId
    ? await inventory.assetOfContract(deps, fields.contractId, fields.assetId)
    : null;
  let article: Resolved['article'] = null;
  if (fields.articleId) {
    article = await catalogs.currentArticle(deps, {
      contractId: fields.contractId,
      catalogId: fields.catalogId ?? null,
      articleId: fields.articleId,
      assetType: asset?.type ?? null,
    });
  } else if (fields.catalogId) {
    const catalog = await catalogs.catalogForContract(deps, fields.contractId, fields.catalogId);
    if (asset && !catalog.assetTypes.includes(asset.type)) {
      throw new DomainError('not_found', 'Change catalog not available for this item', [
        { path: 'catalogId', message: 'This catalog does not apply to the chosen item' },
      ]);
    }
  }
  return {
    asset,
    article,
    row: {
      id,
      contractId: fields.contractId,
      assetId: asset?.id ?? null,
      catalogId: article?.catalog_id ?? fields.catalogId ?? null,
      articleId: article?.article_id ?? null,
      articleVersionId: article?.version_id ?? null,
      // Answers to hidden questions are never stored, not even in a draft.
      values: article ? pruneHidden(article.form as FormDefinition, fields.values) : fields.values,
      customerReference: fields.customerReference || null,
      comment: fields.comment || null,
      outsideBusinessHours: fields.outsideBusinessHours,
    },
  };
}

function priceView(decision: BillingDecision, tokenPriceEur: number): BillingDecisionView {
  if (decision.kind !== 'billable') return decision;
  return { ...decision, priceEur: Math.round(decision.priceTokens * tokenPriceEur * 100) / 100 };
}

const actionOf = {
  included: 'confirm_free',
  free: 'confirm_free',
  billable: 'confirm_billable',
  quote: 'confirm_quote',
} as const;

function acknowledgementMissing(auth: AuthContext): ErrorDetail {
  return {
    path: 'acknowledgeBilling',
    rule: 'required',
    message:
      auth.user.locale === 'fr'
        ? 'Confirmez avoir pris connaissance du coût'
        : 'Acknowledge the cost',
  };
}

/**
 * What a confirmation checks before writing anything (also the dry run's answer): the form
 * is complete, and its values — hidden and blank answers dropped, read-only ones taken from
 * the item — pass Ajv and the domain's rules, dates judged in the contract's time zone.
 */
async function checkForConfirmation(deps: Deps, auth: AuthContext, resolved: Resolved, now: Date) {
  const contract = await contracts.getContract(deps, resolved.row.contractId);
  return { contract, ...judgeConfirmation(auth, contract, resolved, now) };
}

function judgeConfirmation(
  auth: AuthContext,
  contract: ContractTerms,
  resolved: Resolved,
  now: Date,
): {
  article: ArticleChoice | null;
  errors: ErrorDetail[];
  isIncomplete: boolean;
  values: FormValues;
} {
  const { row, asset, article } = resolved;
  const missing: ErrorDetail[] = [];
  const say = (fr: string, en: string) => (auth.user.locale === 'fr' ? fr : en);
  if (!asset)
    missing.push({
      path: 'assetId',
      rule: 'required',
      message: say('Choisissez un élément de parc', 'Choose an inventory item'),
    });
  if (!row.catalogId)
    missing.push({
      path: 'catalogId',
      rule: 'required',
      message: say('Choisissez un catalogue', 'Choose a catalog'),
    });
  if (!article)
    missing.push({
      path: 'articleId',
      rule: 'required',
      message: say('Choisissez un article', 'Choose an article'),
    });
  if (!asset || !article || missing.length > 0)
    return { article: null, errors: missing, isIncomplete: true, values: row.values };
  const form = article.form as FormDefinition;
  const values = normalizeValues(form, row.values, asset.attributes);
  const errors = formErrors(
    { id: article.version_id, jsonSchema: article.json_schema, form },
    values,
    asset.attributes,
    auth.user.locale,
    { today: calendarDay(now, contract.time_zone) },
  );
  return { article, errors, isIncomplete: false, values };
}

/**
 * A draft holds only what its article's form may hold (issue 18): its keys, each of its
 * field's shape and by the text rule; without an article, no answer at all. Unknown keys are
 * refused with their path (never dropped), as a confirmation refuses them.
 */
function requireDraftValues(auth: AuthContext, resolved: Resolved): void {
  const { article, row } = resolved;
  const errors = article
    ? draftValuesErrors(article.form as FormDefinition, row.values, auth.user.locale)
    : Object.keys(row.values).map((key) => ({
        path: `values.${key}`,
        rule: 'unknown',
        message: auth.user.locale === 'fr' ? 'Champ inconnu' : 'Unknown field',
      }));
  if (errors.length > 0) {
    throw new DomainError('form_values_invalid', 'Some values are not valid', errors);
  }
}

function invalidForm(checked: { isIncomplete: boolean; errors: ErrorDetail[] }): DomainError {
  return new DomainError(
    'form_values_invalid',
    checked.isIncomplete ? 'The request is incomplete' : 'Some values are not valid',
    checked.errors,
  );
}

/**
 * Everything a confirmation checks and writes, inside the caller's transaction: complete
 * form, valid values, exact billing, a gapless number, the event.
 */
async function confirmInTransaction(
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
  row.values = checked.values;
  const month = billingMonth(now, contract.time_zone);
  let usedThisMonth = contract.free_changes_per_month;
  if (article.billing_mode === 'counted') {
    const used = await repository.takeFreeChange(
      trx,
      contract.id,
      month,
      contract.free_changes_per_month,
    );
    if (used !== null) usedThisMonth = used - 1;
  }
  const decision = decideBilling({
    mode: article.billing_mode,
    priceTokens: article.price_tokens,
    freeChangesPerMonth: contract.free_changes_per_month,
    usedThisMonth,
    outsideBusinessHours: row.outsideBusinessHours,
  });
  if (needsAcknowledgement(decision) && !options.acknowledgeBilling) {
    throw new DomainError(
      'billing_not_acknowledged',
      'This change is billable: acknowledge its price to confirm',
      [acknowledgementMissing(auth)],
    );
  }
  const status = nextStatus('draft', actionOf[decision.kind], 'customer');
  const number = formatRequestNumber(
    Number(month.slice(0, 4)),
    await repository.nextSequence(trx, Number(month.slice(0, 4))),
  );
  const billing = priceView(decision, Number(contract.token_price_eur));
  const write = { ...row, status, number, billing, billingMonth: month, at: now };
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
  await repository.insertEvent(trx, {
    requestId: row.id,
    actorId: auth.user.id,
    kind: 'confirmed',
    fromStatus: 'draft',
    toStatus: status,
    at: now,
    data: { billing },
  });
  await notifications.notifyRequestConfirmed(
    { ...deps, db: trx },
    { id: row.id, number, authorId: auth.user.id, assigneeId: null },
    status,
  );
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
  const context = await repository.findConfirmationContext(deps.db, {
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
  const settled = context ? settledFields(context, body) : null;
  if (!context || !settled) return null;
  const id = randomUUID();
  const now = deps.clock();
  const resolved: Resolved = {
    asset: settled.asset,
    article: settled.article,
    row: {
      id,
      contractId: body.contractId,
      assetId: settled.asset.id,
      catalogId: settled.article.catalog_id,
      articleId: settled.article.article_id,
      articleVersionId: settled.article.version_id,
      values: pruneHidden(settled.article.form as FormDefinition, body.values),
      customerReference: body.customerReference || null,
      comment: body.comment || null,
      outsideBusinessHours: body.outsideBusinessHours,
    },
  };
  const contract: ContractTerms = {
    id: context.contract_id,
    time_zone: context.time_zone,
    free_changes_per_month: context.free_changes_per_month,
    token_price_eur: context.token_price_eur,
  };
  const checked = judgeConfirmation(auth, contract, resolved, now);
  if (checked.errors.length > 0 || !checked.article) throw invalidForm(checked);
  const article = checked.article;
  const month = billingMonth(now, contract.time_zone);
  const year = Number(month.slice(0, 4));
  const { variants, statuses } = confirmationVariants(article, contract, {
    outsideBusinessHours: resolved.row.outsideBusinessHours,
    acknowledgeBilling: body.acknowledgeBilling,
  });
  // A claimed key must not stay behind a refusal: that case takes the general path.
  if (idempotencyKey !== undefined && variants[0]?.refused) return null;
  const placeholder = `GUICHET${randomUUID().replaceAll('-', '')}`;
  const receipt = notifications.confirmationReceipts(
    deps,
    { id, author: auth.user },
    statuses,
    placeholder,
  );
  const { prefix, digits } = requestNumberParts(year);
  const row = { ...resolved.row, values: checked.values };
  const written = await repository.insertConfirmedRequest(deps.db, {
    ...row,
    authorId: auth.user.id,
    at: now,
    billingMonth: month,
    year,
    numberPrefix: prefix,
    numberDigits: digits,
    variants,
    idempotency: idempotencyKey === undefined ? null : { key: idempotencyKey, fingerprint },
    receipt: receipt && { mailId: randomUUID(), placeholder, ...receipt },
  });
  if (!written.claimed) {
    // Used meanwhile by a concurrent call, now committed: answer as its replay.
    if (retried) throw new DomainError('conflict', 'This Idempotency-Key is being used');
    return confirmNew(deps, auth, body, idempotencyKey, true);
  }
  if (written.number === null || written.status === null) {
    throw new DomainError(
      'billing_not_acknowledged',
      'This change is billable: acknowledge its price to confirm',
      [acknowledgementMissing(auth)],
    );
  }
  return {
    replayed: false,
    request: confirmedDetail(auth, context, {
      row,
      form: article.form as FormDefinition,
      number: written.number,
      status: written.status as RequestStatus,
      billing: written.billing as BillingDecisionView,
      at: now,
    }),
  };
}

/**
 * The ways a new confirmation may end, one per billing decision the free changes left may
 * lead to (the write statement picks one by the free change it takes): the status each
 * leads to, its billing, whether it is refused for want of the customer's acknowledgement,
 * and which of `statuses` — one receipt each — it mails.
 */
export function confirmationVariants(
  article: Pick<ArticleChoice, 'billing_mode' | 'price_tokens'>,
  contract: Pick<ContractTerms, 'free_changes_per_month' | 'token_price_eur'>,
  choice: { outsideBusinessHours: boolean; acknowledgeBilling: boolean },
): { variants: repository.ConfirmationVariant[]; statuses: RequestStatus[] } {
  const decisions = possibleDecisions({
    mode: article.billing_mode,
    priceTokens: article.price_tokens,
    freeChangesPerMonth: contract.free_changes_per_month,
    outsideBusinessHours: choice.outsideBusinessHours,
  });
  const statuses: RequestStatus[] = [];
  const variants = decisions.map((decision): repository.ConfirmationVariant => {
    const status = nextStatus('draft', actionOf[decision.kind], 'customer');
    if (!statuses.includes(status)) statuses.push(status);
    return {
      status,
      billing: priceView(decision, Number(contract.token_price_eur)),
      refused: needsAcknowledgement(decision) && !choice.acknowledgeBilling,
      mail: statuses.indexOf(status),
    };
  });
  return { variants, statuses };
}

/** The item and article of a confirmation when every id given agrees; null otherwise. */
function settledFields(
  context: repository.ConfirmationContext,
  body: RequestFields,
): { asset: NonNullable<Resolved['asset']>; article: ArticleChoice } | null {
  const c = context;
  // A contract that takes no confirmation: the general path gives the coded refusal.
  if (contractStatusDenial(c.contract_status, 'confirm') !== null) return null;
  if (
    !mayConfirmRequests({
      restrictsRequesters: c.restricts_requesters,
      isRequester: c.is_requester,
    })
  )
    return null;
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
      form: c.form as ArticleChoice['form'],
      json_schema: c.json_schema as ArticleChoice['json_schema'],
      billing_mode: c.billing_mode,
      price_tokens: c.price_tokens,
    },
  };
}

const bilingual = (fr: string | null, en: string | null) =>
  fr === null ? null : { fr, en: en ?? '' };

/**
 * The answer to a confirmation, from what it read and wrote: the same as `getRequest`
 * reads back (a route test compares them), without reading it back.
 */
function confirmedDetail(
  auth: AuthContext,
  context: repository.ConfirmationContext,
  written: {
    row: repository.RequestRow;
    form: FormDefinition;
    number: string;
    status: RequestStatus;
    billing: BillingDecisionView;
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
    ...toSummary({
      id: row.id,
      number: written.number,
      request_type: 'change',
      status,
      contract_id: row.contractId,
      author_id: auth.user.id,
      customer_reference: row.customerReference,
      created_at: at,
      submitted_at: at,
      updated_at: at,
      issued_at: at,
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
    billing: written.billing,
    version: 1,
    canEdit: false,
    events: [event('created', null, 'draft'), event('confirmed', 'draft', status)],
  };
}
/** The caller's own draft, locked; 404 for anything they may not see, 409 once confirmed. */
async function lockOwnDraft(trx: Db, auth: AuthContext, id: string, version: number) {
  const current = await repository.lockRequest(trx, id);
  if (
    !current ||
    !hasProfile(auth.grants, current.contract_id, 'requests', 'viewer') ||
    (current.status === 'draft' && current.author_id !== auth.user.id)
  ) {
    throw new DomainError('not_found', 'Request not found');
  }
  requireGrant(auth, current.contract_id, 'requests', 'manager');
  if (current.status !== 'draft') {
    throw new DomainError('invalid_transition', 'Only a draft can be changed or confirmed');
  }
  if (current.version !== version) {
    throw new DomainError(
      'conflict',
      `The draft was changed meanwhile (now version ${current.version})`,
    );
  }
  return current;
}

export async function updateDraft(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: UpdateDraftBody,
): Promise<RequestDetail> {
  await deps.db.transaction().execute(async (trx) => {
    const current = await lockOwnDraft(trx, auth, id, body.version);
    if (current.contract_id !== body.contractId) {
      throw new DomainError('validation_failed', 'A draft stays on its contract', [
        { path: 'contractId', message: 'A draft stays on its contract' },
      ]);
    }
    await contracts.requireContractAllows({ ...deps, db: trx }, current.contract_id, 'save_draft');
    const resolved = await resolveFields({ ...deps, db: trx }, id, body);
    requireDraftValues(auth, resolved);
    await repository.updateRequest(trx, {
      ...resolved.row,
      expectedVersion: body.version,
      status: 'draft',
      number: null,
      billing: null,
      billingMonth: null,
      at: deps.clock(),
    });
    await repository.insertEvent(trx, {
      requestId: id,
      actorId: auth.user.id,
      kind: 'updated',
      fromStatus: 'draft',
      toStatus: 'draft',
      at: deps.clock(),
    });
  });
  return getRequest(deps, auth, id);
}

export async function confirmDraft(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: ConfirmDraftBody,
): Promise<RequestDetail> {
  await deps.db.transaction().execute(async (trx) => {
    const current = await lockOwnDraft(trx, auth, id, body.version);
    if (current.contract_id !== body.contractId) {
      throw new DomainError('validation_failed', 'A draft stays on its contract', [
        { path: 'contractId', message: 'A draft stays on its contract' },
      ]);
    }
    const scoped = { ...deps, db: trx };
    await contracts.requireContractAllows(scoped, current.contract_id, 'confirm');
    const resolved = await resolveFields(scoped, id, body);
    await confirmInTransaction(scoped, trx, auth, resolved, {
      acknowledgeBilling: body.acknowledgeBilling,
      existingVersion: body.version,
    });
  });
  return getRequest(deps, auth, id);
}

export async function deleteDraft(deps: Deps, auth: AuthContext, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const current = await repository.lockRequest(trx, id);
    if (!current) throw new DomainError('not_found', 'Request not found');
    await lockOwnDraft(trx, auth, id, current.version);
    await repository.deleteRequest(trx, id);
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'draft_deleted',
        actor: { id: auth.user.id, email: auth.user.email },
        target: { type: 'request', id },
        data: { contractId: current.contract_id },
      },
    );
  });
}

/** What confirming would do now: the cost outcome and the « déjà en cours » warning. */
export async function preview(
  deps: Deps,
  auth: AuthContext,
  body: PreviewBody,
): Promise<PreviewView> {
  requireGrant(auth, body.contractId, 'requests', 'viewer');
  const contract = await contracts.getContract(deps, body.contractId);
  const asset = body.assetId
    ? await inventory.assetOfContract(deps, body.contractId, body.assetId)
    : null;
  const month = billingMonth(deps.clock(), contract.time_zone);
  const used = await contracts.freeChangesUsed(deps, contract.id, month);
  let billing: BillingDecisionView | null = null;
  if (body.articleId) {
    const article = await catalogs.currentArticle(deps, {
      contractId: body.contractId,
      articleId: body.articleId,
      assetType: asset?.type ?? null,
    });
    billing = priceView(
      decideBilling({
        mode: article.billing_mode,
        priceTokens: article.price_tokens,
        freeChangesPerMonth: contract.free_changes_per_month,
        usedThisMonth: used,
        outsideBusinessHours: body.outsideBusinessHours,
      }),
      Number(contract.token_price_eur),
    );
  }
  const open = asset ? await repository.openRequestsOnAsset(deps.db, asset.id, body.requestId) : [];
  return {
    billing,
    freeChangesLeft: Math.max(0, contract.free_changes_per_month - used),
    freeChangesPerMonth: contract.free_changes_per_month,
    openRequests: open.map((request) => ({
      id: request.id,
      number: request.number ?? '',
      status: request.status as RequestStatus,
    })),
  };
}

/**
 * `POST /api/requests/dry-run`: what confirming these fields now would answer, and nothing
 * written — the errors field by field, the values as they would be stored, the cost decision
 * (no free change is taken) and the « déjà en cours » warning. Unknown or foreign ids answer
 * 404 as a confirmation would.
 */
export async function dryRun(deps: Deps, auth: AuthContext, body: DryRunBody): Promise<DryRunView> {
  requireGrant(auth, body.contractId, 'requests', 'manager');
  await contractRights.requireAuthorisedRequester(deps, auth, body.contractId);
  const now = deps.clock();
  const resolved = await resolveFields(deps, body.requestId ?? randomUUID(), body);
  const checked = await checkForConfirmation(deps, auth, resolved, now);
  const { contract, article } = checked;
  const used = await contracts.freeChangesUsed(
    deps,
    contract.id,
    billingMonth(now, contract.time_zone),
  );
  const decision = article
    ? decideBilling({
        mode: article.billing_mode,
        priceTokens: article.price_tokens,
        freeChangesPerMonth: contract.free_changes_per_month,
        usedThisMonth: used,
        outsideBusinessHours: body.outsideBusinessHours,
      })
    : null;
  const errors = [...checked.errors];
  if (decision && needsAcknowledgement(decision) && !body.acknowledgeBilling)
    errors.push(acknowledgementMissing(auth));
  const open = resolved.asset
    ? await repository.openRequestsOnAsset(deps.db, resolved.asset.id, body.requestId)
    : [];
  return {
    isValid: errors.length === 0,
    errors,
    values: checked.values,
    articleVersionId: article?.version_id ?? null,
    billing: decision ? priceView(decision, Number(contract.token_price_eur)) : null,
    freeChangesLeft: Math.max(0, contract.free_changes_per_month - used),
    openRequests: open.map((request) => ({
      id: request.id,
      number: request.number ?? '',
      status: request.status as RequestStatus,
    })),
  };
}

export async function openRequestsOnAsset(deps: Deps, assetId: string) {
  const open = await repository.openRequestsOnAsset(deps.db, assetId);
  return open.map((request) => ({
    id: request.id,
    number: request.number ?? '',
    status: request.status,
  }));
}
