import { randomUUID } from 'node:crypto';
import { billingMonth, freeChangesLeft, nextOutcome } from '@guichet/domain';
import type { PricedDecision } from '@guichet/domain';
import type { DryRunBody, DryRunView, PreviewBody, PreviewView } from '@guichet/contracts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireGrant } from '../../http/access.ts';
import * as catalogs from '../catalogs/catalogs.service.ts';
import * as contracts from '../contracts/contracts.service.ts';
import * as contractRights from '../contract-rights/contract-rights.service.ts';
import * as inventory from '../inventory/inventory.service.ts';
import * as windows from '../execution-windows/execution-windows.service.ts';
import {
  acknowledgementMissing,
  checkForConfirmation,
  openRequestViews,
  planOf,
  resolveFields,
} from './request-fields.ts';
import * as lists from './request-lists.repository.ts';

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
  let billing: PricedDecision | null = null;
  if (body.articleId) {
    const article = await catalogs.currentArticle(deps, {
      contractId: body.contractId,
      articleId: body.articleId,
      assetType: asset?.type ?? null,
    });
    // The preview asks for no acknowledgement: only the outcome's billing is shown.
    const plan = planOf(article, contract, {
      outsideBusinessHours: body.outsideBusinessHours,
      acknowledgeBilling: true,
    });
    billing = nextOutcome(plan, used).billing;
  }
  const open = asset ? await lists.openRequestsOnAsset(deps.db, asset.id, body.requestId) : [];
  const judged =
    body.executionWindow &&
    windows.judgeWindow(body.executionWindow, contract.time_zone, auth.user.locale, {
      path: 'executionWindow',
    });
  return {
    billing,
    freeChangesLeft: freeChangesLeft(contract.free_changes_per_month, used),
    freeChangesPerMonth: contract.free_changes_per_month,
    openRequests: openRequestViews(open),
    windowWarnings: await windows.windowWarnings(deps, {
      window: judged && judged.errors.length === 0 ? judged.window : null,
      assetId: asset?.id ?? null,
      requestId: body.requestId,
    }),
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
  const outcome = article
    ? nextOutcome(
        planOf(article, contract, {
          outsideBusinessHours: body.outsideBusinessHours,
          acknowledgeBilling: body.acknowledgeBilling,
        }),
        used,
      )
    : null;
  const judged =
    resolved.window &&
    windows.judgeWindow(resolved.window, contract.time_zone, auth.user.locale, {
      path: 'executionWindow',
      now,
    });
  const errors = [...checked.errors, ...(judged ? judged.errors : [])];
  if (outcome?.isRefused) errors.push(acknowledgementMissing(auth));
  const open = resolved.asset
    ? await lists.openRequestsOnAsset(deps.db, resolved.asset.id, body.requestId)
    : [];
  return {
    isValid: errors.length === 0,
    errors,
    values: checked.values,
    articleVersionId: article?.version_id ?? null,
    billing: outcome?.billing ?? null,
    freeChangesLeft: freeChangesLeft(contract.free_changes_per_month, used),
    openRequests: openRequestViews(open),
    windowWarnings: await windows.windowWarnings(deps, {
      window: judged && judged.errors.length === 0 ? judged.window : null,
      assetId: resolved.asset?.id ?? null,
      requestId: body.requestId,
    }),
  };
}
