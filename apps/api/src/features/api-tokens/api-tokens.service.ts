import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  DomainError,
  requireDistinctGrants,
  effectiveTokenGrants,
  grantsBeyond,
  isRoleWithin,
  profileOn,
  tokenOperatorRole,
} from '@guichet/domain';
import type { ErrorDetail, Grant, OperatorRole } from '@guichet/domain';
import type {
  ApiTokenList,
  ApiTokenView,
  CreateApiTokenBody,
  CreatedApiToken,
  CreateOperatorApiTokenBody,
  CreatedOperatorApiToken,
  OperatorApiTokenList,
  OperatorApiTokenView,
} from '@guichet/contracts';
import { requireOperator } from '../../http/access.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireInteractiveSession } from '../../http/access.ts';
import * as repository from './api-tokens.repository.ts';
import type { OperatorTokenRow, TokenRow } from './api-tokens.repository.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { toAuthUser } from '../../lib/auth-user.ts';

/** Tokens start with this, so that secret scanners and people recognise them. */
export const tokenPrefix = 'gch_';
/** A token's last use is written at most this often. */
const touchEveryMs = 60_000;

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): { token: string; tokenHash: string; prefix: string } {
  const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashOf(token), prefix: token.slice(0, tokenPrefix.length + 6) };
}

export function expiryOf(now: Date, expiresInDays: number | null): Date | null {
  return expiresInDays === null ? null : new Date(now.getTime() + expiresInDays * 86_400_000);
}

/**
 * Writes a new token of the caller and its audit event in one transaction; returns its id and
 * the token itself, shown once (only its sha256 is kept).
 */
async function issueToken(
  deps: Deps,
  auth: AuthContext,
  token: {
    name: string;
    expiresInDays: number | null;
    customerId: string | null;
    role: OperatorRole | null;
    grants: readonly Grant[];
  },
  auditData: Record<string, unknown>,
): Promise<{ id: string; token: string }> {
  const now = deps.clock();
  const { token: secret, tokenHash, prefix } = newToken();
  const id = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    await repository.insertToken(trx, {
      id,
      userId: auth.user.id,
      customerId: token.customerId,
      role: token.role,
      name: token.name,
      tokenHash,
      prefix,
      at: now,
      expiresAt: expiryOf(now, token.expiresInDays),
      grants: token.grants,
    });
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'token_created',
        actor: auth.user,
        target: { type: 'api_token', id },
        data: { name: token.name, ...auditData },
      },
    );
  });
  return { id, token: secret };
}

/** Revokes a token of the caller found by `id` (none: a 404); a revoked one stays as it is. */
async function revokeOwnToken(
  deps: Deps,
  auth: AuthContext,
  id: string,
  row: { revoked_at: Date | null } | undefined,
): Promise<void> {
  if (!row) throw new DomainError('not_found', 'API token not found');
  if (row.revoked_at !== null) return;
  await deps.db.transaction().execute(async (trx) => {
    await repository.revokeToken(trx, auth.user.id, id, deps.clock());
    await recordAudit(
      { ...deps, db: trx },
      { kind: 'token_revoked', actor: auth.user, target: { type: 'api_token', id } },
    );
  });
}

