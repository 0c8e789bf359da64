import { randomUUID } from 'node:crypto';
import {
  DomainError,
  contractsBeyondUserManagement,
  grantsBeyond,
  grantsChange,
  hasProfile,
  mayManageServiceAccount,
  rolesWith,
  serviceAccountMailDomain,
} from '@guichet/domain';
import type { Grant } from '@guichet/domain';
import type {
  ChangeOperatorRoleBody,
  CreatedServiceAccount,
  CreatedServiceAccountToken,
  CreateOperatorServiceAccountBody,
  CreateServiceAccountBody,
  IssueServiceAccountTokenBody,
  RotateServiceAccountTokenBody,
  ServiceAccountList,
  SetServiceAccountGrantsBody,
  ServiceAccountTokenView,
  ServiceAccountView,
} from '@guichet/contracts';
import type { Db } from '@guichet/db';
import { requireInteractiveSession, requireOperator } from '../../http/access.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { requireGrantsWithinOwn, revokeTokensOf } from '../api-tokens/api-tokens.service.ts';
import * as tokens from '../api-tokens/service-account-tokens.service.ts';
import type { TokenHolder } from '../api-tokens/service-account-tokens.service.ts';
import * as repository from './service-accounts.repository.ts';
import type { ServiceAccountRow } from './service-accounts.repository.ts';

/**
 * Service accounts (issue 17, decision 0031): machine users. The provider's act in the
 * back-office with a role, made by operators who may `manage_operators` (admins); a customer's
 * act within chosen contracts × sections, made by a Gestionnaire of Utilisateurs on each of
 * those contracts and capped, at creation and at each use, by that creator's own rights.
 * Managing them (and their tokens) takes a session opened with the password.
 */

/** Whose accounts a route handles: the back-office's, or the customer's own. */
export type Scope = 'provider' | 'customer';

const notFound = () => new DomainError('not_found', 'Service account not found');

/** The customer the caller manages accounts for (null: the provider's), or a refusal. */
function ownerOf(auth: AuthContext, scope: Scope): string | null {
  requireInteractiveSession(auth);
  if (scope === 'provider') {
    requireOperator(auth, rolesWith('manage_operators'));
    return null;
  }
  if (auth.user.kind !== 'customer' || auth.perimeter === null) {
    throw new DomainError(
      'forbidden',
      'Service accounts act for a customer: choose a perimeter first',
    );
  }
  if (!auth.grants.some((grant) => hasProfile(auth.grants, grant.contractId, 'users', 'manager'))) {
    throw new DomainError('forbidden', 'Service accounts are for a Gestionnaire of Utilisateurs');
  }
  return auth.perimeter.customerId;
}

function toView(
  row: ServiceAccountRow,
  grants: readonly Grant[],
  accountTokens: readonly ServiceAccountTokenView[],
): ServiceAccountView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    role: row.role,
    customer:
      row.customer_id === null || row.customer_name === null
        ? null
        : { customerId: row.customer_id, name: row.customer_name },
    grants: grants.map(({ contractId, section, profile }) => ({ contractId, section, profile })),
    createdAt: row.created_at.toISOString(),
    createdBy: { id: row.creator_id, displayName: row.creator_name },
    deactivatedAt: row.deactivated_at?.toISOString() ?? null,
    tokens: [...accountTokens],
  };
}

async function viewsOf(deps: Deps, rows: readonly ServiceAccountRow[]) {
  const ids = rows.map((row) => row.id);
  const [grants, byUser] = await Promise.all([
    repository.grantsOfAccounts(deps.db, ids),
    tokens.tokensOf(deps.db, ids),
  ]);
  return rows.map((row) =>
    toView(
      row,
      grants.filter((grant) => grant.userId === row.id),
      byUser.get(row.id) ?? [],
    ),
  );
}

/** The account, if the caller may manage it; 404 otherwise (another customer's alike). */
async function accountFor(deps: Deps, auth: AuthContext, scope: Scope, id: string) {
  const customerId = ownerOf(auth, scope);
  const row = await repository.findServiceAccount(deps.db, customerId, id);
  if (!row) throw notFound();
  const grants = await repository.grantsOfAccounts(deps.db, [id]);
  if (customerId !== null && !mayManageServiceAccount(auth.grants, grants)) throw notFound();
  return { row, grants, holder: { userId: id, customerId, grants } };
}

export async function listServiceAccounts(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
): Promise<ServiceAccountList> {
  const customerId = ownerOf(auth, scope);
  const rows = await repository.listServiceAccounts(deps.db, customerId);
  const views = await viewsOf(deps, rows);
  return {
    items:
      customerId === null
        ? views
        : views.filter((view) => mayManageServiceAccount(auth.grants, view.grants)),
  };
}

