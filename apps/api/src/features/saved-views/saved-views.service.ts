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
import type { NewView, SavedViewRow, ViewAudience, ViewChanges } from './saved-views.repository.ts';
import { omitEmpty } from '../../lib/omit-empty.ts';

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

/** One of the two lists whose views are saved: who sees them, and how a view is answered. */
interface ViewSurface<View> {
  audience(auth: AuthContext): ViewAudience;
  present(row: SavedViewRow, auth: AuthContext): View;
}

const requestViews: ViewSurface<RequestView> = {
  audience: customerAudience,
  present: (row, auth) => ({
    ...common(row, auth),
    // stored through the same schema: a parse, not a cast, keeps the type honest
    params: RequestViewParams.parse(row.params),
    sharedContractId: row.shared_contract_id,
  }),
};

const queueViews: ViewSurface<QueueView> = {
  audience: operatorAudience,
  present: (row, auth) => ({
    ...common(row, auth),
    params: QueueViewParams.parse(row.params),
    isShared: row.is_shared,
  }),
};

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

/** A view the audience sees, answered as the surface shows it. */
async function visibleView<View>(
  deps: Deps,
  auth: AuthContext,
  surface: ViewSurface<View>,
  audience: ViewAudience,
  id: string,
): Promise<View> {
  const row = await repository.findVisibleView(deps.db, audience, id);
  if (!row) throw notFound();
  return surface.present(row, auth);
}

/** A new view of the caller's, answered as the surface shows it. */
async function createView<View>(
  deps: Deps,
  auth: AuthContext,
  surface: ViewSurface<View>,
  audience: ViewAudience,
  view: Omit<NewView, 'ownerId' | 'surface' | 'at'>,
): Promise<View> {
  const id = await unlessNameTaken(() =>
    repository.insertView(deps.db, {
      ownerId: auth.user.id,
      surface: audience.surface,
      ...view,
      at: deps.clock(),
    }),
  );
  return visibleView(deps, auth, surface, audience, id);
}

/** Changes one of the caller's views; `check` runs once it is known to be theirs. */
async function changeView<View>(
  deps: Deps,
  auth: AuthContext,
  surface: ViewSurface<View>,
  id: string,
  changes: Omit<ViewChanges, 'at'>,
  check: () => void = () => undefined,
): Promise<View> {
  const audience = surface.audience(auth);
  await ownView(deps, audience, id);
  check();
  const isChanged = await unlessNameTaken(() =>
    repository.updateView(deps.db, auth.user.id, id, { at: deps.clock(), ...changes }),
  );
  if (!isChanged) throw notFound();
  return visibleView(deps, auth, surface, audience, id);
}

async function removeView<View>(
  deps: Deps,
  auth: AuthContext,
  surface: ViewSurface<View>,
  id: string,
): Promise<void> {
  await ownView(deps, surface.audience(auth), id);
  if (!(await repository.deleteView(deps.db, auth.user.id, id))) throw notFound();
}

// ---- customers -----------------------------------------------------------------------------

export async function listRequestViews(deps: Deps, auth: AuthContext): Promise<RequestViewList> {
  if (auth.user.kind === 'operator' || !auth.perimeter) return { items: [] };
  const readable = contractsWith(auth.grants, 'requests', 'viewer');
  if (readable.length === 0) return { items: [] };
  const rows = await repository.listViews(deps.db, customerAudience(auth));
  return { items: rows.map((row) => requestViews.present(row, auth)) };
}

export async function createRequestView(
  deps: Deps,
  auth: AuthContext,
  body: CreateRequestViewBody,
): Promise<RequestView> {
  const audience = customerAudience(auth);
  requireReadable(auth, [body.params.contractId, body.sharedContractId]);
  return createView(deps, auth, requestViews, audience, {
    customerId: audience.customerId,
    name: body.name,
    params: body.params,
    sharedContractId: body.sharedContractId,
    isShared: false,
  });
}

export async function updateRequestView(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: UpdateRequestViewBody,
): Promise<RequestView> {
  return changeView(deps, auth, requestViews, id, omitEmpty(body), () =>
    requireReadable(auth, [body.params?.contractId, body.sharedContractId]),
  );
}

export async function deleteRequestView(deps: Deps, auth: AuthContext, id: string): Promise<void> {
  await removeView(deps, auth, requestViews, id);
}

// ---- operators -----------------------------------------------------------------------------

export async function listQueueViews(deps: Deps, auth: AuthContext): Promise<QueueViewList> {
  const rows = await repository.listViews(deps.db, operatorAudience(auth));
  return { items: rows.map((row) => queueViews.present(row, auth)) };
}

export async function createQueueView(
  deps: Deps,
  auth: AuthContext,
  body: CreateQueueViewBody,
): Promise<QueueView> {
  return createView(deps, auth, queueViews, operatorAudience(auth), {
    customerId: null,
    name: body.name,
    params: body.params,
    sharedContractId: null,
    isShared: body.isShared,
  });
}

export async function updateQueueView(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: UpdateQueueViewBody,
): Promise<QueueView> {
  return changeView(deps, auth, queueViews, id, omitEmpty(body));
}

export async function deleteQueueView(deps: Deps, auth: AuthContext, id: string): Promise<void> {
  await removeView(deps, auth, queueViews, id);
}
