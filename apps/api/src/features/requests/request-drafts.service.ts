import { DomainError, hasProfile } from '@guichet/domain';
import type { ConfirmDraftBody, RequestDetail, UpdateDraftBody } from '@guichet/contracts';
import type { Db } from '@guichet/db';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireGrant } from '../../http/access.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as contracts from '../contracts/contracts.service.ts';
import { confirmDraftAtOnce, confirmInTransaction } from './request-confirmation.service.ts';
import * as windows from '../execution-windows/execution-windows.service.ts';
import { requireDraftValues, resolveFields } from './request-fields.ts';
import { getRequest } from './request-views.service.ts';
import * as repository from './requests.repository.ts';

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
    await windows.keepDraftWindow({ ...deps, db: trx }, auth, resolved.row, resolved.window);
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

/**
 * Confirms a draft through the one-statement writer (`confirmDraftAtOnce`, decision 0021);
 * whatever that path does not settle gets the usual answer from the general path, in one
 * transaction statement by statement.
 */
export async function confirmDraft(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: ConfirmDraftBody,
): Promise<RequestDetail> {
  if (await confirmDraftAtOnce(deps, auth, id, body)) return getRequest(deps, auth, id);
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