/** The dates every token shows, a customer's or an operator's. */
function tokenDates(row: TokenRow | OperatorTokenRow) {
  return {
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** How every token is named in a list, a customer's or an operator's. */
function tokenNaming(row: TokenRow | OperatorTokenRow) {
  return { id: row.id, name: row.name, prefix: row.prefix };
}

function toView(row: TokenRow, grants: readonly Grant[]): ApiTokenView {
  return {
    ...tokenNaming(row),
    perimeter: { customerId: row.customer_id, name: row.customer_name },
    grants: grants.map(({ contractId, section, profile }) => ({ contractId, section, profile })),
    ...tokenDates(row),
  };
}

/**
 * Refuses grants on a contract outside the caller's perimeter (404), a (contract, section)
 * given twice (400) or a profile above the caller's own (403): what a personal token and a
 * customer's service account may hold, each detail on its `grants.N` field. `given`: those of
 * `grants` the caller gives now (all by default; when a list is edited, those it changes).
 */
export function requireGrantsWithinOwn(
  auth: AuthContext,
  grants: readonly Grant[],
  subject: string,
  given: readonly Grant[] = grants,
): void {
  const unknown: ErrorDetail[] = grants.flatMap((grant, index) =>
    auth.grants.some((held) => held.contractId === grant.contractId)
      ? []
      : [{ path: `grants.${index}.contractId`, message: 'Contract not found' }],
  );
  if (unknown.length > 0) throw new DomainError('not_found', 'Contract not found', unknown);
  requireDistinctGrants(grants);
  const beyond = new Set(grantsBeyond(given, auth.grants).map((item) => item.grant));
  if (beyond.size > 0) {
    throw new DomainError(
      'forbidden',
      `${subject} cannot exceed your own profile`,
      grants.flatMap((grant, index) =>
        beyond.has(grant)
          ? [
              {
                path: `grants.${index}.profile`,
                rule: 'beyond_own_profile',
                message: `Your profile there: ${profileOn(auth.grants, grant.contractId, grant.section) ?? 'none'}`,
              },
            ]
          : [],
      ),
    );
  }
}

/**
 * Creates a token limited to contracts of the current perimeter (one customer) and to at most
 * the caller's own profile on each. The token is returned once; only its sha256 is kept.
 */
export async function createToken(
  deps: Deps,
  auth: AuthContext,
  body: CreateApiTokenBody,
): Promise<CreatedApiToken> {
  requireInteractiveSession(auth);
  if (auth.user.kind !== 'customer' || auth.perimeter === null) {
    throw new DomainError('forbidden', 'API tokens act for a customer: choose a perimeter first');
  }
  requireGrantsWithinOwn(auth, body.grants, 'A token');
  const { id, token } = await issueToken(
    deps,
    auth,
    { ...body, customerId: auth.perimeter.customerId, role: null },
    { grants: body.grants },
  );
  const row = await repository.findToken(deps.db, auth.user.id, id);
  if (!row) throw new Error('token vanished right after its creation');
  return { ...toView(row, body.grants), token };
}

export async function listTokens(deps: Deps, auth: AuthContext): Promise<ApiTokenList> {
  const rows = await repository.listTokens(deps.db, auth.user.id);
  const grants = await repository.grantsOfTokens(
    deps.db,
    rows.map((row) => row.id),
  );
  return {
    items: rows.map((row) =>
      toView(
        row,
        grants.filter((grant) => grant.tokenId === row.id),
      ),
    ),
  };
}

/** Revokes one of the caller's tokens at once; another user's token is a 404. */
export async function revokeToken(deps: Deps, auth: AuthContext, id: string): Promise<void> {
  await revokeOwnToken(deps, auth, id, await repository.findToken(deps.db, auth.user.id, id));
}

/**
 * Who calls with `Authorization: Bearer <token>`. A customer's token: the owner, in the
 * token's customer as the only perimeter, with the token's grants capped by the owner's grants
 * of this instant. An operator's token: the owner with their role of this instant (or the
 * token's lower limit), no perimeter, no grants. Null for an unknown, revoked or expired
 * token, a deactivated owner, or an operator token whose limit the owner's role no longer covers.
 * A customer's service account's token: its grants capped by its creator's of this instant.
 */
/** Of these tokens (ids as in `AuthContext.apiTokenId`), those still live: a live stream asks. */
export async function liveTokenIds(deps: Deps, ids: readonly string[]): Promise<Set<string>> {
  return new Set(await repository.findLiveTokenIds(deps.db, ids, deps.clock()));
}

export async function resolveApiToken(deps: Deps, token: string): Promise<AuthContext | null> {
  if (!token.startsWith(tokenPrefix) || token.length > 200) return null;
  const now = deps.clock();
  const row = await repository.findLiveToken(deps.db, hashOf(token), now);
  if (!row) return null;
  const user = toAuthUser({ ...row, id: row.user_id });
  const touch = async () => {
    if (row.last_used_at === null || now.getTime() - row.last_used_at.getTime() > touchEveryMs) {
      await repository.touchToken(deps.db, row.id, now);
    }
  };
  if (row.customer_id === null || row.customer_name === null) {
    const role =
      row.kind === 'operator' && row.operator_role !== null
        ? tokenOperatorRole(row.operator_role, row.role_limit)
        : null;
    if (role === null) return null;
    await touch();
    return {
      sessionId: '',
      apiTokenId: row.id,
      user: { ...user, operatorRole: role },
      perimeters: [],
      perimeter: null,
      grants: [],
    };
  }
  // a customer's service account holds no grant of its own: its creator's of this instant cap it
  const rightsHolder = row.service_account_creator_id ?? row.user_id;
  if (row.service_account_creator_id !== null && row.creator_deactivated_at !== null) return null;
  const [tokenGrants, ownerGrants] = await Promise.all([
    repository.grantsOfTokens(deps.db, [row.id]),
    repository.ownerGrantsAt(deps.db, rightsHolder, row.customer_id),
  ]);
  await touch();
  const perimeter = { customerId: row.customer_id, name: row.customer_name };
  return {
    sessionId: '',
    apiTokenId: row.id,
    user,
    perimeters: [perimeter],
    perimeter,
    grants: effectiveTokenGrants(
      tokenGrants.map(({ contractId, section, profile }) => ({ contractId, section, profile })),
      ownerGrants,
    ),
  };
}

// ---- operators' tokens (ADR 0015) ----------------------------------------------------------

function toOperatorTokenView(row: OperatorTokenRow): OperatorApiTokenView {
  return {
    ...tokenNaming(row),
    role: row.operator_role,
    ...tokenDates(row),
  };
}

/**
 * An operator's personal token: no customer, no grants; it acts with the owner's role of each
 * instant, or a lower role it is limited to. Only from a session opened with the password.
 */
export async function createOperatorToken(
  deps: Deps,
  auth: AuthContext,
  body: CreateOperatorApiTokenBody,
): Promise<CreatedOperatorApiToken> {
  const ownRole = requireOperator(auth);
  requireInteractiveSession(auth);
  if (body.role !== null && !isRoleWithin(body.role, ownRole)) {
    throw new DomainError('forbidden', 'A token cannot exceed your own role', [
      { path: 'role', rule: 'beyond_own_role', message: `Your role: ${ownRole}` },
    ]);
  }
  const { id, token } = await issueToken(
    deps,
    auth,
    { ...body, customerId: null, grants: [] },
    { operatorRole: body.role },
  );
  const row = await repository.findOperatorToken(deps.db, auth.user.id, id);
  if (!row) throw new Error('token vanished right after its creation');
  return { ...toOperatorTokenView(row), token };
}

export async function listOperatorTokens(
  deps: Deps,
  auth: AuthContext,
): Promise<OperatorApiTokenList> {
  requireOperator(auth);
  requireInteractiveSession(auth);
  const rows = await repository.listOperatorTokens(deps.db, auth.user.id);
  return { items: rows.map(toOperatorTokenView) };
}

/** Revokes one of the caller's operator tokens at once; anyone else's is a 404. */
export async function revokeOperatorToken(
  deps: Deps,
  auth: AuthContext,
  id: string,
): Promise<void> {
  requireOperator(auth);
  requireInteractiveSession(auth);
  const row = await repository.findOperatorToken(deps.db, auth.user.id, id);
  await revokeOwnToken(deps, auth, id, row);
}

/** Revokes every token of the user at once (deactivation), in the caller's transaction. */
export async function revokeTokensOf(deps: Deps, userId: string): Promise<number> {
  return repository.revokeTokensOf(deps.db, userId, deps.clock());
}