export async function getServiceAccount(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
  id: string,
): Promise<ServiceAccountView> {
  const { row } = await accountFor(deps, auth, scope, id);
  const [view] = await viewsOf(deps, [row]);
  if (!view) throw notFound();
  return view;
}

function auditTokenIssued(
  deps: Deps,
  auth: AuthContext,
  accountId: string,
  token: { id: string; name: string },
): Promise<void> {
  return recordAudit(deps, {
    kind: 'token_created',
    actor: actorOf(auth),
    target: { type: 'api_token', id: token.id },
    data: { name: token.name, serviceAccountId: accountId },
  });
}

/** Refuses (403 `not_users_manager`) grants on contracts whose users the caller does not manage. */
function requireUsersManagerOn(auth: AuthContext, grants: readonly Grant[]): void {
  const unmanaged = new Set(
    contractsBeyondUserManagement(
      auth.grants,
      grants.map((grant) => grant.contractId),
    ),
  );
  if (unmanaged.size === 0) return;
  throw new DomainError(
    'forbidden',
    'Only a Gestionnaire of Utilisateurs gives a service account rights on a contract',
    grants.flatMap((grant, index) =>
      unmanaged.has(grant.contractId)
        ? [
            {
              path: `grants.${index}.contractId`,
              rule: 'not_users_manager',
              message: 'You do not manage the users of this contract',
            },
          ]
        : [],
    ),
  );
}

export async function createServiceAccount(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
  body: CreateServiceAccountBody | CreateOperatorServiceAccountBody,
): Promise<CreatedServiceAccount> {
  const customerId = ownerOf(auth, scope);
  const grants = 'grants' in body ? body.grants : [];
  const role = 'role' in body ? body.role : null;
  if (customerId !== null) {
    requireGrantsWithinOwn(auth, grants, 'A service account');
    requireUsersManagerOn(auth, grants);
  }
  const now = deps.clock();
  const id = randomUUID();
  const token = await deps.db.transaction().execute(async (trx) => {
    await repository.insertServiceAccount(trx, {
      id,
      email: `${id}@${serviceAccountMailDomain}`,
      name: body.name,
      role,
      customerId,
      description: body.description,
      createdBy: auth.user.id,
      at: now,
      grants,
    });
    const first = await tokens.issueToken(
      trx,
      { userId: id, customerId, grants },
      { name: body.name, expiresInDays: body.expiresInDays },
      now,
    );
    const scoped = { ...deps, db: trx };
    await recordAudit(scoped, {
      kind: 'service_account_created',
      actor: actorOf(auth),
      target: { type: 'service_account', id },
      data: { name: body.name, customerId, role, grants },
    });
    await auditTokenIssued(scoped, auth, id, first);
    return first;
  });
  return { account: await getServiceAccount(deps, auth, scope, id), token };
}

function requireActive(row: Pick<ServiceAccountRow, 'deactivated_at'>): void {
  if (row.deactivated_at !== null) {
    throw new DomainError('conflict', 'This service account is deactivated');
  }
}

/**
 * The holder as it stands once its account is locked (an active one, else 409): a token issued
 * while its grants are being changed copies the grants of after the change, never of before.
 */
async function lockedHolder(trx: Db, holder: TokenHolder): Promise<TokenHolder> {
  const row = await repository.lockServiceAccount(trx, holder.customerId, holder.userId);
  if (!row) throw notFound();
  requireActive(row);
  if (holder.customerId === null) return holder;
  return { ...holder, grants: plainGrants(await repository.grantsOfAccounts(trx, [row.id])) };
}

function plainGrants(grants: readonly Grant[]): Grant[] {
  return grants.map(({ contractId, section, profile }) => ({ contractId, section, profile }));
}

export async function issueServiceAccountToken(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
  id: string,
  body: IssueServiceAccountTokenBody,
): Promise<CreatedServiceAccountToken> {
  const { holder } = await accountFor(deps, auth, scope, id);
  return deps.db.transaction().execute(async (trx) => {
    const created = await tokens.issueToken(
      trx,
      await lockedHolder(trx, holder),
      body,
      deps.clock(),
    );
    await auditTokenIssued({ ...deps, db: trx }, auth, id, created);
    return created;
  });
}

export async function rotateServiceAccountToken(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
  id: string,
  tokenId: string,
  body: RotateServiceAccountTokenBody,
): Promise<CreatedServiceAccountToken> {
  const { holder } = await accountFor(deps, auth, scope, id);
  return deps.db.transaction().execute(async (trx) => {
    const { created, previousStopsAt } = await tokens.rotateToken(
      trx,
      await lockedHolder(trx, holder),
      tokenId,
      body,
      deps.clock(),
    );
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'token_rotated',
        actor: actorOf(auth),
        target: { type: 'api_token', id: tokenId },
        data: {
          serviceAccountId: id,
          newTokenId: created.id,
          previousStopsAt: previousStopsAt.toISOString(),
        },
      },
    );
    return created;
  });
}

