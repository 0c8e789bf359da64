import { randomUUID } from 'node:crypto';
import {
  DomainError,
  contractsBeyondUserManagement,
  hasProfile,
  mayManageServiceAccount,
  rolesWith,
  serviceAccountMailDomain,
} from '@guichet/domain';
import type { Grant } from '@guichet/domain';
import type {
  CreatedServiceAccount,
  CreatedServiceAccountToken,
  CreateOperatorServiceAccountBody,
  CreateServiceAccountBody,
  IssueServiceAccountTokenBody,
  RotateServiceAccountTokenBody,
  ServiceAccountList,
  ServiceAccountTokenView,
  ServiceAccountView,
} from '@guichet/contracts';
import { requireInteractiveSession, requireOperator } from '../../http/access.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { requireGrantsWithinOwn, revokeTokensOf } from '../api-tokens/api-tokens.service.ts';
import * as tokens from '../api-tokens/service-account-tokens.service.ts';
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
    const unmanaged = new Set(
      contractsBeyondUserManagement(
        auth.grants,
        grants.map((grant) => grant.contractId),
      ),
    );
    if (unmanaged.size > 0) {
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

function requireActive(row: ServiceAccountRow): void {
  if (row.deactivated_at !== null) {
    throw new DomainError('conflict', 'This service account is deactivated');
  }
}

export async function issueServiceAccountToken(
  deps: Deps,
  auth: AuthContext,
  scope: Scope,
  id: string,
  body: IssueServiceAccountTokenBody,
): Promise<CreatedServiceAccountToken> {
  const { row, holder } = await accountFor(deps, auth, scope, id);
  requireActive(row);
  return deps.db.transaction().execute(async (trx) => {
    const created = await tokens.issueToken(trx, holder, body, deps.clock());
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
  const { row, holder } = await accountFor(deps, auth, scope, id);
  requireActive(row);
  return deps.db.transaction().execute(async (trx) => {
    const { created, previousStopsAt } = await tokens.rotateToken(
      trx,
      holder,
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
