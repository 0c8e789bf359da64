import { DomainError, contractsWith, rolesWith, conflictOn } from '@guichet/domain';
import type {
  CreateQueueViewBody,
  CreateRequestViewBody,
  QueueView,
  QueueViewList,
  RequestView,
  RequestViewList,
  UpdateQueueViewBody,
  UpdateRequestViewBody,
} from '@guichet/contracts';
import { QueueViewParams, RequestViewParams } from '@guichet/contracts';
import { isUniqueViolation } from '@guichet/db';
import { requireGrant, requireOperator } from '../../http/access.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import * as repository from './saved-views.repository.ts';
import type { SavedViewRow, ViewAudience } from './saved-views.repository.ts';

/**
 * Saved views of the two request lists (decision 0033). A customer's: made in a perimeter,
 * shared with one contract's readers of Demandes; an operator's: shared with every operator
 * who works the queue. Only the owner renames, shares or deletes; another's view is 403 when
 * it is shown to the caller, 404 otherwise.
 */

const notFound = () => new DomainError('not_found', 'Saved view not found');
const notOwner = () => new DomainError('forbidden', 'Only the view’s owner may change it');
const nameTaken = () => conflictOn('name', 'name_taken', 'You already have a view with this name');

async function unlessNameTaken<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/** A customer's audience; refuses operators (403) and callers who read no list (404). */
function customerAudience(auth: AuthContext): ViewAudience & { customerId: string } {
  if (auth.user.kind === 'operator') {
    throw new DomainError('forbidden', 'Operators save views of the back-office queue');
  }
  const readable = contractsWith(auth.grants, 'requests', 'viewer');
  if (!auth.perimeter || readable.length === 0) throw notFound();
  return {
    surface: 'requests',
    userId: auth.user.id,
    customerId: auth.perimeter.customerId,
    readableContractIds: readable,
    seesOperatorsShared: false,
  };
}

function operatorAudience(auth: AuthContext): ViewAudience {
  requireOperator(auth, rolesWith('process_requests'));
  return {
    surface: 'queue',
    userId: auth.user.id,
    customerId: null,
    readableContractIds: [],
    seesOperatorsShared: true,
  };
}

function common(row: SavedViewRow, auth: AuthContext) {
  return {
    id: row.id,
    name: row.name,
    isMine: row.owner_id === auth.user.id,
    ownerName: row.owner_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function presentRequestView(row: SavedViewRow, auth: AuthContext): RequestView {
  return {
    ...common(row, auth),
    // stored through the same schema: a parse, not a cast, keeps the type honest
    params: RequestViewParams.parse(row.params),
    sharedContractId: row.shared_contract_id,
  };
}

function presentQueueView(row: SavedViewRow, auth: AuthContext): QueueView {
  return {
    ...common(row, auth),
    params: QueueViewParams.parse(row.params),
    isShared: row.is_shared,
  };
}

/** A view's contracts (its filter's, the one it is shared with) must be the caller's to read. */
function requireReadable(auth: AuthContext, contractIds: readonly (string | null | undefined)[]) {
  for (const contractId of contractIds) {
    if (contractId) requireGrant(auth, contractId, 'requests', 'viewer');
  }
}

async function ownView(deps: Deps, audience: ViewAudience, id: string): Promise<SavedViewRow> {
  const row = await repository.findVisibleView(deps.db, audience, id);
  if (!row) throw notFound();
  if (row.owner_id !== audience.userId) throw notOwner();
  return row;
}

// ---- customers -----------------------------------------------------------------------------

export async function listRequestViews(deps: Deps, auth: AuthContext): Promise<RequestViewList> {
  if (auth.user.kind === 'operator' || !auth.perimeter) return { items: [] };
  const readable = contractsWith(auth.grants, 'requests', 'viewer');
  if (readable.length === 0) return { items: [] };
  const rows = await repository.listViews(deps.db, customerAudience(auth));
  return { items: rows.map((row) => presentRequestView(row, auth)) };
}

export async function createRequestView(
  deps: Deps,
  auth: AuthContext,
  body: CreateRequestViewBody,
): Promise<RequestView> {
  const audience = customerAudience(auth);
  requireReadable(auth, [body.params.contractId, body.sharedContractId]);
  const id = await unlessNameTaken(() =>
    repository.insertView(deps.db, {
      ownerId: auth.user.id,
      surface: 'requests',
      customerId: audience.customerId,
      name: body.name,
      params: body.params,
      sharedContractId: body.sharedContractId,
      isShared: false,
      at: deps.clock(),
    }),
  );
  const row = await repository.findVisibleView(deps.db, audience, id);
  if (!row) throw notFound();
  return presentRequestView(row, auth);
}

export async function updateRequestView(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: UpdateRequestViewBody,
): Promise<RequestView> {
  const audience = customerAudience(auth);
  await ownView(deps, audience, id);
  requireReadable(auth, [body.params?.contractId, body.sharedContractId]);
  const isChanged = await unlessNameTaken(() =>
    repository.updateView(deps.db, auth.user.id, id, {
      at: deps.clock(),
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.params !== undefined ? { params: body.params } : {}),
      ...(body.sharedContractId !== undefined ? { sharedContractId: body.sharedContractId } : {}),
    }),
  );
  const row = isChanged ? await repository.findVisibleView(deps.db, audience, id) : undefined;
  if (!row) throw notFound();
  return presentRequestView(row, auth);
}

export async function deleteRequestView(deps: Deps, auth: AuthContext, id: string): Promise<void> {
  const audience = customerAudience(auth);
  await ownView(deps, audience, id);
  if (!(await repository.deleteView(deps.db, auth.user.id, id))) throw notFound();
}

// ---- operators -----------------------------------------------------------------------------

export async function listQueueViews(deps: Deps, auth: AuthContext): Promise<QueueViewList> {
  const rows = await repository.listViews(deps.db, operatorAudience(auth));
  return { items: rows.map((row) => presentQueueView(row, auth)) };
}

export async function createQueueView(
  deps: Deps,
  auth: AuthContext,
  body: CreateQueueViewBody,
): Promise<QueueView> {
  const audience = operatorAudience(auth);
  const id = await unlessNameTaken(() =>
    repository.insertView(deps.db, {
      ownerId: auth.user.id,
      surface: 'queue',
      customerId: null,
      name: body.name,
      params: body.params,
      sharedContractId: null,
      isShared: body.isShared,
      at: deps.clock(),
    }),
  );
  const row = await repository.findVisibleView(deps.db, audience, id);
  if (!row) throw notFound();
  return presentQueueView(row, auth);
}

export async function updateQueueView(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: UpdateQueueViewBody,
): Promise<QueueView> {
  const audience = operatorAudience(auth);
  await ownView(deps, audience, id);
  const isChanged = await unlessNameTaken(() =>
    repository.updateView(deps.db, auth.user.id, id, {
      at: deps.clock(),
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.params !== undefined ? { params: body.params } : {}),
      ...(body.isShared !== undefined ? { isShared: body.isShared } : {}),
    }),
  );
  const row = isChanged ? await repository.findVisibleView(deps.db, audience, id) : undefined;
  if (!row) throw notFound();
  return presentQueueView(row, auth);
}

export async function deleteQueueView(deps: Deps, auth: AuthContext, id: string): Promise<void> {
  const audience = operatorAudience(auth);
  await ownView(deps, audience, id);
  if (!(await repository.deleteView(deps.db, auth.user.id, id))) throw notFound();
}
