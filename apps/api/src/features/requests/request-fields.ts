import {
  DomainError,
  calendarDay,
  draftValuesErrors,
  normalizeValues,
  planConfirmation,
  pruneHidden,
  ruleDetail,
} from '@guichet/domain';
import type {
  ConfirmationPlan,
  ContractStatus,
  ErrorDetail,
  FormValues,
  RequestStatus,
} from '@guichet/domain';
import type { RequestFields, WindowInput } from '@guichet/contracts';
import type { AuthContext, Deps } from '../../http/context.ts';
import * as catalogs from '../catalogs/catalogs.service.ts';
import * as contracts from '../contracts/contracts.service.ts';
import * as inventory from '../inventory/inventory.service.ts';
import { formErrors } from './form-validation.ts';
import type { RequestRow } from './requests.repository.ts';

/** The article version a request is filled on, as confirming needs it. */
export type ArticleChoice = Pick<
  Awaited<ReturnType<typeof catalogs.currentArticle>>,
  | 'version_id'
  | 'catalog_id'
  | 'article_id'
  | 'form'
  | 'json_schema'
  | 'billing_mode'
  | 'price_tokens'
>;

export interface Resolved {
  row: RequestRow;
  /** The execution window asked, as typed (kept beside the request, decision 0037). */
  window: WindowInput | null;
  asset: { id: string; type: string; attributes: Record<string, unknown> } | null;
  article: ArticleChoice | null;
}

/** The contract's terms a confirmation applies. */
export interface ConfirmationTerms {
  id: string;
  time_zone: string;
  free_changes_per_month: number;
  token_price_eur: string;
}

/** What refuses a confirmation before its price, as the confirmation plan takes it. */
export interface ConfirmationGates {
  contractStatus: ContractStatus;
  restrictsRequesters: boolean;
  isRequester: boolean;
  isItemRetired: boolean;
}

/**
 * The gates once the features that own them let the confirmation through with their own
 * coded refusals (contract status, retired item, authorised requesters): the general path,
 * the drafts, the dry run.
 */
export const checkedGates: ConfirmationGates = {
  contractStatus: 'active',
  restrictsRequesters: false,
  isRequester: true,
  isItemRetired: false,
};

/** The one confirmation plan (packages/domain), from this feature's rows. */
export function planOf(
  article: Pick<ArticleChoice, 'billing_mode' | 'price_tokens'>,
  contract: Pick<ConfirmationTerms, 'free_changes_per_month' | 'token_price_eur'>,
  choice: { outsideBusinessHours: boolean; acknowledgeBilling: boolean },
  gates: ConfirmationGates = checkedGates,
): ConfirmationPlan {
  return planConfirmation({
    contract: {
      status: gates.contractStatus,
      freeChangesPerMonth: contract.free_changes_per_month,
      tokenPriceEur: Number(contract.token_price_eur),
      restrictsRequesters: gates.restrictsRequesters,
    },
    article: { billingMode: article.billing_mode, priceTokens: article.price_tokens },
    isRequester: gates.isRequester,
    isItemRetired: gates.isItemRetired,
    outsideBusinessHours: choice.outsideBusinessHours,
    acknowledgeBilling: choice.acknowledgeBilling,
  });
}

/**
 * Checks what the form refers to, as a draft needs it: the item belongs to the contract, the
 * catalog applies to it, the article is in the catalog. Values are kept as typed.
 */
export async function resolveFields(
  deps: Deps,
  id: string,
  fields: RequestFields,
): Promise<Resolved> {
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
    window: fields.executionWindow ?? null,
    row: {
      id,
      contractId: fields.contractId,
      assetId: asset?.id ?? null,
      catalogId: article?.catalog_id ?? fields.catalogId ?? null,
      articleId: article?.article_id ?? null,
      articleVersionId: article?.version_id ?? null,
      // Answers to hidden questions are never stored, not even in a draft.
      values: article ? pruneHidden(article.form, fields.values) : fields.values,
      customerReference: fields.customerReference || null,
      comment: fields.comment || null,
      outsideBusinessHours: fields.outsideBusinessHours,
    },
  };
}

export function acknowledgementMissing(auth: AuthContext): ErrorDetail {
  return ruleDetail(
    'acknowledgeBilling',
    'required',
    { what: 'acknowledgement' },
    auth.user.locale,
  );
}

export function billingNotAcknowledged(auth: AuthContext): DomainError {
  return new DomainError(
    'billing_not_acknowledged',
    'This change is billable: acknowledge its price to confirm',
    [acknowledgementMissing(auth)],
  );
}

/**
 * What a confirmation checks before writing anything (also the dry run's answer): the form
 * is complete, and its values — hidden and blank answers dropped, read-only ones taken from
 * the item — pass Ajv and the domain's rules, dates judged in the contract's time zone.
 */
export async function checkForConfirmation(
  deps: Deps,
  auth: AuthContext,
  resolved: Resolved,
  now: Date,
) {
  const contract = await contracts.getContract(deps, resolved.row.contractId);
  return { contract, ...judgeConfirmation(auth, contract, resolved, now) };
}

export function judgeConfirmation(
  auth: AuthContext,
  contract: Pick<ConfirmationTerms, 'time_zone'>,
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
  const choose = (path: string, what: string) =>
    missing.push(ruleDetail(path, 'required', { what }, auth.user.locale));
  if (!asset) choose('assetId', 'asset');
  if (!row.catalogId) choose('catalogId', 'catalog');
  if (!article) choose('articleId', 'article');
  if (!asset || !article || missing.length > 0)
    return { article: null, errors: missing, isIncomplete: true, values: row.values };
  const form = article.form;
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

export function invalidForm(checked: {
  isIncomplete: boolean;
  errors: ErrorDetail[];
}): DomainError {
  return new DomainError(
    'form_values_invalid',
    checked.isIncomplete ? 'The request is incomplete' : 'Some values are not valid',
    checked.errors,
  );
}

/** The open requests on an item, as the « déjà en cours » warning lists them. */
export function openRequestViews(
  open: readonly { id: string; number: string | null; status: RequestStatus }[],
) {
  return open.map((request) => ({
    id: request.id,
    number: request.number ?? '',
    status: request.status,
  }));
}

/**
 * A draft holds only what its article's form may hold (issue 18): its keys, each of its
 * field's shape and by the text rule; without an article, no answer at all. Unknown keys are
 * refused with their path (never dropped), as a confirmation refuses them.
 */
export function requireDraftValues(auth: AuthContext, resolved: Resolved): void {
  const { article, row } = resolved;
  const errors = article
    ? draftValuesErrors(article.form, row.values, auth.user.locale)
    : Object.keys(row.values).map((key) =>
        ruleDetail(`values.${key}`, 'unknown', {}, auth.user.locale),
      );
  if (errors.length > 0) {
    throw new DomainError('form_values_invalid', 'Some values are not valid', errors);
  }
}