export async function revokeServiceAccountToken(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
  id: string,
  tokenId: string,
): Promise<void> {
  await accountFor(deps, auth, scope, id);
  await deps.db.transaction().execute(async (trx) => {
    const isRevoked = await tokens.revokeToken(trx, id, tokenId, deps.clock());
    if (!isRevoked) return;
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'token_revoked',
        actor: actorOf(auth),
        target: { type: 'api_token', id: tokenId },
        data: { serviceAccountId: id },
      },
    );
  });
}

/** Deactivates the account for good: every token stops at once. */
export async function deactivateServiceAccount(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
  id: string,
): Promise<ServiceAccountView> {
  const { row } = await accountFor(deps, auth, scope, id);
  if (row.deactivated_at === null) {
    await deps.db.transaction().execute(async (trx) => {
      const scoped = { ...deps, db: trx };
      if (!(await repository.deactivateServiceAccount(trx, id, auth.user.id, deps.clock()))) return;
      const revoked = await revokeTokensOf(scoped, id);
      await recordAudit(scoped, {
        kind: 'service_account_deactivated',
        actor: actorOf(auth),
        target: { type: 'service_account', id },
        data: { tokensRevoked: revoked },
      });
    });
  }
  return getServiceAccount(deps, auth, scope, id);
}

/**
 * Replaces a customer's account's grants, in one transaction with its account locked: what
 * the change gives (a grant new or at another profile) at most the editor's own profile, on
 * contracts whose users they manage; what it takes away (a grant gone or changed) no higher
 * than the editor's own either; a grant kept as it was stays, whoever gave it. The account's
 * tokens act with the new grants from their next use (still capped by the creator's then).
 */
export async function setServiceAccountGrants(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: SetServiceAccountGrantsBody,
): Promise<ServiceAccountView> {
  const { holder } = await accountFor(deps, auth, 'customer', id);
  const grants = body.grants;
  await deps.db.transaction().execute(async (trx) => {
    const { grants: previous } = await lockedHolder(trx, holder);
    const change = grantsChange(previous, grants);
    requireGrantsWithinOwn(auth, grants, 'A service account', change.given);
    requireUsersManagerOn(auth, grants);
    requireTakenWithinOwn(auth, grants, change.taken);
    if (change.given.length === 0 && change.taken.length === 0) return;
    await repository.replaceGrants(trx, id, grants);
    await tokens.setGrantsOfTokens(trx, id, grants);
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'service_account_grants_changed',
        actor: actorOf(auth),
        target: { type: 'service_account', id },
        data: { before: { grants: previous }, after: { grants: plainGrants(grants) } },
      },
    );
  });
  return getServiceAccount(deps, auth, 'customer', id);
}

/**
 * Refuses (403 `taken_beyond_own_profile`) taking away a grant above the editor's own profile
 * (one they could not have given): on its `grants.N.profile` when the list keeps it at
 * another profile, on `grants` when it leaves it out.
 */
function requireTakenWithinOwn(
  auth: AuthContext,
  grants: readonly Grant[],
  taken: readonly Grant[],
): void {
  const beyond = grantsBeyond(taken, auth.grants);
  if (beyond.length === 0) return;
  throw new DomainError(
    'forbidden',
    'You cannot take away from a service account more than your own profile',
    beyond.map(({ grant, held }) => {
      const index = grants.findIndex(
        (kept) => kept.contractId === grant.contractId && kept.section === grant.section,
      );
      return {
        path: index === -1 ? 'grants' : `grants.${index}.profile`,
        rule: 'taken_beyond_own_profile',
        message: `${grant.profile} on ${grant.section} of ${grant.contractId}; your profile there: ${held ?? 'none'}`,
      };
    }),
  );
}

/** Changes a provider's account's role (admins); its tokens act with it at once. */
export async function setServiceAccountRole(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: ChangeOperatorRoleBody,
): Promise<ServiceAccountView> {
  const { holder } = await accountFor(deps, auth, 'provider', id);
  await deps.db.transaction().execute(async (trx) => {
    const row = await repository.lockServiceAccount(trx, holder.customerId, id);
    if (!row || row.role === null) throw notFound();
    requireActive(row);
    if (row.role === body.role) return;
    await repository.setRole(trx, id, body.role);
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'service_account_role_changed',
        actor: actorOf(auth),
        target: { type: 'service_account', id },
        data: { before: { role: row.role }, after: { role: body.role } },
      },
    );
  });
  return getServiceAccount(deps, auth, 'provider', id);
}
